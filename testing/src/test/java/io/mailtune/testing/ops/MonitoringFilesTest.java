package io.mailtune.testing.ops;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MonitoringFilesTest {

    @Test
    void findsTheMetricsAnExpressionSelectsAndNothingElse() {
        assertEquals(Set.of("mailtune_drafts_reviewed_total"), MonitoringFiles.metricNames(
                "sum by (adapter) (rate(mailtune_drafts_reviewed_total{verdict=~\"approved|edited\"}[1d])) / sum by (adapter) (rate(mailtune_drafts_reviewed_total[1d]))"));
        assertEquals(Set.of("mailtune_adapter_live", "mailtune_trainer_live_adapter"), MonitoringFiles.metricNames(
                "count by (instance, version) (mailtune_adapter_live) unless on (version) mailtune_trainer_live_adapter"));
        assertEquals(Set.of("mailtune_queue_oldest_seconds"), MonitoringFiles.metricNames("max(mailtune_queue_oldest_seconds) > 4 * 3600"));
        assertEquals(Set.of("up"), MonitoringFiles.metricNames("up{job=~\"a|b\"} == 0"));
        assertEquals(Set.of("mailtune_runs_total"), MonitoringFiles.metricNames("increase(mailtune_runs_total[$__range]) > 1e3"));
    }

    @Test
    void readsTheSampleNamesOfAnExposition() {
        String text = """
                # HELP mailtune_queue_drafts drafts per status
                # TYPE mailtune_queue_drafts gauge
                mailtune_queue_drafts{status="ready"} 3.0
                mailtune_draft_generation_seconds_count 12
                """;
        assertEquals(Set.of("mailtune_queue_drafts", "mailtune_draft_generation_seconds_count"), MonitoringFiles.exportedNames(text));
    }
}
