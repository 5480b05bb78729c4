package io.mailtune.ingest.pipeline;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.SeenMessages;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes accepted mail to {@link Topics#INBOUND} exactly once. Before a batch is sent, each message is written as
 * pending with its partition and that partition's end offset; after the broker acknowledged every record
 * (idempotent producer, acks=all), the dedupe keys and the caller's checkpoint are committed in one transaction and
 * the pending rows removed. If the process dies in between, {@link #recover} reads the log from the recorded offsets
 * and marks what reached the broker as published, so re-reading the source publishes only what is missing.
 */
public final class InboundPublisher implements AutoCloseable {

    /** Kafka record header carrying {@link InboundEmail#emailId()}, read back during recovery. */
    public static final String EMAIL_ID_HEADER = "mailtune-email-id";

    private final IngestDatabase db;
    private final SeenMessages seen;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> offsets;
    private final String topic = Topics.INBOUND.name();
    private final Duration ackTimeout;

    /** A publisher to the cluster at the bootstrap servers; extra producer properties override the defaults. */
    public InboundPublisher(String bootstrapServers, IngestDatabase db, Properties producerOverrides, Duration ackTimeout) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one broker host:port");
        }
        this.db = db;
        this.seen = new SeenMessages(db);
        this.ackTimeout = ackTimeout;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        // Mail records are 2-20 kB: the default 16 kB batch would carry one record per request.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(ackTimeout.toMillis(), 1000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(ackTimeout.toMillis() / 2, 500)));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailtune-ingest");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        if (producerOverrides != null) {
            p.putAll(producerOverrides);
        }
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailtune-ingest-recovery");
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        this.offsets = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Work committed together with the dedupe keys, typically the folder checkpoint. */
    @FunctionalInterface
    public interface CommitStep {
        /** Runs inside the commit transaction. */
        void run(Connection connection) throws SQLException;
    }

    /**
     * Publishes the batch, waits for every acknowledgement, then commits dedupe keys and the step in one transaction.
     * Throws when the broker did not acknowledge in time; nothing is committed then and {@link #recover} settles it.
     */
    public synchronized void publish(String mailbox, List<IntakeOutcome.Accepted> batch, CommitStep step) {
        // An earlier batch that failed is settled first, so its pending rows are never mistaken for this batch's.
        recover(mailbox);
        if (batch.isEmpty()) {
            db.inTransaction(c -> {
                step.run(c);
                return null;
            });
            return;
        }
        int partitions = producer.partitionsFor(topic).size();
        Map<IntakeOutcome.Accepted, Integer> partitionOf = new HashMap<>();
        Set<TopicPartition> touched = new HashSet<>();
        for (IntakeOutcome.Accepted a : batch) {
            int partition = partitionFor(Topics.INBOUND.keyOf(a.email()), partitions);
            partitionOf.put(a, partition);
            touched.add(new TopicPartition(topic, partition));
        }
        Map<TopicPartition, Long> ends = offsets.endOffsets(touched, ackTimeout);
        db.inTransaction(c -> {
            insertPending(c, mailbox, batch, partitionOf, ends);
            return null;
        });
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (IntakeOutcome.Accepted a : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partitionOf.get(a), Topics.INBOUND.keyOf(a.email()),
                    EventCodec.encode(a.email()));
            record.headers().add(EMAIL_ID_HEADER, a.email().emailId().getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        producer.flush();
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch of " + batch.size() + " for mailbox " + mailbox
                    + "; nothing was checkpointed and recovery will settle it: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka acknowledgements", e);
        }
        db.inTransaction(c -> {
            seen.recordAll(c, mailbox, batch.stream().map(a -> new SeenMessages.Published(a.email().messageId(), a.contentHash(),
                    a.email().emailId(), a.email().threadId())).toList());
            deletePending(c, batch.stream().map(a -> a.email().emailId()).toList());
            step.run(c);
            return null;
        });
    }

    /**
     * Settles a batch interrupted by a crash: reads the partitions from the offsets recorded before sending and
     * marks every pending message found in the log as published. Returns how many were found.
     */
    public synchronized int recover(String mailbox) {
        record Pending(String emailId, String messageId, String contentHash, String threadId, int partition, long offset) {
        }
        List<Pending> pending = db.inTransaction(c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT email_id, message_id, content_hash, thread_id, topic_partition,"
                    + " start_offset FROM ingest_pending WHERE mailbox = ?")) {
                s.setString(1, mailbox);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Pending(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5), r.getLong(6)));
                    }
                }
            }
            return out;
        });
        if (pending.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> from = new HashMap<>();
        for (Pending p : pending) {
            from.merge(new TopicPartition(topic, p.partition()), p.offset(), Math::min);
        }
        Set<String> published = new HashSet<>();
        offsets.assign(from.keySet());
        Map<TopicPartition, Long> ends = offsets.endOffsets(from.keySet(), ackTimeout);
        from.forEach(offsets::seek);
        long deadline = System.nanoTime() + ackTimeout.toNanos() * 4;
        while (from.keySet().stream().anyMatch(tp -> offsets.position(tp) < ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read back the inbound topic to settle " + pending.size()
                        + " pending messages of mailbox " + mailbox);
            }
            for (ConsumerRecord<String, byte[]> r : offsets.poll(Duration.ofMillis(200))) {
                Header id = r.headers().lastHeader(EMAIL_ID_HEADER);
                if (id != null) {
                    published.add(new String(id.value(), StandardCharsets.UTF_8));
                }
            }
        }
        offsets.unsubscribe();
        db.inTransaction(c -> {
            seen.recordAll(c, mailbox, pending.stream().filter(p -> published.contains(p.emailId()))
                    .map(p -> new SeenMessages.Published(p.messageId(), p.contentHash(), p.emailId(), p.threadId())).toList());
            deletePending(c, pending.stream().map(Pending::emailId).toList());
            return null;
        });
        return (int) pending.stream().filter(p -> published.contains(p.emailId())).count();
    }

    /** The partition Kafka's default partitioner picks for a key, computed here so it can be recorded before sending. */
    static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void insertPending(Connection c, String mailbox, List<IntakeOutcome.Accepted> batch,
                                      Map<IntakeOutcome.Accepted, Integer> partitionOf, Map<TopicPartition, Long> ends) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ingest_pending (email_id, mailbox, message_id, content_hash,"
                + " thread_id, topic_partition, start_offset, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long now = System.currentTimeMillis();
            for (IntakeOutcome.Accepted a : batch) {
                int partition = partitionOf.get(a);
                Long offset = ends.get(new TopicPartition(Topics.INBOUND.name(), partition));
                s.setString(1, a.email().emailId());
                s.setString(2, mailbox);
                s.setString(3, a.email().messageId());
                s.setString(4, a.contentHash());
                s.setString(5, a.email().threadId());
                s.setInt(6, partition);
                s.setLong(7, offset == null ? 0 : offset);
                s.setLong(8, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void deletePending(Connection c, List<String> emailIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM ingest_pending WHERE email_id = ?")) {
            for (String id : emailIds) {
                s.setString(1, id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Flushes and closes the Kafka clients. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        offsets.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
