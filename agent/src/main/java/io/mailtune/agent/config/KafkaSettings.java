package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The Kafka cluster, or the embedded broker when none is configured. */
@ConfigMapping(prefix = "mailtune.kafka")
public interface KafkaSettings {

    /** The cluster's bootstrap servers; absent: start the embedded single-node broker. */
    Optional<String> bootstrapServers();

    /** The embedded broker's port (0: any free port). */
    @WithDefault("0")
    int embeddedPort();

    /** Partitions of the mail and reply topics when the agent creates them. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of topics the agent creates (1 for one broker, 3 for a production cluster). */
    @WithDefault("1")
    short replicationFactor();

    /** The consumer group every agent instance of a deployment shares for {@code mailtune.inbound}. */
    @WithDefault("mailtune-agent")
    String consumerGroup();
}
