package io.mailtune.agent.adapters;

import io.mailtune.agent.config.OperationSettings;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.agent.drafting.ModelHost;
import io.mailtune.agent.embedded.KafkaEndpoint;
import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterFiles;
import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.adapter.AdapterRef;
import io.mailtune.core.adapter.AdapterRolledBack;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.MalformedEventException;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.PeftFormat;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Follows {@code mailtune.adapters} from its beginning with a consumer of its own (every instance reads every event,
 * in the one order the single partition gives). At start it replays the history and installs only the adapter live at
 * its end; afterwards each promotion is fetched ({@code kafka:} or {@code file:}), hash-checked, checked against the
 * loaded base model, refused when its version was seen before, and swapped in without a restart: drafts already
 * running finish on the adapter they started with. A rollback swaps back to the earlier adapter or the bare model.
 */
@ApplicationScoped
public class AdapterFollower {

    private static final Logger LOG = Logger.getLogger(AdapterFollower.class);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.ADAPTERS.name(), 0);

    private final KafkaEndpoint kafka;
    private final ModelHost model;
    private final OperationSettings settings;
    private final Path adapterDir;
    private final MeterRegistry registry;
    /** Versions promoted so far (a promotion of one of them again is refused). */
    private final Set<String> promoted = new HashSet<>();
    /** Versions installed into this process's adapter handle (a rollback to one of them reinstates it). */
    private final Set<String> installed = new HashSet<>();
    private volatile AdapterStatus status;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private Thread thread;
    private Gauge liveGauge;

    AdapterFollower(KafkaEndpoint kafka, ModelHost model, OperationSettings settings, StorageSettings storage,
                    MeterRegistry registry) {
        this.kafka = kafka;
        this.model = model;
        this.settings = settings;
        this.adapterDir = storage.dataDir().resolve("adapters");
        this.registry = registry;
        this.status = new AdapterStatus(ApprovedReply.BASE_MODEL, model.baseModel(), null, null, 0);
        Gauge.builder("mailtune.adapter.swaps", this, f -> f.status.eventsApplied())
                .description("adapter events applied").register(registry);
        markLive(ApprovedReply.BASE_MODEL);
    }

    void start(@Observes StartupEvent event) {
        if (!settings.followAdapters()) {
            caughtUp = true;
            return;
        }
        running = true;
        thread = new Thread(this::run, "adapter-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** The live adapter and the last problem. */
    public AdapterStatus status() {
        return status;
    }

    /** Whether the adapter history has been read to its end once (readiness). */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                c.assign(List.of(PARTITION));
                c.seekToBeginning(List.of(PARTITION));
                long end = c.endOffsets(List.of(PARTITION)).get(PARTITION);
                replay(c, end);
                caughtUp = true;
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofSeconds(1))) {
                        AdapterEvent e = decode(record);
                        if (e != null) {
                            apply(e);
                        }
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.errorf(e, "adapter follower failed; re-reading the adapter history in 5 s");
                    sleep(5000);
                }
            }
        }
    }

    /** Reads the history to {@code end} and installs only the adapter live after its last event. */
    private void replay(KafkaConsumer<String, byte[]> c, long end) {
        List<AdapterEvent> history = new ArrayList<>();
        while (c.position(PARTITION) < end && running) {
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofSeconds(1))) {
                AdapterEvent e = decode(record);
                if (e != null) {
                    history.add(e);
                }
            }
        }
        if (history.isEmpty()) {
            return;
        }
        for (AdapterEvent e : history) {
            if (e instanceof AdapterPromoted p) {
                promoted.add(p.live().version());
            }
        }
        AdapterRef live = history.getLast().live();
        LOG.infof("adapter history: %d event(s); live adapter %s", history.size(), live == null ? "none (base model)" : live.version());
        if (live != null) {
            swapTo(live, "replayed history");
        }
        status = new AdapterStatus(status.liveVersion(), status.baseModel(), status.changedAt(), status.lastProblem(), history.size());
    }

    /** Applies one event that arrived while running. */
    void apply(AdapterEvent event) {
        long applied = status.eventsApplied() + 1;
        switch (event) {
            case AdapterPromoted p -> {
                String version = p.live().version();
                if (!promoted.add(version)) {
                    problem("promotion of " + version + " refused: that version was promoted before, and a version names"
                            + " one set of weights forever", applied);
                    return;
                }
                swapTo(p.live(), "promotion");
            }
            case AdapterRolledBack r -> {
                if (r.live() == null) {
                    model.adapters().clear();
                    changed(ApprovedReply.BASE_MODEL);
                    LOG.infof("adapter %s rolled back (%s): drafting with the base model", r.withdrawnVersion(), r.reason());
                } else {
                    swapTo(r.live(), "rollback from " + r.withdrawnVersion());
                }
            }
        }
        status = new AdapterStatus(status.liveVersion(), status.baseModel(), status.changedAt(), status.lastProblem(), applied);
    }

    private void swapTo(AdapterRef ref, String why) {
        String version = ref.version();
        if (!ref.baseModel().equals(model.baseModel())) {
            problem("adapter " + version + " was trained on base model '" + ref.baseModel() + "' but this agent runs '"
                    + model.baseModel() + "'; not installed (set mailtune.model.name if they are the same)", status.eventsApplied());
            return;
        }
        try {
            Path dir = AdapterFiles.fetch(ref, adapterDir, kafka.bootstrapServers(), settings.adapterFetchTimeout());
            LoraAdapter adapter = PeftFormat.read(dir, model.model().config().layers());
            if (installed.contains(version)) {
                model.adapters().reinstate(version, adapter);
            } else {
                model.adapters().install(version, adapter);
                installed.add(version);
            }
            changed(version);
            LOG.infof("adapter %s installed (%s); new drafts use it", version, why);
        } catch (RuntimeException e) {
            problem("adapter " + version + " (" + why + ") could not be installed: " + e.getMessage()
                    + "; drafting continues with " + status.liveVersion(), status.eventsApplied());
        }
    }

    private void changed(String version) {
        status = new AdapterStatus(version, status.baseModel(), Instant.now(), status.lastProblem(), status.eventsApplied());
        markLive(version);
    }

    private void problem(String message, long applied) {
        LOG.warn(message);
        status = new AdapterStatus(status.liveVersion(), status.baseModel(), status.changedAt(), message, applied);
    }

    private synchronized void markLive(String version) {
        if (liveGauge != null) {
            registry.remove(liveGauge);
        }
        liveGauge = Gauge.builder("mailtune.adapter.live", () -> 1).tag("version", version)
                .description("the adapter new drafts use (value 1, version in the tag)").register(registry);
    }

    private static AdapterEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record.value(), AdapterEvent.class);
        } catch (MalformedEventException e) {
            LOG.errorf("skipping unreadable adapter event at offset %d: %s", record.offset(), e.getMessage());
            return null;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
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
