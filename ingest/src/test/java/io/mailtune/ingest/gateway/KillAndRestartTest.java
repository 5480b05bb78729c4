package io.mailtune.ingest.gateway;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.testing.KafkaBroker;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the gateway process with SIGKILL at several moments while it publishes, restarts it each time on the same
 * state, then reads the topic: every message is there exactly once.
 */
class KillAndRestartTest {

    private static final int MESSAGES = 240;

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[]{ServerSetupTest.IMAP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@acme.test", "support", "secret"));

    @TempDir
    Path state;

    @Test
    void killingTheProcessAtAnyMomentLosesNothingAndPublishesNothingTwice() throws Exception {
        String mailbox = "killtest";
        String folder = "Killed";
        fill(folder);
        int kills = 0;
        try (KafkaConsumer<String, byte[]> offsets = kafka.consumer("offsets")) {
        for (int seen = 0, round = 0; round < 4; round++) {
            Process child = start(mailbox, folder, round);
            int target = seen + 40 + round * 15;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((seen = count(offsets)) < Math.min(target, MESSAGES) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly().waitFor();
            kills++;
            if (seen >= MESSAGES) {
                break;
            }
        }
        }
        Process last = start(mailbox, folder, 99);
        try {
            List<InboundEmail> published = InboundTopic.read(kafka, mailbox, MESSAGES, Duration.ofSeconds(90));
            Map<String, Long> perMessage = published.stream().collect(Collectors.groupingBy(InboundEmail::messageId, Collectors.counting()));
            assertEquals(MESSAGES, perMessage.size(), "every message arrives (" + published.size() + " records)");
            assertTrue(perMessage.values().stream().allMatch(n -> n == 1),
                    "none twice after " + kills + " kills: " + perMessage.entrySet().stream().filter(e -> e.getValue() > 1).toList());
        } finally {
            last.destroyForcibly().waitFor();
        }
    }

    /** Records on the inbound topic, which only this test's mailbox writes to. */
    private static int count(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INBOUND.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return consumer.endOffsets(partitions).values().stream().mapToInt(Long::intValue).sum();
    }

    private Process start(String mailbox, String folder, int round) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GatewayProcess.class.getName(), kafka.bootstrapServers(), state.toString(),
                String.valueOf(greenMail.getImap().getPort()), mailbox, folder);
        builder.redirectErrorStream(true).redirectOutput(state.resolve("gateway-" + round + ".log").toFile());
        return builder.start();
    }

    private void fill(String folder) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "support", "secret");
            Folder f = store.getFolder(folder);
            f.create(Folder.HOLDS_MESSAGES);
            Message[] messages = new Message[MESSAGES];
            for (int i = 0; i < MESSAGES; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("customer" + (i % 17) + "@example.com"));
                m.setRecipients(Message.RecipientType.TO, "support@acme.test");
                m.setSubject("Order question " + i);
                m.setText("Hello, this is question " + i + ". " + "Some more words about the order. ".repeat(20), "UTF-8");
                messages[i] = m;
            }
            f.appendMessages(messages);
        }
    }
}
