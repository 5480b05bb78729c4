package io.mailtune.core.contract;

import io.mailtune.core.contract.TopicContract;
import io.mailtune.core.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates Mailtune's topics when they are missing; existing topics are left exactly as they are. */
public final class TopicSetup {

    private TopicSetup() {
    }

    /**
     * Ensures every topic of {@link Topics#all()} exists: the adapter topics with one partition (one total order of
     * promotions) kept forever, the others with {@code partitions} partitions.
     *
     * @param replicationFactor 1 for a single broker, 3 for a production cluster
     */
    public static void ensure(String bootstrapServers, int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
        }
        List<NewTopic> topics = new ArrayList<>();
        for (TopicContract<?> topic : Topics.all()) {
            boolean forever = Topics.isSinglePartitionForever(topic);
            NewTopic newTopic = new NewTopic(topic.name(), forever ? 1 : partitions, replicationFactor);
            // Adapter history is small and is the audit trail of every promotion; agents fetch any live or earlier
            // adapter's files from it: keep both forever.
            if (forever) {
                newTopic.configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
            }
            topics.add(newTopic);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + " on " + bootstrapServers
                                + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not confirm topic creation within 30 s", e);
        }
    }
}
