package io.mailtune.agent.embedded;

import io.mailtune.agent.config.KafkaSettings;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The Kafka cluster the agent talks to: the configured one, or an embedded single-node broker under the data directory
 * when none is configured. Mailtune's topics are created when missing.
 */
@ApplicationScoped
public class KafkaEndpoint {

    private static final Logger LOG = Logger.getLogger(KafkaEndpoint.class);

    private final KafkaSettings settings;
    private final StorageSettings storage;
    /** Static: the broker outlives this bean until the application context is gone (see {@link #stop}). */
    private static volatile EmbeddedKafkaBroker broker;
    private String bootstrapServers;

    KafkaEndpoint(KafkaSettings settings, StorageSettings storage) {
        this.settings = settings;
        this.storage = storage;
    }

    @PostConstruct
    void start() {
        if (settings.bootstrapServers().isPresent()) {
            bootstrapServers = settings.bootstrapServers().get();
            LOG.infof("Kafka cluster at %s", bootstrapServers);
        } else {
            broker = EmbeddedKafkaBroker.start(storage.dataDir().resolve("kafka"), settings.embeddedPort());
            bootstrapServers = broker.bootstrapServers();
            LOG.infof("embedded Kafka broker on %s (data in %s)", bootstrapServers, broker.dataDir());
        }
        TopicSetup.ensure(bootstrapServers, settings.partitions(), settings.replicationFactor());
    }

    /** The {@code bootstrap.servers} every client of the agent uses. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether the broker runs inside this process. */
    public boolean embedded() {
        return broker != null;
    }

    /** Stops the embedded broker once every other bean is gone (its clients closed first). */
    static void stop(@Observes @Destroyed(ApplicationScoped.class) Object event) {
        EmbeddedKafkaBroker running = broker;
        broker = null;
        if (running != null) {
            running.close();
        }
    }
}
