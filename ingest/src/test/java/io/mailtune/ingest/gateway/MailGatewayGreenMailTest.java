package io.mailtune.ingest.gateway;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtune.ingest.GreenMailSetups;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.imap.AfterIngest;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.imap.WatcherState;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.testing.KafkaBroker;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway against GreenMail's IMAP server and a real KRaft broker. */
class MailGatewayGreenMailTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(GreenMailSetups.patient(ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.IMAPS.dynamicPort()))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@acme.test", "support", "secret"));

    @TempDir
    Path state;

    private MailboxConfig mailbox(String id) {
        return MailboxConfig.of(id, "127.0.0.1", greenMail.getImap().getPort(), TransportSecurity.NONE, "support",
                        new ImapAuth.Password("secret"), EmailAddress.of("support@acme.test"))
                .withFirstSync(FirstSync.ALL)
                .withWaiting(true, Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    private MailGateway gateway() {
        return new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state));
    }

    private void deliver(String from, String subject, String text) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, "support@acme.test");
        m.setSubject(subject);
        m.setText(text, "UTF-8");
        Transport.send(m);
    }

    private Store imapClient() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), "support", "secret");
        return store;
    }

    @Test
    void mailDeliveredWhileIdlingIsPublishedOnceAndTheServerIsLeftUntouched() throws Exception {
        String id = "idle-" + UUID.randomUUID().toString().substring(0, 8);
        try (MailGateway gateway = gateway()) {
            // IDLE is renewed only after 2 minutes: mail must arrive through IDLE itself within the 30 s wait.
            gateway.start(List.of(mailbox(id).withWaiting(true, Duration.ofMinutes(1), Duration.ofMinutes(2))));
            awaitState(gateway, id, WatcherState.CONNECTED);
            Thread.sleep(500);
            for (int i = 1; i <= 3; i++) {
                deliver("customer" + i + "@example.com", "Question " + i, "Hello, question number " + i + ".");
            }
            awaitPublished(gateway, id, "INBOX", 3);
            List<InboundEmail> published = InboundTopic.read(kafka, id, 3, Duration.ofSeconds(30));
            assertEquals(Set.of("Question 1", "Question 2", "Question 3"), published.stream().map(InboundEmail::subject).collect(Collectors.toSet()));
            assertEquals(3, published.size(), "each message exactly once");
            assertTrue(gateway.events().list(id).stream().anyMatch(e -> e.kind() == MailboxEvent.Kind.CONNECTED
                    && e.detail().contains("IDLE")), "connected with IDLE");
        }
        try (Store client = imapClient()) {
            Folder inbox = client.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                assertFalse(m.isSet(Flags.Flag.SEEN), "reading must not mark mail as seen");
            }
            assertTrue(inbox.getMessageCount() >= 3, "nothing deleted or moved");
        }
    }

    @Test
    void mailArrivingDuringDowntimeIsPublishedAfterRestartAndNothingTwice() throws Exception {
        String id = "downtime-" + UUID.randomUUID().toString().substring(0, 8);
        String folder = "Down" + id.substring(9);
        createFolder(folder);
        append(folder, "before-1", "Before downtime 1");
        append(folder, "before-2", "Before downtime 2");
        MailboxConfig config = mailbox(id).withFolders(List.of(folder));
        try (MailGateway gateway = gateway()) {
            gateway.start(List.of(config));
            awaitPublished(gateway, id, folder, 2);
        }
        for (int i = 1; i <= 3; i++) {
            append(folder, "during-" + i, "During downtime " + i);
        }
        try (MailGateway gateway = gateway()) {
            gateway.start(List.of(config));
            awaitPublished(gateway, id, folder, 3);
        }
        List<InboundEmail> published = InboundTopic.read(kafka, id, 5, Duration.ofSeconds(30));
        assertEquals(5, published.size(), published.stream().map(InboundEmail::subject).toList().toString());
        assertEquals(5, published.stream().map(InboundEmail::messageId).distinct().count());
    }

    @Test
    void aUidValidityChangeIsReportedAndOnlyNewMailIsPublished() throws Exception {
        new ImapScenarios(greenMail.getImap().getPort(), "support", "secret", "support@acme.test").uidValidityChange(kafka, state);
    }

    @Test
    void whenConfiguredPublishedMailIsMarkedSeenOrMoved() throws Exception {
        String id = "act-" + UUID.randomUUID().toString().substring(0, 8);
        String seenFolder = "Seen" + id.substring(4);
        String moveFolder = "Move" + id.substring(4);
        String archive = "Archive" + id.substring(4);
        createFolder(seenFolder);
        createFolder(moveFolder);
        createFolder(archive);
        append(seenFolder, "s1", "To be marked seen");
        append(moveFolder, "m1", "To be moved");
        try (MailGateway gateway = gateway()) {
            gateway.start(List.of(mailbox(id + "-seen").withFolders(List.of(seenFolder)).withAfterIngest(AfterIngest.MARK_SEEN, null),
                    mailbox(id + "-move").withFolders(List.of(moveFolder)).withAfterIngest(AfterIngest.MOVE, archive)));
            awaitPublished(gateway, id + "-seen", seenFolder, 1);
            awaitPublished(gateway, id + "-move", moveFolder, 1);
        }
        try (Store client = imapClient()) {
            Folder seen = client.getFolder(seenFolder);
            seen.open(Folder.READ_ONLY);
            assertTrue(seen.getMessage(1).isSet(Flags.Flag.SEEN));
            Folder moved = client.getFolder(moveFolder);
            moved.open(Folder.READ_ONLY);
            assertEquals(0, moved.getMessageCount());
            Folder target = client.getFolder(archive);
            target.open(Folder.READ_ONLY);
            assertEquals("To be moved", target.getMessage(1).getSubject());
        }
    }

    @Test
    void aMessageFiledInTwoWatchedFoldersIsPublishedOnce() throws Exception {
        String id = "two-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "Label1" + id.substring(4);
        String second = "Label2" + id.substring(4);
        createFolder(first);
        createFolder(second);
        List<MimeMessage> shared = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            shared.add(message("<shared-" + i + "-" + id + "@customer.example>", "Shared " + i));
        }
        try (Store client = imapClient()) {
            client.getFolder(first).appendMessages(shared.toArray(Message[]::new));
            client.getFolder(second).appendMessages(shared.toArray(Message[]::new));
        }
        try (MailGateway gateway = gateway()) {
            gateway.start(List.of(mailbox(id).withFolders(List.of(first, second))));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (gateway.watcher(id, first).published() + gateway.watcher(id, second).published() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            assertEquals(20, gateway.watcher(id, first).published() + gateway.watcher(id, second).published());
        }
        assertEquals(20, InboundTopic.read(kafka, id, 20, Duration.ofSeconds(30)).size());
    }

    @Test
    void aMailboxIsReadOverImapsWithTls() throws Exception {
        String id = "tls-" + UUID.randomUUID().toString().substring(0, 8);
        String folder = "Tls" + id.substring(4);
        createFolder(folder);
        append(folder, "tls-1", "Over TLS");
        MailboxConfig tls = MailboxConfig.of(id, "127.0.0.1", greenMail.getImaps().getPort(), TransportSecurity.TLS, "support",
                        new ImapAuth.Password("secret"), EmailAddress.of("support@acme.test"))
                .withFolders(List.of(folder))
                .withFirstSync(FirstSync.ALL)
                .withTrustedTlsHosts("127.0.0.1");
        try (MailGateway gateway = gateway()) {
            gateway.start(List.of(tls));
            awaitPublished(gateway, id, folder, 1);
        }
    }

    @Test
    void starttlsIsRequiredNotJustAttempted() throws Exception {
        String id = "starttls-" + UUID.randomUUID().toString().substring(0, 8);
        MailboxConfig starttls = MailboxConfig.of(id, "127.0.0.1", greenMail.getImap().getPort(), TransportSecurity.STARTTLS, "support",
                new ImapAuth.Password("secret"), EmailAddress.of("support@acme.test"));
        try (MailGateway gateway = gateway()) {
            gateway.start(List.of(starttls));
            awaitState(gateway, id, WatcherState.RECONNECTING);
            String problem = gateway.watcher(id, "INBOX").lastProblem();
            assertTrue(problem.contains("STARTTLS"), "a server without STARTTLS never gets the password in clear text: " + problem);
        }
    }

    @Test
    void withoutIdleTheFolderIsPolled() throws Exception {
        String id = "poll-" + UUID.randomUUID().toString().substring(0, 8);
        String folder = "Poll" + id.substring(5);
        createFolder(folder);
        MailboxConfig config = mailbox(id).withFolders(List.of(folder)).withWaiting(false, Duration.ofMillis(300), Duration.ofSeconds(20));
        try (MailGateway gateway = gateway()) {
            gateway.start(List.of(config));
            awaitState(gateway, id + "/" + folder, WatcherState.CONNECTED);
            append(folder, "polled-1", "Found by polling");
            awaitPublished(gateway, id, folder, 1);
            assertTrue(gateway.events().list(id).get(0).detail().contains("polling"));
        }
    }

    @Test
    void aReplyLandsInTheCustomersThreadAndTheirAnswerJoinsIt() throws Exception {
        greenMail.setUser("customer@customer.example", "customer", "secret");
        new ReplyRoundTrip(greenMail.getSmtp().getPort(), greenMail.getImap().getPort(), "support@acme.test", "support", "secret",
                "customer@customer.example", "customer", "secret").run(kafka, state);
    }

    private void createFolder(String name) throws Exception {
        try (Store client = imapClient()) {
            Folder f = client.getFolder(name);
            if (!f.exists()) {
                f.create(Folder.HOLDS_MESSAGES);
            }
        }
    }

    private void append(String folder, String localId, String subject) throws Exception {
        appendAs(folder, "<" + localId + "." + folder + "@customer.example>", subject);
    }

    private void appendAs(String folder, String messageId, String subject) throws Exception {
        MimeMessage m = message(messageId, subject);
        try (Store client = imapClient()) {
            Folder f = client.getFolder(folder);
            f.appendMessages(new Message[]{m});
        }
    }

    private static MimeMessage message(String messageId, String subject) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress("customer@customer.example"));
        m.setRecipients(Message.RecipientType.TO, "support@acme.test");
        m.setSubject(subject);
        m.setSentDate(new java.util.Date(1_700_000_000_000L));
        m.setText("Body of " + subject, "UTF-8");
        m.saveChanges();
        return m;
    }

    static void awaitState(MailGateway gateway, String key, WatcherState expected) throws InterruptedException {
        String full = key.contains("/") ? key : key + "/INBOX";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (gateway.states().get(full) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(full + " is " + gateway.states().get(full) + ", expected " + expected);
            }
            Thread.sleep(50);
        }
    }

    static void awaitPublished(MailGateway gateway, String mailbox, String folder, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gateway.watcher(mailbox, folder).published() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(mailbox + "/" + folder + " published " + gateway.watcher(mailbox, folder).published()
                        + " of " + count + "; state " + gateway.states() + ", problem " + gateway.watcher(mailbox, folder).lastProblem());
            }
            Thread.sleep(50);
        }
    }

    static void awaitEvent(MailGateway gateway, String mailbox, MailboxEvent.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (gateway.events().list(mailbox).stream().noneMatch(e -> e.kind() == kind)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + kind + " event for " + mailbox + ": " + gateway.events().list(mailbox));
            }
            Thread.sleep(50);
        }
    }
}
