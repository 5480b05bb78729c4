package io.mailtune.trainer.service;

import io.mailtune.trainer.dataset.DatasetStats;
import io.mailtune.trainer.gate.GateReport;
import io.mailtune.trainer.gate.MetricResult;
import io.mailtune.trainer.live.QualityCheck;
import io.mailtune.trainer.registry.AdapterChange;
import io.mailtune.trainer.registry.AdapterRecord;
import io.mailtune.trainer.run.RunProgress;
import io.mailtune.trainer.run.RunRecord;
import io.mailtune.trainer.store.Json;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The trainer's page: live adapter, dataset, the current run's progress, every run's loss curve and gate numbers. */
@Path("/")
public class PageResource {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    TrainerService trainer;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trainer(Page page);
    }

    /** Everything the page shows. */
    public record Page(String company, String live, String instance, DatasetStats dataset, String schedule, int minNewExamples,
                       List<RunCard> runs, List<AdapterRecord> adapters, List<ChangeRow> changes, QualityCheck quality,
                       boolean running, int droppedTotal) {
    }

    /** One run as a card. */
    public record RunCard(RunRecord run, String created, String duration, LossCurve curve, List<MetricRow> metrics,
                          GateReport gate, int percent, String eta, String status) {
    }

    /** One gate metric, formatted. */
    public record MetricRow(String name, String live, String candidate, String difference, String interval, String tolerance,
                            String verdict, String css, int examples) {
    }

    /** One change of the live adapter, formatted. */
    public record ChangeRow(AdapterChange change, String at) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        var parts = trainer.engine().parts();
        List<RunCard> cards = new ArrayList<>();
        boolean running = false;
        for (RunRecord r : parts.runs().recent(20)) {
            List<RunProgress> progress = parts.runs().progress(r.runId());
            GateReport gate = r.gateReport() == null ? null : Json.read(r.gateReport(), GateReport.class);
            List<MetricRow> rows = gate == null ? List.of() : gate.metrics().stream().map(PageResource::row).toList();
            int percent = r.stepsPlanned() == 0 ? 0 : Math.min(100, 100 * r.stepsDone() / r.stepsPlanned());
            String eta = progress.isEmpty() || r.status().finished() ? "" : formatDuration(Duration.ofMillis(progress.getLast().etaMillis()));
            running |= !r.status().finished();
            Instant end = r.finishedAt() == null ? Instant.now() : r.finishedAt();
            cards.add(new RunCard(r, TIME.format(r.createdAt()), formatDuration(Duration.between(r.createdAt(), end)),
                    LossCurve.of(progress, r.stepsPlanned()), rows, gate, percent, eta, r.status().name().toLowerCase(Locale.ROOT)));
        }
        List<ChangeRow> changes = parts.registry().changes().stream().limit(20).map(c -> new ChangeRow(c, TIME.format(c.at()))).toList();
        QualityCheck quality = trainer.watch().latest().orElse(null);
        DatasetStats stats = trainer.trainingSet().stats();
        Page page = new Page(parts.company().name(), parts.registry().liveVersion().orElse("base model (no adapter)"),
                parts.lease().holder(), stats, trainer.config().schedule().cron(), trainer.config().schedule().minNewExamples(),
                cards, parts.registry().list(), changes, quality, running,
                stats.dropped().values().stream().mapToInt(Integer::intValue).sum());
        return Templates.trainer(page);
    }

    private static MetricRow row(MetricResult raw) {
        // Losses enter the gate negated (higher is better there); the page shows them as losses, lower is better.
        MetricResult m = raw.name().endsWith(".loss") ? new MetricResult(raw.name() + " (lower is better)", raw.examples(),
                -raw.candidate(), -raw.live(), -raw.difference(), -raw.upper(), -raw.lower(), raw.winnable(), raw.tolerance(),
                raw.verdict()) : raw;
        boolean skipped = "SKIPPED".equals(m.verdict());
        String css = switch (m.verdict()) {
            case "WIN" -> "win";
            case "REGRESSES" -> "bad";
            case "SKIPPED" -> "muted";
            default -> "ok";
        };
        return new MetricRow(m.name(), skipped ? "–" : number(m.name(), m.live()), skipped ? "–" : number(m.name(), m.candidate()),
                skipped ? "–" : signed(m.name(), m.difference()),
                skipped ? "–" : number(m.name(), m.lower()) + " … " + number(m.name(), m.upper()),
                (raw.name().endsWith(".loss") ? "+" : "−") + number(m.name(), m.tolerance()).replace("-", ""),
                m.verdict().toLowerCase(Locale.ROOT), css, m.examples());
    }

    private static String number(String metric, double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return metric.endsWith("chrF") ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(String metric, double v) {
        String s = number(metric, v);
        return v > 0 ? "+" + s : s;
    }

    static String formatDuration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
