package io.mailtune.agent.flow;

import io.mailtune.testing.config.Repository;
import io.mailtune.testing.ops.MonitoringFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every agent metric the Grafana dashboards and Prometheus alerts under ops/ name is on the running agent's
 * {@code /q/metrics}, once mail has arrived and drafts were reviewed (counters tagged by verdict and adapter exist only
 * from their first review).
 */
@QuarkusTest
@QuarkusTestResource(AgentTestResources.class)
class MonitoringMetricsTest {

    @Test
    void everyAgentMetricTheDashboardsAndAlertsNameIsExported() {
        String metrics = exportedAfterMailAndReviews();
        Set<String> exported = MonitoringFiles.exportedNames(metrics);
        Map<String, Set<String>> named = new TreeMap<>();
        Map<String, Set<String>> missing = new TreeMap<>();
        MonitoringFiles.read(Repository.root()).metricReferences().forEach((metric, where) -> {
            if (!metric.startsWith("mailtune_trainer_") && !metric.equals("up")) {
                named.put(metric, where);
                if (!exported.contains(metric)) {
                    missing.put(metric, where);
                }
            }
        });
        assertTrue(named.size() >= 15, "the dashboards name the agent's metrics: " + named.keySet());
        assertEquals(Map.of(), missing, "named in ops/ but not exported by the agent");
    }

    @Test
    void mailLagIsRecordedForEveryStoredEmail() {
        String metrics = exportedAfterMailAndReviews();
        String count = metrics.lines().filter(l -> l.startsWith("mailtune_inbound_lag_seconds_count")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(count.substring(count.lastIndexOf(' ') + 1)) >= 2, count);
    }

    private static boolean reviewed;

    private static synchronized String exportedAfterMailAndReviews() {
        if (!reviewed) {
            review("Monitoring approve", "Where is my parcel? It was due yesterday.", true);
            review("Monitoring reject", "Can I change the delivery address of my order?", false);
            reviewed = true;
        }
        return Desk.admin().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static void review(String subject, String text, boolean approve) {
        AgentTestResources.current().mailbox().deliver(AgentTestResources.SUPPORT,
                TestMail.customer("monitor@example.com", subject, text, TestMail.newMessageId(), null, Map.of()));
        Map<String, Object> line = Desk.awaitDraft(subject, "READY");
        String draftId = (String) line.get("draftId");
        JsonPath draft = Desk.draft(draftId);
        long version = draft.getLong("summary.version");
        if (approve) {
            Desk.admin().body(Map.of("version", version, "text", draft.getString("text") + "\n\nKind regards"))
                    .post("/api/drafts/" + draftId + "/approve").then().statusCode(200);
        } else {
            Desk.admin().body(Map.of("version", version, "reason", "not our policy"))
                    .post("/api/drafts/" + draftId + "/reject").then().statusCode(200);
        }
    }
}
