package io.mailtune.ops.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.demo.brightcart.SupportCase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The agent's review API, read as the reviewer's tools read it. */
final class Drafts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Drafts() {
    }

    /**
     * Waits until at least {@code count} drafts are READY and none is queued or being written any more, and returns
     * the READY ones (ingest may merge or drop a generated email, so the exact number is not the test's business).
     */
    static List<JsonNode> awaitSettled(ServiceProcess agent, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietPolls = 0;
        while (true) {
            JsonNode queue = JSON.readTree(agent.get("/api/drafts?status=READY&limit=500").body());
            JsonNode counts = queue.path("counts");
            boolean quiet = counts.path("QUEUED").asInt() == 0 && counts.path("DRAFTING").asInt() == 0
                    && queue.path("items").size() >= count;
            quietPolls = quiet ? quietPolls + 1 : 0;
            if (quietPolls >= 6) {
                List<JsonNode> ready = new ArrayList<>();
                queue.path("items").forEach(ready::add);
                return ready;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("drafts not settled with " + count + " ready after " + timeout + ": " + counts
                        + "\n" + agent.tail());
            }
            Thread.sleep(500);
        }
    }

    /** Waits until {@code count} READY drafts answer emails of {@code cases}, and returns them. */
    static List<JsonNode> awaitReadyFor(ServiceProcess agent, List<SupportCase> cases, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> ready = readyFor(agent, cases);
            if (ready.size() >= count) {
                return ready.subList(0, count);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + ready.size() + " of " + count + " drafts ready after " + timeout
                        + "\n" + agent.tail());
            }
            Thread.sleep(500);
        }
    }

    /** Every READY draft of an email one of {@code cases} sent (matched by sender address and subject). */
    static List<JsonNode> readyFor(ServiceProcess agent, List<SupportCase> cases) throws Exception {
        Set<String> sent = new HashSet<>();
        cases.forEach(c -> sent.add(c.customerEmail().toLowerCase(Locale.ROOT) + "\n" + c.subject()));
        List<JsonNode> ready = new ArrayList<>();
        JSON.readTree(agent.get("/api/drafts?status=READY&limit=500").body()).path("items").forEach(d -> {
            if (sent.contains(senderAndSubject(d))) {
                ready.add(d);
            }
        });
        return ready;
    }

    /** A draft's email's sender address (lower case) and subject. */
    static String senderAndSubject(JsonNode draft) {
        return draft.path("from").asText().toLowerCase(Locale.ROOT) + "\n" + draft.path("subject").asText();
    }

    /** Waits until {@code count} drafts are APPROVED. */
    static void awaitApproved(ServiceProcess agent, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (JSON.readTree(agent.get("/api/drafts?status=APPROVED&limit=500").body()).path("counts").path("APPROVED").asInt() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " approved drafts after " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** The draft's text. */
    static String text(ServiceProcess agent, JsonNode summary) throws Exception {
        return JSON.readTree(agent.get("/api/drafts/" + summary.path("draftId").asText()).body()).path("text").asText();
    }

    /** Waits until the agent serves the adapter {@code version}. */
    static void awaitAdapter(ServiceProcess agent, String version, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String status = agent.get("/api/status").body();
            if (status.contains("\"" + version + "\"")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent does not serve " + version + " after " + timeout + ": " + status);
            }
            Thread.sleep(500);
        }
    }

    /** How many of {@code agents} read the support mailbox once they have settled (mailbox assignment on). */
    static int mailboxReaders(List<ServiceProcess> agents, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int readers = 0;
            for (ServiceProcess agent : agents) {
                readers += agent.get("/api/status").body().contains("\"hostedMailboxes\":[\"support\"]") ? 1 : 0;
            }
            if (readers == 1 || System.nanoTime() > deadline) {
                return readers;
            }
            Thread.sleep(500);
        }
    }

    /** Drafts this instance wrote, from its {@code mailtune_drafts_created_total} counter. */
    static double written(ServiceProcess agent) throws Exception {
        return agent.get("/q/metrics").body().lines().filter(l -> l.startsWith("mailtune_drafts_created_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
