package io.mailtune.agent.health;

import io.mailtune.agent.store.DraftStatus;
import io.mailtune.agent.store.DraftStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Queue depth per status and the age of the oldest undecided draft, read from the database every few seconds (shared
 * by every instance, so each reports the deployment's queue).
 */
@ApplicationScoped
public class QueueMetrics {

    private final DraftStore drafts;
    private final Map<DraftStatus, Long> depth = new EnumMap<>(DraftStatus.class);
    private volatile double oldestSeconds;

    QueueMetrics(DraftStore drafts, MeterRegistry registry) {
        this.drafts = drafts;
        for (DraftStatus status : DraftStatus.values()) {
            depth.put(status, 0L);
            Gauge.builder("mailtune.queue.drafts", this, m -> m.depth.get(status)).tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
                    .description("drafts per status").register(registry);
        }
        Gauge.builder("mailtune.queue.oldest.seconds", this, m -> m.oldestSeconds)
                .description("age of the oldest email whose draft waits to be written or reviewed").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        synchronized (depth) {
            depth.putAll(drafts.counts(null));
        }
        oldestSeconds = drafts.oldestWaiting().map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0).orElse(0.0);
    }
}
