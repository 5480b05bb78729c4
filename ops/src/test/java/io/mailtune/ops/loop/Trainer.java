package io.mailtune.ops.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;

/** The trainer's REST API. */
final class Trainer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Trainer() {
    }

    /** Waits until the training set holds {@code count} examples or dropped records in all. */
    static void awaitApprovals(ServiceProcess trainer, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode stats = JSON.readTree(trainer.get("/api/dataset").body());
            int seen = stats.path("train").asInt() + stats.path("holdout").asInt();
            for (JsonNode dropped : stats.path("dropped")) {
                seen += dropped.asInt();
            }
            if (seen >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the trainer read " + seen + " of " + count + " approvals: " + stats);
            }
            Thread.sleep(500);
        }
    }

    /** Waits until the run has ended, and returns it with its gate report. */
    static JsonNode awaitRun(ServiceProcess trainer, String runId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode run = JSON.readTree(trainer.get("/api/runs/" + runId).body());
            if (!"RUNNING".equals(run.path("run").path("status").asText())) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + runId + " not finished after " + timeout + ": " + run.path("run"));
            }
            Thread.sleep(1000);
        }
    }
}
