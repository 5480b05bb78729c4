package io.mailtune.agent.outbox;

import io.mailtune.agent.config.InstanceId;
import io.mailtune.agent.config.OperationSettings;
import io.mailtune.agent.embedded.KafkaEndpoint;
import io.mailtune.agent.store.OutboxEvent;
import io.mailtune.agent.store.OutboxStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox to Kafka ({@code mailtune.approved}, {@code mailtune.review-outcomes}), oldest first, and marks
 * each event published only after Kafka acknowledged it. While Kafka is down the events wait in the database and go out
 * when it returns; an event may be published twice after a crash between acknowledgement and marking, never lost:
 * consumers dedupe by its id (also in the {@value #EVENT_ID_HEADER} header).
 */
@ApplicationScoped
public class OutboxRelay {

    /** Kafka header carrying the event's id. */
    public static final String EVENT_ID_HEADER = "mailtune-event-id";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final OutboxStore outbox;
    private final KafkaEndpoint kafka;
    private final OperationSettings settings;
    private final String owner;
    private final Counter published;
    private KafkaProducer<String, byte[]> producer;
    private Thread thread;
    private volatile boolean running;
    private volatile long lagMillis;

    OutboxRelay(OutboxStore outbox, KafkaEndpoint kafka, OperationSettings settings, InstanceId instance, MeterRegistry registry) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.settings = settings;
        this.owner = instance.get();
        this.published = Counter.builder("mailtune.outbox.published").description("outbox events published to Kafka")
                .register(registry);
        Gauge.builder("mailtune.outbox.pending", outbox, OutboxStore::pending).description("events waiting to be published")
                .register(registry);
        Gauge.builder("mailtune.outbox.lag.seconds", this, r -> r.lagMillis / 1000.0)
                .description("age of the oldest unpublished event").register(registry);
    }

    void start(@Observes StartupEvent event) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                int sent = relayOnce();
                lagMillis = outbox.oldestPending().map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(0L);
                if (sent == 0) {
                    Thread.sleep(settings.outboxInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf("outbox relay: %s; retrying", e.getMessage());
                    sleep(settings.outboxInterval().toMillis() * 4);
                }
            }
        }
    }

    /** Publishes one batch; returns how many events went out. */
    int relayOnce() throws InterruptedException {
        List<OutboxEvent> batch = outbox.claim(owner, LEASE, 100);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (OutboxEvent e : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(e.topic(), e.key(), e.payload());
            record.headers().add(new RecordHeader(EVENT_ID_HEADER, e.eventId().getBytes(StandardCharsets.UTF_8)));
            sends.add(producer.send(record));
        }
        producer.flush();
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String error = null;
        for (int i = 0; i < batch.size(); i++) {
            try {
                sends.get(i).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                ok.add(batch.get(i).eventId());
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                failed.add(batch.get(i).eventId());
                error = e.getCause() == null ? e.toString() : e.getCause().toString();
            }
        }
        if (!ok.isEmpty()) {
            outbox.published(ok);
            published.increment(ok.size());
        }
        if (!failed.isEmpty()) {
            outbox.failed(failed, error);
            LOG.warnf("outbox relay: %d event(s) not acknowledged by Kafka (%s); they wait and are retried", failed.size(), error);
        }
        return ok.size();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
