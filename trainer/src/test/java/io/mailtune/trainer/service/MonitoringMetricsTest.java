package io.mailtune.trainer.service;

import io.mailtune.testing.config.Repository;
import io.mailtune.testing.ops.MonitoringFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every trainer metric ({@code mailtune_trainer_*}) the Grafana dashboards and Prometheus alerts under ops/ name is on
 * the running trainer's {@code /q/metrics}, from the start: run outcomes and gate decisions are there at 0 before the
 * first run, so alerts on {@code increase()} see the first failure.
 */
@QuarkusTest
@QuarkusTestResource(value = TrainerTestResources.class, restrictToAnnotatedClass = false)
class MonitoringMetricsTest {

    @Test
    void everyTrainerMetricTheDashboardsAndAlertsNameIsExported() {
        Set<String> exported = MonitoringFiles.exportedNames(given().get("/q/metrics").then().statusCode(200).extract().asString());
        Map<String, Set<String>> named = new TreeMap<>();
        Map<String, Set<String>> missing = new TreeMap<>();
        MonitoringFiles.read(Repository.root()).metricReferences().forEach((metric, where) -> {
            if (metric.startsWith("mailtune_trainer_")) {
                named.put(metric, where);
                if (!exported.contains(metric)) {
                    missing.put(metric, where);
                }
            }
        });
        assertTrue(named.size() >= 5, "the dashboards name the trainer's metrics: " + named.keySet());
        assertEquals(Map.of(), missing, "named in ops/ but not exported by the trainer");
    }

    @Test
    void runOutcomesAndGateDecisionsAreExportedBeforeTheFirstRun() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String series : new String[] {"mailtune_trainer_runs_total{status=\"FAILED\"", "mailtune_trainer_runs_total{status=\"PROMOTED\"",
                "mailtune_trainer_gate_decisions_total{decision=\"REJECT\"", "mailtune_trainer_gate_decisions_total{decision=\"PROMOTE\""}) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith(series)), series + " in\n" + metrics);
        }
    }
}
