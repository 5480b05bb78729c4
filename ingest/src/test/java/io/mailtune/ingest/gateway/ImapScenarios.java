package io.mailtune.ingest.gateway;

import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.ingest.store.MailboxEvents;
import io.mailtune.testing.KafkaBroker;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios run against any IMAP server (GreenMail and real Dovecot) that lets the test create folders and append.
 *
 * @param imapPort IMAP port on 127.0.0.1 (plain text)
 * @param login    IMAP login of the support mailbox
 * @param password its password
 * @param support  the support address
 */
record ImapScenarios(int imapPort, String login, String password, String support) {

    private static final int KILL_TEST_MESSAGES = 240;

    MailboxConfig mailbox(String id, String folder) {
        return MailboxConfig.of(id, "127.0.0.1", imapPort, TransportSecurity.NONE, login, new ImapAuth.Password(password),
                        EmailAddress.of(support))
                .withFolders(List.of(folder))
                .withFirstSync(FirstSync.ALL)
                .withWaiting(true, Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    /** The folder is replaced (new UIDVALIDITY) holding the old mail plus one new message: only the new one is published. */
    void uidValidityChange(KafkaBroker kafka, Path state) throws Exception {
        String id = "uidv-" + UUID.randomUUID().toString().substring(0, 8);
        String folder = "Uidv" + id.substring(5);
        createFolder(folder);
        append(folder, "old-1", "Old 1");
        append(folder, "old-2", "Old 2");
        MailboxConfig config = mailbox(id, folder);
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(config));
            MailGatewayGreenMailTest.awaitPublished(gateway, id, folder, 2);
        }
        Thread.sleep(1100); // servers derive UIDVALIDITY from the creation second
        try (Store client = client()) {
            client.getFolder(folder).delete(true);
        }
        createFolder(folder);
        append(folder, "old-1", "Old 1");
        append(folder, "old-2", "Old 2");
        append(folder, "new-1", "New after the change");
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(config));
            MailGatewayGreenMailTest.awaitEvent(gateway, id, MailboxEvent.Kind.UIDVALIDITY_CHANGED);
            MailGatewayGreenMailTest.awaitPublished(gateway, id, folder, 1);
        }
        List<InboundEmail> published = InboundTopic.read(kafka, id, 3, Duration.ofSeconds(30));
        assertEquals(List.of("New after the change", "Old 1", "Old 2"), published.stream().map(InboundEmail::subject).sorted().toList(),
                "the old messages once, before the change, and the new one after it");
    }

    /**
     * The gateway runs in a child JVM that is killed with SIGKILL at several moments while it publishes and restarted on
     * the same state each time; the topic then holds every message exactly once.
     */
    void killAndRestart(KafkaBroker kafka, Path state) throws Exception {
        String mailbox = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        String folder = "Killed" + mailbox.substring(5);
        fill(folder);
        int kills = 0;
        try (KafkaConsumer<String, byte[]> offsets = kafka.consumer("offsets-" + mailbox)) {
            int base = count(offsets);
            for (int seen = 0, round = 0; round < 4; round++) {
                Process child = start(kafka, state, mailbox, folder, round);
                int target = seen + 40 + round * 15;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((seen = count(offsets) - base) < Math.min(target, KILL_TEST_MESSAGES) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                child.destroyForcibly().waitFor();
                kills++;
                if (seen >= KILL_TEST_MESSAGES) {
                    break;
                }
            }
        }
        Process last = start(kafka, state, mailbox, folder, 99);
        try {
            // The read ends 1.5 s after the last message arrives; the long limit only matters on a machine shared by many
            // builds, where the restarted child took more than 90 s to publish the rest (load average 30 on two cores).
            List<InboundEmail> published = InboundTopic.read(kafka, mailbox, KILL_TEST_MESSAGES, Duration.ofSeconds(240));
            Map<String, Long> perMessage = published.stream().collect(Collectors.groupingBy(InboundEmail::messageId, Collectors.counting()));
            assertEquals(KILL_TEST_MESSAGES, perMessage.size(), "every message arrives (" + published.size() + " records)");
            assertTrue(perMessage.values().stream().allMatch(n -> n == 1),
                    "none twice after " + kills + " kills: " + perMessage.entrySet().stream().filter(e -> e.getValue() > 1).toList());
        } finally {
            last.destroyForcibly().waitFor();
        }
        try (IngestDatabase db = IngestDatabase.embedded(state)) {
            // How often a kill fell between the Kafka commit and the database commit: timing decides, so it is reported.
            System.out.println("kill test: " + kills + " kills, settled from the log after "
                    + new MailboxEvents(db).list(mailbox).stream().filter(e -> e.kind() == MailboxEvent.Kind.INTERRUPTED_BATCH_SETTLED)
                    .map(MailboxEvent::detail).toList());
        }
    }

    /** Records on the inbound topic. */
    private static int count(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INBOUND.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return consumer.endOffsets(partitions).values().stream().mapToInt(Long::intValue).sum();
    }

    private Process start(KafkaBroker kafka, Path state, String mailbox, String folder, int round) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                GatewayProcess.class.getName(), kafka.bootstrapServers(), state.toString(), String.valueOf(imapPort), mailbox, folder,
                login, password, support);
        builder.redirectErrorStream(true).redirectOutput(state.resolve("gateway-" + mailbox + "-" + round + ".log").toFile());
        return builder.start();
    }

    private void fill(String folder) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = client()) {
            Folder f = store.getFolder(folder);
            f.create(Folder.HOLDS_MESSAGES);
            Message[] messages = new Message[KILL_TEST_MESSAGES];
            for (int i = 0; i < KILL_TEST_MESSAGES; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("customer" + (i % 17) + "@example.com"));
                m.setRecipients(Message.RecipientType.TO, support);
                m.setSubject("Order question " + i);
                m.setText("Hello, this is question " + i + ". " + "Some more words about the order. ".repeat(20), "UTF-8");
                messages[i] = m;
            }
            f.appendMessages(messages);
        }
    }

    Store client() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imapPort, login, password);
        return store;
    }

    void createFolder(String name) throws Exception {
        try (Store client = client()) {
            Folder f = client.getFolder(name);
            if (!f.exists()) {
                f.create(Folder.HOLDS_MESSAGES);
            }
        }
    }

    /** Appends a message with a fixed Message-ID and date, so appending it again yields the same content. */
    void append(String folder, String localId, String subject) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + localId + "." + folder + "@customer.example>");
            }
        };
        m.setFrom(new InternetAddress("customer@customer.example"));
        m.setRecipients(Message.RecipientType.TO, support);
        m.setSubject(subject);
        m.setSentDate(new java.util.Date(1_700_000_000_000L));
        m.setText("Body of " + subject, "UTF-8");
        m.saveChanges();
        try (Store client = client()) {
            client.getFolder(folder).appendMessages(new Message[]{m});
        }
    }
}
