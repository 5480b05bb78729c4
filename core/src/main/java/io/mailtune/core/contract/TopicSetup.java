package io.mailtune.core.contract;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates Mailtune's topics when they are missing; existing topics are left exactly as they are. */
public final class TopicSetup {

    private TopicSetup() {
    }

    /**
     * Ensures every topic of {@link Topics#all()} exists: the adapter topics with one partition (one total order of
     * promotions) kept forever, the others with {@code partitions} partitions, the mailbox owners compacted.
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
            } else if (Topics.isCompacted(topic)) {
                newTopic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(newTopic);
        }
        try (Admin admin = admin(bootstrapServers)) {
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

    /**
     * Grows a topic to at least {@code atLeast} partitions and returns its partition count; a topic with enough is left
     * as it is (Kafka never shrinks one). Growing changes which partition a key goes to: for
     * {@link Topics#MAILBOX_OWNERS} most mailboxes then move to another instance once, fenced like any takeover.
     */
    public static int ensurePartitions(String bootstrapServers, TopicContract<?> topic, int atLeast) {
        return ensurePartitions(bootstrapServers, new Properties(), topic, atLeast);
    }

    /**
     * {@link #ensurePartitions(String, TopicContract, int)} on a cluster that needs client settings (security, SASL,
     * SSL): the ones an admin client knows are applied, the others ignored.
     */
    public static int ensurePartitions(String bootstrapServers, Properties clientProperties, TopicContract<?> topic, int atLeast) {
        if (atLeast < 1) {
            throw new IllegalArgumentException("atLeast must be at least 1, was " + atLeast);
        }
        Properties props = new Properties();
        if (clientProperties != null) {
            Set<String> known = AdminClientConfig.configNames();
            clientProperties.forEach((k, v) -> {
                if (known.contains(String.valueOf(k))) {
                    props.put(k, v);
                }
            });
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            int current = partitionCount(admin, topic);
            if (current >= atLeast) {
                return current;
            }
            try {
                admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(atLeast))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another instance grew it at the same moment.
                if (!(e.getCause() instanceof InvalidPartitionsException) || partitionCount(admin, topic) < atLeast) {
                    throw e;
                }
            }
            return awaitPartitions(admin, topic, atLeast);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot grow topic " + topic.name() + " on " + bootstrapServers + " to " + atLeast
                    + " partitions: " + e.getCause().getMessage() + " (create it with TopicSetup.ensure first; growing needs"
                    + " the ALTER permission on the topic)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while growing topic " + topic.name(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s while growing topic " + topic.name(), e);
        }
    }

    /**
     * Waits until the cluster describes the grown topic: a broker's metadata can trail the controller's decision, and a
     * caller that read the old count would map keys to partitions differently from its peers.
     */
    private static int awaitPartitions(Admin admin, TopicContract<?> topic, int atLeast)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            int count = partitionCount(admin, topic);
            if (count >= atLeast) {
                return count;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + topic.name() + " still has " + count + " partitions 30 s after growing it to " + atLeast);
            }
            Thread.sleep(50);
        }
    }

    private static int partitionCount(Admin admin, TopicContract<?> topic) throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(topic.name())).allTopicNames().get(30, TimeUnit.SECONDS).get(topic.name()).partitions().size();
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }
}
