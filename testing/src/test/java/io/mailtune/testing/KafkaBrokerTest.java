package io.mailtune.testing;

import io.mailtune.core.assignment.MailboxPartitions;
import io.mailtune.core.contract.TopicContract;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.core.contract.Topics;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.testing.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaBrokerTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @Test
    void aRecordProducedIsConsumedByASeparateConsumerGroup() throws Exception {
        String topic = Topics.INBOUND.name();
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(topic, "thread-a", bytes("hello from ingest"))).get();
        }
        for (String group : List.of("agents", "auditors")) {
            try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(group)) {
                consumer.subscribe(List.of(topic));
                List<ConsumerRecord<String, byte[]>> records = pollAtLeast(consumer, 1);
                assertTrue(records.stream().anyMatch(r -> r.key().equals("thread-a")
                        && new String(r.value(), StandardCharsets.UTF_8).equals("hello from ingest")), "group " + group);
            }
        }
    }

    @Test
    void committedRecordsAndConsumerOffsetsSurviveARestartOnTheSameDirectory() throws Exception {
        String topic = Topics.APPROVED.name();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "t", bytes("reply-" + i))).get();
            }
        }
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("trainer")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, byte[]>> records = pollAtLeast(consumer, 10);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(records.get(4).offset() + 1)));
        }

        kafka.restart();

        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("trainer")) {
            consumer.assign(List.of(partition));
            List<ConsumerRecord<String, byte[]>> rest = pollAtLeast(consumer, 5);
            assertEquals("reply-5", new String(rest.getFirst().value(), StandardCharsets.UTF_8), "resumes after the committed offset");
            assertEquals(5, rest.size());
        }
        try (KafkaConsumer<String, byte[]> fresh = kafka.consumer("newcomer")) {
            fresh.assign(List.of(partition));
            fresh.seekToBeginning(List.of(partition));
            assertEquals(10, pollAtLeast(fresh, 10).size(), "every committed record is still on disk");
        }
    }

    @Test
    void mailtuneTopicsExistWithOnePartitionForAdapters() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    Set.of(Topics.INBOUND.name(), Topics.APPROVED.name(), Topics.ADAPTERS.name(), Topics.ADAPTER_FILES.name()))
                    .allTopicNames().get();
            assertEquals(1, topics.get(Topics.ADAPTERS.name()).partitions().size());
            assertEquals(1, topics.get(Topics.ADAPTER_FILES.name()).partitions().size());
            assertEquals(3, topics.get(Topics.INBOUND.name()).partitions().size());
        }
    }

    @Test
    void theMailboxOwnersAreCompactedAndAMailboxsRecordLandsOnThePartitionThatDecidesIt() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        String topic = Topics.MAILBOX_OWNERS.name();
        try (Admin admin = Admin.create(props)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertEquals("compact", admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value());
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
                for (String mailbox : List.of("support", "billing", "returns", "sales-eu")) {
                    int partition = producer.send(new ProducerRecord<>(topic, mailbox, bytes("{}"))).get().partition();
                    assertEquals(MailboxPartitions.of(mailbox, partitions), partition, "Kafka's default partitioner agrees for " + mailbox);
                }
            }
        }
    }

    @Test
    void aTopicGrowsToTheRequestedPartitionsButNeverShrinks() {
        assertEquals(5, TopicSetup.ensurePartitions(kafka.bootstrapServers(), Topics.MAILBOX_OWNERS, 5));
        assertEquals(5, TopicSetup.ensurePartitions(kafka.bootstrapServers(), Topics.MAILBOX_OWNERS, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TopicSetup.ensurePartitions(kafka.bootstrapServers(),
                new TopicContract<>("mailtune.missing", String.class, s -> s, "itself"), 2));
        assertTrue(e.getMessage().startsWith("cannot grow topic mailtune.missing on " + kafka.bootstrapServers()), e.getMessage());
    }

    @Test
    void creatingTopicsAgainLeavesThemAsTheyAre() {
        TopicSetup.ensure(kafka.bootstrapServers(), 7, (short) 1);
    }

    @Test
    void aDataDirectoryThatIsAFileIsRejectedWithItsPath(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedKafkaBroker.start(file));
        assertEquals("Kafka data directory " + file + " is a file, not a directory", e.getMessage());
    }

    @Test
    void anOutOfRangePortIsRejected(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddedKafkaBroker.start(tmp, 70000));
        assertEquals("port must be 0 (any free port) or 1-65535, was 70000", e.getMessage());
    }

    private static List<ConsumerRecord<String, byte[]>> pollAtLeast(KafkaConsumer<String, byte[]> consumer, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertTrue(records.size() >= count, "expected " + count + " records, got " + records.size());
        return records;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
