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
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes accepted mail to {@link Topics#INBOUND} exactly once. Each mailbox publishes through a transactional
 * producer of its own, under a transactional id made of the store's identity and the mailbox; each batch is one Kafka
 * transaction, and after it committed, the dedupe keys, the mailbox's log position and the caller's checkpoint are
 * committed in one database transaction. Whatever breaks in between — the process killed, a database commit lost, a
 * commit request left unanswered — the next attempt first fences the mailbox's old producer (the broker aborts its
 * open transaction, so a zombie's records never become visible) and then reads the log from the mailbox's recorded
 * position, recording every message this store published for the mailbox as seen; fetching the source again then
 * publishes only what is missing. Each batch is deduplicated once more under the mailbox's lock, so callers that
 * deduplicated concurrently (two folders, an importer) never publish a message twice. Consumers read with
 * {@code isolation.level=read_committed}.
 *
 * <p>Because fencing is per mailbox, instances sharing one database can each run some mailboxes: the instance that
 * takes a mailbox over fences the one that ran it. With {@link #publishOnlyClaimedMailboxes()} an instance publishes
 * only for the mailboxes it {@link #claim claimed}; otherwise (one instance for the store) for any mailbox, and a second
 * publisher for the same mailbox on the same database fences the first.
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
    /** Guards {@link #log} and {@link #watermarks}, which every mailbox's settle shares. */
    private final Object logLock = new Object();
    private final KafkaConsumer<String, byte[]> log;
    /** Reads the high watermark: a read_committed consumer's end offset lags while commit markers are being written. */
    private final KafkaConsumer<String, byte[]> watermarks;
    private final String topic = Topics.INBOUND.name();
    private final Duration ackTimeout;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private volatile boolean claimedOnly;
    private volatile String publisherId;

    /** One mailbox's producer and whether the store agrees with the log for it; guarded by the lane itself. */
    private static final class Lane {
        private final String mailbox;
        private KafkaProducer<String, byte[]> producer;
        private boolean settled;

        private Lane(String mailbox) {
            this.mailbox = mailbox;
        }
    }

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
        c.putAll(consumerOverrides(producerOverrides));
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

    /**
     * The producer overrides that consumers understand too (security, SASL, SSL, timeouts), so the clients that read
     * the log reach a secured cluster the way the producers do; producer-only settings such as compression, the client
     * id and producer interceptors are left out.
     */
    public static Properties consumerOverrides(Properties producerOverrides) {
        Properties out = new Properties();
        if (producerOverrides != null) {
            Set<String> known = ConsumerConfig.configNames();
            Set<String> producersOwn = Set.of(ProducerConfig.CLIENT_ID_CONFIG, ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
            producerOverrides.forEach((k, v) -> {
                if (known.contains(String.valueOf(k)) && !producersOwn.contains(String.valueOf(k))) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** Work committed together with the dedupe keys, typically the folder checkpoint. */
    @FunctionalInterface
    public interface CommitStep {
        /** Runs inside the commit transaction. */
        void run(Connection connection) throws SQLException;
    }

    /**
     * From now on publishes only for mailboxes this instance {@link #claim claimed}, because several instances share
     * the store and each runs only its own mailboxes; publishing for any other mailbox is refused.
     */
    public void publishOnlyClaimedMailboxes() {
        claimedOnly = true;
    }

    /**
     * Takes a mailbox over: starts its producer at once, which fences the producer of whichever instance ran it (its
     * open transaction is aborted and its later commits fail), so read_committed consumers are not held back by a
     * stale transaction even while the mailbox's server is unreachable. The next publish or {@link #recover} settles it.
     */
    public void claim(String mailbox) {
        requireMailbox(mailbox);
        claimed.add(mailbox);
        Lane lane = lane(mailbox);
        synchronized (lane) {
            if (lane.producer == null) {
                try {
                    startProducer(lane);
                } catch (KafkaException e) {
                    throw new IllegalStateException("Kafka at " + producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + " did not answer while taking mailbox '" + mailbox + "' over; the next attempt fences again: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Gives a mailbox up: waits for its batch in flight, if any, to commit or fail, then closes its producer. With
     * {@link #publishOnlyClaimedMailboxes()} nothing is published for it again until it is claimed again.
     */
    public void release(String mailbox) {
        claimed.remove(mailbox);
        Lane lane = lanes.get(mailbox);
        if (lane != null) {
            synchronized (lane) {
                closeProducer(lane, Duration.ofSeconds(5));
            }
        }
    }

    /**
     * Publishes the batch in one Kafka transaction, then commits dedupe keys, log position and the step in one
     * database transaction. Messages that an earlier, interrupted attempt already published are left out. Throws when
     * Kafka did not commit in time ({@link MailboxFencedException} when another publisher of the mailbox took over);
     * nothing is checkpointed then, and the next call settles it from the log.
     */
    public void publish(String mailbox, List<IntakeOutcome.Accepted> batch, CommitStep step) {
        requireMailbox(mailbox);
        Lane lane = lane(mailbox);
        synchronized (lane) {
            settle(lane);
            // Dedupe again under the mailbox's lock: another folder, an importer or a settle may have published a
            // message of this batch since the caller deduplicated it.
            List<IntakeOutcome.Accepted> missing = db.inTransaction(c -> {
                Set<String> known = SeenMessages.among(c, mailbox, batch.stream().map(a -> a.email().messageId()).toList());
                return batch.stream().filter(a -> !known.contains(SeenMessages.key(a.email().messageId(), a.contentHash()))).toList();
            });
            if (missing.isEmpty()) {
                commit(lane, List.of(), Map.of(), step);
                return;
            }
            Map<Integer, Long> next = new HashMap<>();
            try {
                lane.producer.beginTransaction();
                List<Future<RecordMetadata>> acks = new ArrayList<>(missing.size());
                for (IntakeOutcome.Accepted a : missing) {
                    acks.add(lane.producer.send(record(mailbox, a)));
                }
                lane.producer.commitTransaction();
                for (Future<RecordMetadata> ack : acks) {
                    RecordMetadata m = ack.get();
                    next.merge(m.partition(), m.offset() + 1, Math::max);
                }
            } catch (ExecutionException | RuntimeException e) {
                discardProducer(lane);
                if (isFenced(e)) {
                    throw new MailboxFencedException(mailbox, "committing a batch of " + missing.size(), e);
                }
                throw new IllegalStateException("Kafka did not commit the batch of " + missing.size() + " for mailbox " + mailbox
                        + "; nothing was checkpointed and the next attempt settles it from the log: " + e, e);
            } catch (InterruptedException e) {
                discardProducer(lane);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka to commit", e);
            }
            commit(lane, missing, next, step);
        }
    }

    /**
     * Makes the store agree with the log for one mailbox: fences any earlier producer of this store and mailbox and
     * records as seen every message it published past the mailbox's recorded positions. Returns how many such messages
     * it found (0 when nothing was interrupted). Call it before deduplicating a batch, so the dedupe keys are complete.
     */
    public int recover(String mailbox) {
        requireMailbox(mailbox);
        Lane lane = lane(mailbox);
        synchronized (lane) {
            lane.settled = false;
            return settle(lane);
        }
    }

    private Lane lane(String mailbox) {
        return lanes.computeIfAbsent(mailbox, Lane::new);
    }

    private static void requireMailbox(String mailbox) {
        if (mailbox == null || mailbox.isBlank()) {
            throw new IllegalArgumentException("mailbox must not be blank");
        }
    }

    private int settle(Lane lane) {
        if (claimedOnly && !claimed.contains(lane.mailbox)) {
            throw new IllegalStateException("mailbox '" + lane.mailbox + "' is not assigned to this instance, so it publishes"
                    + " nothing for it: the instance the mailbox owners group assigned it to does (import its history there)");
        }
        try {
            if (lane.producer == null) {
                startProducer(lane);
            }
            return lane.settled ? 0 : readBack(lane);
        } catch (KafkaException e) {
            if (isFenced(e)) {
                discardProducer(lane);
                throw new MailboxFencedException(lane.mailbox, "settling it from the log", e);
            }
            throw new IllegalStateException("Kafka at " + producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer while settling the inbound topic for mailbox '" + lane.mailbox + "': " + e.getMessage(), e);
        }
    }

    /** Reads this store's records of the lane's mailbox past its recorded positions back into the seen messages. */
    private int readBack(Lane lane) {
        String mailbox = lane.mailbox;
        Map<Integer, Long> known = db.inTransaction(c -> PublishedLog.positions(c, mailbox));
        List<SeenMessages.Published> found = new ArrayList<>();
        Map<Integer, Long> reached = new HashMap<>();
        synchronized (logLock) {
            List<TopicPartition> partitions = partitions();
            // Up to the high watermark: the read_committed end offset can still stand before a batch whose commit
            // returned, until the broker has written its commit markers.
            Map<TopicPartition, Long> ends = highWatermarks(partitions);
            Map<TopicPartition, Long> from = new HashMap<>();
            try {
                // Assigned before asking for offsets: the client warns about offsets of partitions it was not assigned.
                log.assign(partitions);
                Map<TopicPartition, Long> starts = log.beginningOffsets(partitions, ackTimeout);
                for (TopicPartition tp : partitions) {
                    long start = Math.max(known.getOrDefault(tp.partition(), 0L), starts.get(tp));
                    if (start < ends.get(tp)) {
                        from.put(tp, start);
                    }
                }
                if (!from.isEmpty()) {
                    log.pause(partitions.stream().filter(tp -> !from.containsKey(tp)).toList());
                    from.forEach(log::seek);
                    long deadline = System.nanoTime() + ackTimeout.toNanos() * 4;
                    while (from.keySet().stream().anyMatch(tp -> log.position(tp) < ends.get(tp))) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("could not read the inbound topic back to offsets " + ends + " within "
                                    + ackTimeout.multipliedBy(4) + " to settle mailbox '" + mailbox
                                    + "' (a transaction left open elsewhere holds it back)");
                        }
                        for (ConsumerRecord<String, byte[]> r : log.poll(Duration.ofMillis(200))) {
                            Headers h = r.headers();
                            boolean ours = publisherId.equals(header(h, PUBLISHER_HEADER)) && mailbox.equals(header(h, MAILBOX_HEADER));
                            if (ours && r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                                found.add(new SeenMessages.Published(header(h, MESSAGE_ID_HEADER), header(h, CONTENT_HASH_HEADER),
                                        header(h, EMAIL_ID_HEADER), r.key()));
                            }
                        }
                    }
                }
            } finally {
                log.unsubscribe();
            }
            ends.forEach((tp, end) -> reached.put(tp.partition(), end));
        }
        db.inTransaction(c -> {
            seen.recordAll(c, mailbox, found);
            PublishedLog.advance(c, mailbox, reached);
            return null;
        });
        lane.settled = true;
        return found.size();
    }

    /**
     * Starts a transactional producer for the lane's mailbox, fencing older ones of this store and mailbox; a mailbox
     * new to the store gets its log positions once nothing of it can be in flight.
     */
    private void startProducer(Lane lane) {
        if (publisherId == null) {
            publisherId = PublishedLog.identity(db);
        }
        Properties p = new Properties();
        p.putAll(producerConfig);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(publisherId, lane.mailbox));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, producerConfig.get(ProducerConfig.CLIENT_ID_CONFIG) + "-" + lane.mailbox);
        KafkaProducer<String, byte[]> fresh = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        try {
            fresh.initTransactions();
            PublishedLog.registerMailbox(db, lane.mailbox, this::endOffsets);
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
        lane.producer = fresh;
        lane.settled = false;
    }

    /** The transactional id of one mailbox of one store: fencing is per mailbox, so instances can share a store. */
    static String transactionalId(String publisherId, String mailbox) {
        return "mailtune-ingest-" + publisherId + "-" + mailbox;
    }

    private Map<Integer, Long> endOffsets() {
        synchronized (logLock) {
            Map<Integer, Long> ends = new HashMap<>();
            highWatermarks(partitions()).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }

    /** The partitions' high watermarks; call holding {@link #logLock}. */
    private Map<TopicPartition, Long> highWatermarks(List<TopicPartition> partitions) {
        // Assigned, never polled: the client warns about offsets of partitions it was not assigned.
        if (!watermarks.assignment().equals(Set.copyOf(partitions))) {
            watermarks.assign(partitions);
        }
        return watermarks.endOffsets(partitions, ackTimeout);
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = log.partitionsFor(topic, ackTimeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; create the topics before publishing");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private void commit(Lane lane, List<IntakeOutcome.Accepted> published, Map<Integer, Long> next, CommitStep step) {
        try {
            db.inTransaction(c -> {
                seen.recordAll(c, lane.mailbox, published.stream().map(a -> new SeenMessages.Published(a.email().messageId(), a.contentHash(),
                        a.email().emailId(), a.email().threadId())).toList());
                PublishedLog.advance(c, lane.mailbox, next);
                step.run(c);
                return null;
            });
        } catch (RuntimeException e) {
            // Kafka holds the batch but the store does not know it: the next attempt reads it back first.
            lane.settled = false;
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

    /** Whether Kafka refused the producer because a newer one with its transactional id started. */
    private static boolean isFenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /** Drops a producer whose transaction state is unknown; the next call starts a new one, which fences it. */
    private static void discardProducer(Lane lane) {
        closeProducer(lane, Duration.ZERO);
    }

    private static void closeProducer(Lane lane, Duration timeout) {
        if (lane.producer != null) {
            lane.producer.close(timeout);
            lane.producer = null;
        }
        lane.settled = false;
    }

    /** Closes the Kafka clients; an open transaction is aborted by the broker. */
    @Override
    public void close() {
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                closeProducer(lane, Duration.ofSeconds(5));
            }
        }
        synchronized (logLock) {
            log.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
            watermarks.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }
}
