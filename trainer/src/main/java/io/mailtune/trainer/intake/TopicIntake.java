package io.mailtune.trainer.intake;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.MalformedEventException;
import io.mailtune.core.contract.TopicContract;
import io.mailtune.core.sql.Database;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one topic into the trainer database on its own thread. An offset is committed only after the records before
 * it were stored, so a crash, a database failure or Kafka being away loses nothing: the consumer simply reads on from
 * the last commit when it can (handlers deduplicate by the record's id). A record that cannot be read is stored as
 * malformed with its problem and skipped, so it never blocks its partition.
 */
public final class TopicIntake<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicIntake.class.getName());

    private final TopicContract<T> topic;
    private final Consumer<T> handler;
    private final Runnable afterBatch;
    private final Database db;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;
    private volatile String lastProblem = "";

    /** An intake of {@code topic} in consumer group {@code groupId}; call {@link #start()}. */
    public TopicIntake(String bootstrapServers, String groupId, TopicContract<T> topic, Consumer<T> handler,
                       Runnable afterBatch, Database db) {
        this.topic = topic;
        this.handler = handler;
        this.afterBatch = afterBatch;
        this.db = db;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::loop, "trainer-intake-" + topic.name());
        this.thread.setDaemon(true);
    }

    /** Starts reading. */
    public void start() {
        consumer.subscribe(List.of(topic.name()));
        thread.start();
    }

    /** Records stored so far by this process. */
    public long stored() {
        return stored.get();
    }

    /** Malformed records skipped so far by this process. */
    public long malformed() {
        return malformed.get();
    }

    /** The last problem (empty when none). */
    public String lastProblem() {
        return lastProblem;
    }

    private void loop() {
        Map<TopicPartition, Long> done = new HashMap<>();
        while (running) {
            ConsumerRecords<String, byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(500));
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                lastProblem = "poll failed: " + e.getMessage();
                LOG.log(Level.WARNING, "reading " + topic.name() + " failed; retrying: " + e.getMessage(), e);
                sleep(1000);
                continue;
            }
            if (records.isEmpty()) {
                continue;
            }
            done.clear();
            boolean failed = false;
            for (ConsumerRecord<String, byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                try {
                    handle(r);
                    done.put(tp, r.offset() + 1);
                } catch (RuntimeException e) {
                    // The database is away or refused: go back to this record and try again later.
                    lastProblem = "storing " + tp + "@" + r.offset() + " failed: " + e.getMessage();
                    LOG.log(Level.WARNING, lastProblem + "; will retry", e);
                    failed = true;
                    break;
                }
            }
            commit(done);
            if (failed) {
                for (TopicPartition tp : records.partitions()) {
                    long position = done.getOrDefault(tp, records.records(tp).getFirst().offset());
                    consumer.seek(tp, position);
                }
                sleep(1000);
                continue;
            }
            lastProblem = "";
            try {
                afterBatch.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "after reading " + topic.name() + ": " + e.getMessage(), e);
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        T value;
        try {
            value = EventCodec.decode(r.value(), topic.type());
        } catch (MalformedEventException e) {
            String key = r.topic() + "/" + r.partition() + "/" + r.offset();
            db.update("INSERT INTO trainer_malformed (record_key, problem, at) SELECT ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM trainer_malformed WHERE record_key = ?)", key, e.getMessage(), System.currentTimeMillis(), key);
            malformed.incrementAndGet();
            LOG.warning(() -> "skipped malformed record " + key + ": " + e.getMessage());
            return;
        }
        handler.accept(value);
        stored.incrementAndGet();
    }

    private void commit(Map<TopicPartition, Long> done) {
        if (done.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        done.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // Not committed: those records are read again later and deduplicated by id.
            lastProblem = "commit failed: " + e.getMessage();
            LOG.log(Level.WARNING, "committing " + topic.name() + " offsets failed: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
