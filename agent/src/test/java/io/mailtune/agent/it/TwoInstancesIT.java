package io.mailtune.agent.it;

import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two agent instances on one PostgreSQL database and one consumer group: they share the inbound mail and the drafting
 * queue, every email is drafted, and none is drafted twice.
 */
class TwoInstancesIT {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @TempDir
    Path tmp;

    @Test
    void twoInstancesShareTheWorkAndNothingIsDraftedTwice() throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "mailtune.database.url", postgres.jdbcUrl(),
                "mailtune.database.username", postgres.user(),
                "mailtune.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "mailtune.knowledge-base.folder", Path.of("src/test/resources/it-kb").toAbsolutePath().toString(),
                "mailtune.drafting.max-in-flight", "4"));
        CompletableFuture<AgentProcess> a = CompletableFuture.supplyAsync(() -> start(tmp.resolve("a"), config, "agent-a"));
        CompletableFuture<AgentProcess> b = CompletableFuture.supplyAsync(() -> start(tmp.resolve("b"), config, "agent-b"));
        try (AgentProcess first = a.join(); AgentProcess second = b.join();
             KafkaProducer<String, byte[]> producer = kafka.producer()) {
            List<String> emails = Inbound.publish(producer, 60);
            Waits.until("every email drafted", 240, () -> {
                Map<String, String> statuses = ItDatabase.statuses(postgres);
                return statuses.size() == emails.size() && statuses.values().stream().allMatch("READY"::equals) ? statuses : null;
            });
            Map<String, Integer> attempts = ItDatabase.attempts(postgres);
            assertEquals(emails.size(), attempts.size(), "one draft per email");
            assertTrue(attempts.values().stream().allMatch(n -> n == 1), "a draft was claimed twice: " + attempts);
            double byFirst = first.metric("mailtune_drafts_created_total");
            double bySecond = second.metric("mailtune_drafts_created_total");
            assertEquals(emails.size(), byFirst + bySecond, "drafts written by the two instances together");
            assertTrue(byFirst > 0 && bySecond > 0, "both instances drafted: " + byFirst + " and " + bySecond);
        }
    }

    private static AgentProcess start(Path dir, Map<String, String> config, String instance) {
        Map<String, String> props = new HashMap<>(config);
        props.put("mailtune.drafting.instance-id", instance);
        try {
            return AgentProcess.start(dir, props);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
