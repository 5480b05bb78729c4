package io.mailtune.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances configured with the same mailbox and mailbox assignment on: exactly one reads it; a promotion puts the
 * same adapter live on both; when the reader is killed with SIGKILL the other takes the mailbox and the inbound
 * partitions over, and every email is stored and drafted once, the later ones with the promoted adapter.
 */
class MailboxTakeoverIT {

    private static final String SUPPORT = "support@acme.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static PostgresDatabase agentDb = new PostgresDatabase();

    @RegisterExtension
    static PostgresDatabase ingestDb = new PostgresDatabase();

    @TempDir
    Path tmp;

    @Test
    void theMailboxIsReadByOneInstanceBothServeThePromotedAdapterAndTheSurvivorTakesOverWhenTheReaderIsKilled() throws Exception {
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0)) {
            mail.addUser(SUPPORT, "imap-secret-for-tests");
            Map<String, String> config = new HashMap<>(Map.of(
                    "mailtune.database.url", agentDb.jdbcUrl(),
                    "mailtune.database.username", agentDb.user(),
                    "mailtune.kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "mailtune.knowledge-base.folder", Path.of("src/test/resources/it-kb").toAbsolutePath().toString(),
                    "mailtune.mail.ingest.jdbc-url", ingestDb.jdbcUrl(),
                    "mailtune.mail.ingest.username", ingestDb.user(),
                    "mailtune.mail.assignment.enabled", "true",
                    "mailtune.mail.assignment.session-timeout", "6s"));
            String m = "mailtune.mail.mailboxes.support.";
            config.putAll(Map.of(m + "host", "127.0.0.1", m + "port", String.valueOf(mail.imapPort()), m + "security", "NONE",
                    m + "username", SUPPORT, m + "password-env", "MAILTUNE_TEST_IMAP_PASSWORD", m + "address", SUPPORT,
                    m + "first-sync", "ALL", m + "idle", "false", m + "poll-interval", "300ms"));
            config.putAll(Map.of(m + "smtp.host", "127.0.0.1", m + "smtp.port", String.valueOf(mail.smtpPort()),
                    m + "smtp.security", "NONE"));
            CompletableFuture<AgentProcess> a = CompletableFuture.supplyAsync(() -> start(tmp.resolve("a"), config, "agent-a"));
            CompletableFuture<AgentProcess> b = CompletableFuture.supplyAsync(() -> start(tmp.resolve("b"), config, "agent-b"));
            try (AgentProcess first = a.join(); AgentProcess second = b.join()) {
                AgentProcess owner = Waits.until("one instance reading the mailbox", 120, () -> {
                    boolean onFirst = hosts(first);
                    boolean onSecond = hosts(second);
                    return onFirst ^ onSecond ? (onFirst ? first : second) : null;
                });
                AgentProcess survivor = owner == first ? second : first;
                deliver(mail, 0, 5);
                // Written, so that the kill below interrupts reading only, not drafting (KillMidDraftIT covers that).
                Waits.until("5 drafts written", 180, () -> {
                    Map<String, String> s = ItDatabase.statuses(agentDb);
                    return s.size() == 5 && s.values().stream().allMatch("READY"::equals) ? true : null;
                });
                // Both instances follow the trainer's promotions: the same adapter goes live on each.
                try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
                    Promotion.promote(producer, tmp.resolve("trainer"), "takeover-v1", status(first).path("baseModel").asText());
                }
                Waits.until("adapter takeover-v1 live on both instances", 120,
                        () -> liveAdapter(first).equals("takeover-v1") && liveAdapter(second).equals("takeover-v1") ? true : null);
                owner.kill9();
                deliver(mail, 5, 5);
                Waits.until("the survivor reading the mailbox", 120, () -> hosts(survivor) ? true : null);
                Map<String, String> done = Waits.until("10 drafts written", 240, () -> {
                    Map<String, String> s = ItDatabase.statuses(agentDb);
                    return s.size() >= 10 && s.values().stream().allMatch("READY"::equals) ? s : null;
                });
                Thread.sleep(3000);
                assertEquals(10, ItDatabase.statuses(agentDb).size(), "every email stored and drafted once: " + done);
                assertTrue(ItDatabase.attempts(agentDb).values().stream().allMatch(n -> n == 1),
                        "each draft written once: " + ItDatabase.attempts(agentDb));
                assertEquals(5, ItDatabase.adapterVersions(agentDb).values().stream().filter("takeover-v1"::equals).count(),
                        "the mail read after the takeover is drafted with the promoted adapter: " + ItDatabase.adapterVersions(agentDb));
            }
        }
    }

    private static JsonNode status(AgentProcess agent) throws Exception {
        return JSON.readTree(agent.get("/api/status").body());
    }

    private static String liveAdapter(AgentProcess agent) {
        try {
            return status(agent).path("adapter").path("liveVersion").asText();
        } catch (Exception notAnswering) {
            return "";
        }
    }

    private static boolean hosts(AgentProcess agent) {
        try {
            return agent.get("/api/status").body().contains("\"hostedMailboxes\":[\"support\"]");
        } catch (Exception dead) {
            return false;
        }
    }

    private static void deliver(EmbeddedMailServer mail, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            MimeMessage msg = new MimeMessage(Session.getInstance(new Properties()));
            msg.setFrom(new InternetAddress("customer" + i + "@example.com"));
            msg.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
            msg.setSubject("Question " + i);
            msg.setText("When will my refund arrive? Order " + (1000 + i) + ".");
            msg.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            msg.writeTo(raw);
            mail.deliver(SUPPORT, raw.toByteArray());
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
