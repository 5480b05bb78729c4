package io.mailtune.ingest.pipeline;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.PublishedLog;
import io.mailtune.ingest.store.SeenMessages;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Publishes accepted mail to {@link Topics#INBOUND} exactly once. Each batch is one Kafka transaction; after it
 * committed, the dedupe keys, the log position and the caller's checkpoint are committed in one database transaction.
 * Whatever breaks in between — the process killed, a database commit lost, a commit request left unanswered — the
 * next attempt first fences the old producer (the broker aborts its open transaction, so a zombie's records never
 * become visible) and then reads the log from the recorded position, recording every message this store published as
 * seen; fetching the source again then publishes only what is missing. Each batch is deduplicated once more under the
 * publisher's lock, so callers that deduplicated concurrently (two folders, an importer) never publish a message twice. Consumers read with
 * {@code isolation.level=read_committed}. One publisher per store: a second one on the same database fences the first.
 */
public final class InboundPublisher implements AutoCloseable {

    /** Kafka record header naming the store that published the record (its {@link PublishedLog} identity). */
    public static final String PUBLISHER_HEADER = "mailtune-publisher";
    /** Kafka record header carrying {@link InboundEmail#emailId()}. */
    public static final String EMAIL_ID_HEADER = "mailtune-email-id";
    /** Kafka record header carrying the mailbox the message was read from. */
    public static final String MAILBOX_HEADER = "mailtune-mailbox";
    /** Kafka record header carrying the Message-ID, half of the dedupe key. */
    public static final String MESSAGE_ID_HEADER = "mailtune-message-id";
    /** Kafka record header carrying the content hash, the other half of the dedupe key. */
    public static final String CONTENT_HASH_HEADER = "mailtune-content-hash";

    private final IngestDatabase db;
    private final SeenMessages seen;
    private final Properties producerConfig;
    private final KafkaConsumer<String, byte[]> log;
    /** Reads the high watermark: a read_committed consumer's end offset lags while commit markers are being written. */
    private final KafkaConsumer<String, byte[]> watermarks;
    private final String topic = Topics.INBOUND.name();
    private final Duration ackTimeout;
    private String publisherId;
    private KafkaProducer<String, byte[]> producer;
    private boolean settled;

    /** A publisher to the cluster at the bootstrap servers; extra producer properties override the defaults. */
    public InboundPublisher(String bootstrapServers, IngestDatabase db, Properties producerOverrides, Duration ackTimeout) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one broker host:port");
        }
        if (ackTimeout == null || ackTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("ackTimeout must be positive, was " + ackTimeout);
        }
        this.db = db;
        this.seen = new SeenMessages(db);
        this.ackTimeout = ackTimeout;
        Properties p = producerSettings(bootstrapServers, ackTimeout);
        if (producerOverrides != null) {
            p.putAll(producerOverrides);
        }
        this.producerConfig = p;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailtune-ingest-recovery");
        c.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        this.log = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailtune-ingest-watermarks");
        this.watermarks = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The producer settings the publisher starts from (before overrides and its transactional id), public so that
     * benchmarks measure Kafka with exactly these.
     */
    public static Properties producerSettings(String bootstrapServers, Duration ackTimeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        // Mail records are 2-20 kB: the default 16 kB batch would carry one record per request.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(ackTimeout.toMillis(), 1000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(ackTimeout.toMillis() / 2, 500)));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        // A transaction left open by a dead gateway holds back read_committed consumers until the next start fences
        // it or this timeout aborts it.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(Math.max(2 * ackTimeout.toMillis(), 10_000)));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailtune-ingest");
        return p;
    }

    /** Work committed together with the dedupe keys, typically the folder checkpoint. */
    @FunctionalInterface
    public interface CommitStep {
        /** Runs inside the commit transaction. */
        void run(Connection connection) throws SQLException;
    }

    /**
     * Publishes the batch in one Kafka transaction, then commits dedupe keys, log position and the step in one
     * database transaction. Messages that an earlier, interrupted attempt already published are left out. Throws when
     * Kafka did not commit in time; nothing is checkpointed then, and the next call settles it from the log.
     */
    public synchronized void publish(String mailbox, List<IntakeOutcome.Accepted> batch, CommitStep step) {
        settle();
        // Dedupe again under the publisher's lock: another folder, an importer or a settle may have published a
        // message of this batch since the caller deduplicated it.
        List<IntakeOutcome.Accepted> missing = db.inTransaction(c -> {
            Set<String> known = SeenMessages.among(c, mailbox, batch.stream().map(a -> a.email().messageId()).toList());
            List<IntakeOutcome.Accepted> out = new ArrayList<>();
            for (IntakeOutcome.Accepted a : batch) {
                if (!known.contains(SeenMessages.key(a.email().messageId(), a.contentHash()))) {
                    out.add(a);
                    continue;
                }
                String copy = SeenMessages.find(c, mailbox, a.email().messageId(), a.contentHash())
                        .map(seen -> "email " + seen.emailId() + " in thread " + seen.threadId()).orElse("a copy published meanwhile");
                MessageIntake.duplicate(c, mailbox, a.source(), a.email().messageId(), copy + ", found published when this batch was about to be");
            }
            return out;
        });
        if (missing.isEmpty()) {
            commit(mailbox, List.of(), Map.of(), step);
            return;
        }
        Map<Integer, Long> next = new HashMap<>();
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> acks = new ArrayList<>(missing.size());
            for (IntakeOutcome.Accepted a : missing) {
                acks.add(producer.send(record(mailbox, a)));
            }
            producer.commitTransaction();
            for (Future<RecordMetadata> ack : acks) {
                RecordMetadata m = ack.get();
                next.merge(m.partition(), m.offset() + 1, Math::max);
            }
        } catch (ExecutionException | RuntimeException e) {
            discardProducer();
            throw new IllegalStateException("Kafka did not commit the batch of " + missing.size() + " for mailbox " + mailbox
                    + "; nothing was checkpointed and the next attempt settles it from the log: " + e, e);
        } catch (InterruptedException e) {
            discardProducer();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka to commit", e);
        }
        commit(mailbox, missing, next, step);
    }

    /**
     * Makes the store agree with the log: fences any earlier producer of this store and records as seen every message
     * it published past the recorded positions. Returns how many such messages it found (0 when nothing was
     * interrupted). Call it before deduplicating a batch, so the dedupe keys are complete.
     */
    public synchronized int recover() {
        settled = false;
        return settle();
    }

    private int settle() {
        try {
            if (producer == null) {
                startProducer();
            }
            return settled ? 0 : readBack();
        } catch (KafkaException e) {
            throw new IllegalStateException("Kafka at " + producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer while settling the inbound topic: " + e.getMessage(), e);
        }
    }

    /** Reads this store's records past the recorded positions back into the seen messages. */
    private int readBack() {
        record Found(String mailbox, SeenMessages.Published message) {
        }
        List<TopicPartition> partitions = partitions();
        Map<Integer, Long> known = db.inTransaction(PublishedLog::positions);
        // Up to the high watermark: the read_committed end offset can still stand before a batch whose commit
        // returned, until the broker has written its commit markers.
        Map<TopicPartition, Long> ends = watermarks.endOffsets(partitions, ackTimeout);
        Map<TopicPartition, Long> starts = log.beginningOffsets(partitions, ackTimeout);
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long start = Math.max(known.getOrDefault(tp.partition(), 0L), starts.get(tp));
            if (start < ends.get(tp)) {
                from.put(tp, start);
            }
        }
        List<Found> found = new ArrayList<>();
        if (!from.isEmpty()) {
            log.assign(from.keySet());
            from.forEach(log::seek);
            long deadline = System.nanoTime() + ackTimeout.toNanos() * 4;
            while (from.keySet().stream().anyMatch(tp -> log.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the inbound topic back to offsets " + ends + " within "
                            + ackTimeout.multipliedBy(4) + " to settle an interrupted batch (a transaction left open elsewhere holds it back)");
                }
                for (ConsumerRecord<String, byte[]> r : log.poll(Duration.ofMillis(200))) {
                    boolean ours = publisherId.equals(header(r.headers(), PUBLISHER_HEADER));
                    if (ours && r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        Headers h = r.headers();
                        found.add(new Found(header(h, MAILBOX_HEADER), new SeenMessages.Published(header(h, MESSAGE_ID_HEADER),
                                header(h, CONTENT_HASH_HEADER), header(h, EMAIL_ID_HEADER), r.key())));
                    }
                }
            }
            log.unsubscribe();
        }
        Map<Integer, Long> reached = new HashMap<>();
        ends.forEach((tp, end) -> reached.put(tp.partition(), end));
        db.inTransaction(c -> {
            for (Map.Entry<String, List<SeenMessages.Published>> byMailbox : found.stream()
                    .collect(Collectors.groupingBy(Found::mailbox, Collectors.mapping(Found::message, Collectors.toList()))).entrySet()) {
                seen.recordAll(c, byMailbox.getKey(), byMailbox.getValue());
            }
            PublishedLog.advance(c, reached);
            return null;
        });
        settled = true;
        return found.size();
    }

    /** Registers this store's identity if it has none, then starts a transactional producer under it, fencing older ones. */
    private void startProducer() {
        if (publisherId == null) {
            publisherId = db.inTransaction(c -> {
                var existing = PublishedLog.publisherId(c);
                if (existing.isPresent()) {
                    return existing.get();
                }
                Map<Integer, Long> ends = new HashMap<>();
                watermarks.endOffsets(partitions(), ackTimeout).forEach((tp, end) -> ends.put(tp.partition(), end));
                return PublishedLog.register(c, ends);
            });
        }
        Properties p = new Properties();
        p.putAll(producerConfig);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mailtune-ingest-" + publisherId);
        KafkaProducer<String, byte[]> fresh = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        try {
            fresh.initTransactions();
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
        producer = fresh;
        settled = false;
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = log.partitionsFor(topic, ackTimeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; create the topics before publishing");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private void commit(String mailbox, List<IntakeOutcome.Accepted> published, Map<Integer, Long> next, CommitStep step) {
        try {
            db.inTransaction(c -> {
                seen.recordAll(c, mailbox, published.stream().map(a -> new SeenMessages.Published(a.email().messageId(), a.contentHash(),
                        a.email().emailId(), a.email().threadId())).toList());
                PublishedLog.advance(c, next);
                step.run(c);
                return null;
            });
        } catch (RuntimeException e) {
            // Kafka holds the batch but the store does not know it: the next attempt reads it back first.
            settled = false;
            throw e;
        }
    }

    private ProducerRecord<String, byte[]> record(String mailbox, IntakeOutcome.Accepted a) {
        InboundEmail email = a.email();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, Topics.INBOUND.keyOf(email), EventCodec.encode(email));
        Headers h = record.headers();
        h.add(PUBLISHER_HEADER, utf8(publisherId));
        h.add(MAILBOX_HEADER, utf8(mailbox));
        h.add(MESSAGE_ID_HEADER, utf8(email.messageId()));
        h.add(CONTENT_HASH_HEADER, utf8(a.contentHash()));
        h.add(EMAIL_ID_HEADER, utf8(email.emailId()));
        return record;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Drops a producer whose transaction state is unknown; the next call starts a new one, which fences it. */
    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        settled = false;
    }

    /** Closes the Kafka clients; an open transaction is aborted by the broker. */
    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        log.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
        watermarks.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
