package io.mailtune.agent.inbound;

import io.mailtune.agent.config.KafkaSettings;
import io.mailtune.agent.drafting.DraftingPool;
import io.mailtune.agent.embedded.KafkaEndpoint;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.MalformedEventException;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.InboundEmail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Consumes {@code mailtune.inbound} as one consumer group shared by every agent instance (add instances for capacity),
 * reading committed transactions only. Each email is stored (idempotent by emailId, queuing its draft) before the
 * offsets are committed, so a crash redelivers and nothing is lost; it never waits for drafting.
 */
@ApplicationScoped
public class InboundConsumer {

    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    private final KafkaEndpoint kafka;
    private final KafkaSettings settings;
    private final EmailStore emails;
    private final DraftingPool pool;
    private final Counter received;
    private final Counter flagged;
    private final Counter malformed;
    private final Timer lag;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    InboundConsumer(KafkaEndpoint kafka, KafkaSettings settings, EmailStore emails, DraftingPool pool, MeterRegistry registry) {
        this.kafka = kafka;
        this.settings = settings;
        this.emails = emails;
        this.pool = pool;
        this.received = Counter.builder("mailtune.inbound.received").description("inbound emails stored").register(registry);
        this.flagged = Counter.builder("mailtune.inbound.flagged")
                .description("inbound emails ingest flagged (auto-reply, bounce, list): stored, no draft").register(registry);
        this.malformed = Counter.builder("mailtune.inbound.malformed").description("unreadable inbound records skipped")
                .register(registry);
        this.lag = Timer.builder("mailtune.inbound.lag")
                .description("from ingest accepting an email off the mailbox to this agent storing it (Kafka and consumer lag)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "inbound-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = newConsumer()) {
                consumer = c;
                c.subscribe(List.of(Topics.INBOUND.name()));
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    boolean queued = false;
                    for (ConsumerRecord<String, byte[]> record : records) {
                        queued |= store(record);
                    }
                    if (queued) {
                        pool.wake();
                    }
                    c.commitSync();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // Uncommitted records are redelivered to whichever instance owns the partition next: nothing is lost.
                LOG.errorf(e, "inbound consumer failed; reconnecting in 2 s");
                sleep(2000);
            }
        }
    }

    private boolean store(ConsumerRecord<String, byte[]> record) {
        InboundEmail email;
        try {
            email = EventCodec.decode(record.value(), InboundEmail.class);
        } catch (MalformedEventException e) {
            malformed.increment();
            LOG.errorf("skipping unreadable record at %s-%d offset %d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return false;
        }
        EmailStore.Stored stored = emails.store(email);
        if (stored != EmailStore.Stored.DUPLICATE && email.receivedAt() != null) {
            lag.record(Duration.between(email.receivedAt(), Instant.now()).toMillis(), TimeUnit.MILLISECONDS);
        }
        switch (stored) {
            case QUEUED_DRAFT -> received.increment();
            case FLAGGED -> {
                received.increment();
                flagged.increment();
                LOG.infof("email %s stored without a draft: %s", email.emailId(), email.flags());
            }
            case DUPLICATE -> LOG.debugf("email %s was stored before", email.emailId());
        }
        return stored == EmailStore.Stored.QUEUED_DRAFT;
    }

    /** Whether the consumer loop runs. */
    public boolean running() {
        return running && thread != null && thread.isAlive();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
