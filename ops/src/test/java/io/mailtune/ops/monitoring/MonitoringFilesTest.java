package io.mailtune.ops.monitoring;

import io.mailtune.testing.config.Repository;
import io.mailtune.testing.ops.MonitoringFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards and alert rules under ops/ parse, every alert has a severity, a summary and a runbook section in
 * docs/runbooks.md (and every runbook section an alert), and every metric they name belongs to a service whose
 * MonitoringMetricsTest checks it is exported (agent: {@code mailtune_*}, trainer: {@code mailtune_trainer_*}).
 */
class MonitoringFilesTest {

    private final MonitoringFiles files = MonitoringFiles.read(Repository.root());

    @Test
    void theDashboardsHavePanelsWithQueries() {
        assertEquals(Set.of("mailtune-agent.json", "mailtune-trainer.json"), files.dashboards().keySet());
        files.queries().forEach(q -> assertFalse(q.expr().isBlank(), q.where()));
        assertTrue(files.queries().size() > 25, "queries: " + files.queries().size());
    }

    @Test
    void everyAlertHasASeveritySummaryAndARunbookSection() throws IOException {
        Set<String> anchors = runbookAnchors();
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (MonitoringFiles.Alert a : files.alerts()) {
            if (a.name() == null || !names.add(a.name())) {
                problems.add("an alert without a name, or named twice: " + a.name());
                continue;
            }
            if (!Set.of("critical", "warning", "info").contains(a.severity())) {
                problems.add(a.name() + ": severity " + a.severity());
            }
            if (a.summary() == null || a.summary().isBlank()) {
                problems.add(a.name() + ": no summary");
            }
            String expected = "docs/runbooks.md#" + a.name().toLowerCase(Locale.ROOT);
            if (!expected.equals(a.runbook()) || !anchors.contains(a.name().toLowerCase(Locale.ROOT))) {
                problems.add(a.name() + ": runbook " + a.runbook() + " (expected " + expected + " and a section '## " + a.name() + "')");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(names.size() >= 10, "alerts: " + names);
    }

    @Test
    void everyRunbookSectionBelongsToAnAlert() throws IOException {
        Set<String> alerts = new TreeSet<>();
        files.alerts().forEach(a -> alerts.add(a.name().toLowerCase(Locale.ROOT)));
        Set<String> orphans = new TreeSet<>(runbookAnchors());
        orphans.removeIf(a -> !a.startsWith("mailtune"));
        orphans.removeAll(alerts);
        assertEquals(Set.of(), orphans);
    }

    @Test
    void everyMetricNamedIsOneAServiceTestChecks() {
        List<String> foreign = files.metricReferences().keySet().stream().filter(m -> !m.startsWith("mailtune_") && !m.equals("up")).toList();
        assertEquals(List.of(), foreign, "metrics no MonitoringMetricsTest checks");
    }

    private static Set<String> runbookAnchors() throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(Repository.root().resolve("docs/runbooks.md"))) {
            if (line.startsWith("## ")) {
                out.add(line.substring(3).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
            }
        }
        return out;
    }
}
