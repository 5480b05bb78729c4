package io.mailtune.trainer.service;

import io.mailtune.model.train.TrainingProgress;
import io.mailtune.trainer.dataset.DatasetStats;
import io.mailtune.trainer.dataset.DropReason;
import io.mailtune.trainer.run.RunListener;
import io.mailtune.trainer.run.RunRecord;
import io.mailtune.trainer.run.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's metrics on {@code /q/metrics}: runs by outcome, gate decisions, examples by side and drops by reason,
 * training tokens/s and the live adapter.
 */
@ApplicationScoped
public class TrainerMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    TrainerService trainer;

    private final AtomicReference<Double> tokensPerSecond = new AtomicReference<>(0.0);
    private final AtomicReference<DatasetStats> stats = new AtomicReference<>();
    private final AtomicLong statsAt = new AtomicLong();
    private MultiGauge live;

    void start(@Observes @Priority(20) StartupEvent event) {
        Gauge.builder("mailtune.trainer.training.tokens.per.second", tokensPerSecond, AtomicReference::get)
                .description("Training throughput of the current or last run").register(registry);
        Gauge.builder("mailtune.trainer.examples", () -> stats().train()).tag("side", "train")
                .description("Examples in the training set").register(registry);
        Gauge.builder("mailtune.trainer.examples", () -> stats().holdout()).tag("side", "holdout").register(registry);
        Gauge.builder("mailtune.trainer.examples.unedited", () -> stats().unedited())
                .description("Examples sent exactly as drafted").register(registry);
        for (DropReason reason : DropReason.values()) {
            Gauge.builder("mailtune.trainer.examples.dropped", () -> stats().dropped().getOrDefault(reason, 0))
                    .tag("reason", reason.name()).description("Records not taken into the training set").register(registry);
        }
        // Every outcome exists from the start at 0, so alerts on increase() see the first one.
        for (RunStatus status : RunStatus.values()) {
            if (status.finished()) {
                registry.counter("mailtune.trainer.runs", "status", status.name());
            }
        }
        for (String decision : List.of("PROMOTE", "REJECT")) {
            registry.counter("mailtune.trainer.gate.decisions", "decision", decision);
        }
        live = MultiGauge.builder("mailtune.trainer.live.adapter").description("1 for the live adapter (base: none)").register(registry);
        refreshLive();
        trainer.addListener(new RunListener() {
            @Override
            public void onProgress(String runId, TrainingProgress progress) {
                tokensPerSecond.set(progress.tokensPerSecond());
            }

            @Override
            public void onFinished(RunRecord run) {
                registry.counter("mailtune.trainer.runs", "status", run.status().name()).increment();
                if (run.decision() != null) {
                    registry.counter("mailtune.trainer.gate.decisions", "decision", run.decision()).increment();
                }
                refreshLive();
            }
        });
    }

    /** Re-reads the live adapter (after a promotion or rollback). */
    public void refreshLive() {
        String version = trainer.engine().parts().registry().liveVersion().orElse("base");
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        rows.add(MultiGauge.Row.of(Tags.of("version", version), 1));
        live.register(rows, true);
    }

    private DatasetStats stats() {
        long now = System.currentTimeMillis();
        DatasetStats s = stats.get();
        if (s == null || now - statsAt.get() > 10_000) {
            s = trainer.trainingSet().stats();
            stats.set(s);
            statsAt.set(now);
        }
        return s;
    }
}
