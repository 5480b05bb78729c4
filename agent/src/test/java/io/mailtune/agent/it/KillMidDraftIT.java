package io.mailtune.agent.it;

import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent killed with SIGKILL while drafting: after a restart every email gets its draft, the ones being written
 * when it died are written again (their lease expired), and no email gets two drafts.
 */
class KillMidDraftIT {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @TempDir
    Path tmp;

    @Test
    void draftsInterruptedByAKillAreRedraftedAfterRestart() throws Exception {
        Map<String, String> config = Map.of(
                "mailtune.database.url", postgres.jdbcUrl(),
                "mailtune.database.username", postgres.user(),
                "mailtune.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "mailtune.knowledge-base.folder", Path.of("src/test/resources/it-kb").toAbsolutePath().toString(),
                "mailtune.drafting.max-in-flight", "4",
                "mailtune.drafting.lease", "6s");
        Path data = tmp.resolve("agent");
        List<String> emails;
        Set<String> interrupted;
        try (AgentProcess victim = AgentProcess.start(data, with(config, "victim"));
             KafkaProducer<String, byte[]> producer = kafka.producer()) {
            emails = Inbound.publish(producer, 30);
            Waits.until("a draft written and others in flight", 120, () -> {
                Map<String, String> statuses = ItDatabase.statuses(postgres);
                return statuses.containsValue("READY") && !ItDatabase.drafting(postgres).isEmpty()
                        && statuses.containsValue("QUEUED") ? statuses : null;
            });
            victim.kill9();
        }
        // Read after the kill: until it lands the victim keeps finishing drafts and claiming others.
        Map<String, String> afterKill = ItDatabase.drafting(postgres);
        interrupted = afterKill.keySet();
        assertFalse(interrupted.isEmpty(), "the kill interrupted drafts in flight");
        assertTrue(afterKill.values().stream().allMatch("victim"::equals), "the killed agent left its drafts claimed: " + afterKill);

        try (AgentProcess restarted = AgentProcess.start(data, with(config, "restarted"))) {
            Map<String, String> done = Waits.until("every email drafted", 240, () -> {
                Map<String, String> statuses = ItDatabase.statuses(postgres);
                return statuses.size() == emails.size() && statuses.values().stream().allMatch("READY"::equals) ? statuses : null;
            });
            assertEquals(emails.size(), done.size(), "one draft per email");
            Map<String, Integer> attempts = ItDatabase.attempts(postgres);
            for (String id : interrupted) {
                assertTrue(attempts.get(id) >= 2, "draft " + id + " was redrafted after the kill: " + attempts.get(id));
            }
            assertFalse(restarted.tail().contains("Exception in thread"), restarted.tail());
        }
    }

    private static Map<String, String> with(Map<String, String> config, String instance) {
        Map<String, String> out = new java.util.HashMap<>(config);
        out.put("mailtune.drafting.instance-id", instance);
        return out;
    }
}
