package io.mailtune.ingest.gateway;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailtune.core.assignment.MailboxOwner;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.history.HistoryImporter;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gateways in assigned mode in one process, sharing a PostgreSQL ingest database: the rules and a clean handover. */
class AssignedGatewaysTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[]{ServerSetupTest.IMAP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("support@acme.test", "support", "secret"));

    @TempDir
    Path dir;

    private MailGateway gateway(String instance) {
        return new MailGateway(new GatewaySettings(kafka.bootstrapServers(), postgres.jdbcUrl(), postgres.user(), "",
                dir.resolve(instance), MessageLimits.DEFAULT, Duration.ofSeconds(30), Duration.ofDays(90), new Properties()));
    }

    private static AssignmentSettings assignment(String group, String instance) {
        return AssignmentSettings.defaults().withGroupId(group).withInstanceId(instance)
                .withTimeouts(Duration.ofSeconds(6), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    private List<MailboxConfig> mailboxes(String prefix, int count) throws Exception {
        ImapScenarios imap = new ImapScenarios(greenMail.getImap().getPort(), "support", "secret", "support@acme.test");
        List<MailboxConfig> out = new java.util.ArrayList<>();
        for (String id : OwnerPartitions.coveringIds(kafka, prefix, count)) {
            String folder = "Shared" + id.replace("-", "");
            imap.createFolder(folder);
            out.add(MailboxConfig.of(id, "127.0.0.1", greenMail.getImap().getPort(), TransportSecurity.NONE, "support",
                            new ImapAuth.Password("secret"), EmailAddress.of("support@acme.test"))
                    .withFolders(List.of(folder))
                    .withFirstSync(FirstSync.ALL)
                    .withWaiting(true, Duration.ofMillis(300), Duration.ofSeconds(20)));
        }
        return out;
    }

    private static Set<String> ids(List<MailboxConfig> mailboxes) {
        return mailboxes.stream().map(MailboxConfig::id).collect(Collectors.toSet());
    }

    /** Waits until the gateways together run every mailbox, each mailbox on exactly one of them. */
    private static void awaitShared(Set<String> all, MailGateway... gateways) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Set<String> union = new HashSet<>();
            int total = 0;
            for (MailGateway g : gateways) {
                union.addAll(g.mailboxes());
                total += g.mailboxes().size();
            }
            boolean everyGatewayHasSome = java.util.Arrays.stream(gateways).allMatch(g -> !g.mailboxes().isEmpty());
            if (union.equals(all) && total == all.size() && everyGatewayHasSome) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("mailboxes not shared out: " + java.util.Arrays.stream(gateways).map(MailGateway::mailboxes).toList());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aGatewayThatShutsDownHandsItsMailboxesToTheOtherAtOnceAndNothingIsPublishedTwice() throws Exception {
        String group = "handover-" + UUID.randomUUID().toString().substring(0, 8);
        List<MailboxConfig> mailboxes = mailboxes(group, 4);
        ImapScenarios imap = new ImapScenarios(greenMail.getImap().getPort(), "support", "secret", "support@acme.test");
        try (MailGateway staying = gateway("staying"); TopicTail<MailboxOwner> owners = new TopicTail<>(kafka, Topics.MAILBOX_OWNERS)) {
            MailGateway leaving = gateway("leaving");
            try {
                leaving.startAssigned(mailboxes, assignment(group, "leaving"));
                staying.startAssigned(mailboxes, assignment(group, "staying"));
                awaitShared(ids(mailboxes), leaving, staying);
                for (MailboxConfig m : mailboxes) {
                    imap.append(m.folders().get(0), "before-" + m.id(), "Before the handover " + m.id());
                }
                InboundTopic.read(kafka, e -> e.mailbox().startsWith(group), mailboxes.size(), Duration.ofSeconds(30));
            } finally {
                long closing = System.nanoTime();
                leaving.close();
                System.out.println("handover: leaving gateway closed in " + Duration.ofNanos(System.nanoTime() - closing).toMillis() + " ms");
            }
            long left = System.nanoTime();
            awaitShared(ids(mailboxes), staying);
            long handoverMs = Duration.ofNanos(System.nanoTime() - left).toMillis();
            for (MailboxConfig m : mailboxes) {
                imap.append(m.folders().get(0), "after-" + m.id(), "After the handover " + m.id());
            }
            List<InboundEmail> published = InboundTopic.read(kafka, e -> e.mailbox().startsWith(group), 2 * mailboxes.size(), Duration.ofSeconds(30));
            Map<String, Long> copies = published.stream().collect(Collectors.groupingBy(InboundEmail::messageId, Collectors.counting()));
            assertEquals(2 * mailboxes.size(), copies.size(), "every message arrives: " + published.stream().map(InboundEmail::subject).sorted().toList());
            assertTrue(copies.values().stream().allMatch(n -> n == 1), "none twice: " + copies);
            System.out.println("handover: the staying gateway ran every mailbox " + handoverMs + " ms after the other left");
            owners.await("a release by the leaving gateway for each of its mailboxes", Duration.ofSeconds(10),
                    seen -> seen.stream().anyMatch(o -> o.instance().equals("leaving") && o.status() == MailboxOwner.Status.RELEASED));
            String released = staying.events().list(mailboxes.get(0).id()).stream().map(MailboxEvent::kind).map(Enum::name)
                    .collect(Collectors.joining(","));
            assertTrue(released.contains("ASSIGNED"), "assignments are on record: " + released);
        }
    }

    @Test
    void aRunningGatewayFollowsTheOwnersTopicWhenAnotherGrowsItSoNoMailboxRunsOnBoth() throws Exception {
        String group = "growth-" + UUID.randomUUID().toString().substring(0, 8);
        int partitions = OwnerPartitions.count(kafka);
        // One more mailbox than partitions: the second gateway grows the topic, which moves the mapping under the first.
        List<MailboxConfig> mailboxes = mailboxes(group, partitions + 1);
        try (MailGateway running = gateway("running"); MailGateway growing = gateway("growing")) {
            running.startAssigned(mailboxes.subList(0, partitions), assignment(group, "running"));
            awaitShared(ids(mailboxes.subList(0, partitions)), running);
            growing.startAssigned(mailboxes, assignment(group, "growing"));
            Set<String> configuredOnBoth = ids(mailboxes.subList(0, partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                Set<String> both = new HashSet<>(running.mailboxes());
                both.retainAll(growing.mailboxes());
                Set<String> union = new HashSet<>(running.mailboxes());
                union.addAll(growing.mailboxes());
                if (both.isEmpty() && union.containsAll(configuredOnBoth) && !running.mailboxes().isEmpty() && !growing.mailboxes().isEmpty()) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "mailboxes not shared out after the topic grew: running "
                        + running.mailboxes() + ", growing " + growing.mailboxes());
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aHistoryImportIsRefusedOnAGatewayThatDoesNotRunTheMailbox() throws Exception {
        String group = "import-" + UUID.randomUUID().toString().substring(0, 8);
        List<MailboxConfig> mailboxes = mailboxes(group, 2);
        try (MailGateway first = gateway("first"); MailGateway second = gateway("second")) {
            first.startAssigned(mailboxes, assignment(group, "first"));
            second.startAssigned(mailboxes, assignment(group, "second"));
            awaitShared(ids(mailboxes), first, second);
            String elsewhere = second.mailboxes().iterator().next();
            Path eml = Files.writeString(dir.resolve("old.eml"), "From: ann@customer.example\r\nTo: support@acme.test\r\n"
                    + "Subject: Old question\r\nMessage-ID: <old-1@customer.example>\r\n\r\nAn old question.\r\n");
            HistoryImporter importer = new HistoryImporter(first.intake(), first.publisher(), elsewhere,
                    new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test"))), MessageLimits.DEFAULT.maxMessageBytes());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> importer.importEml(eml));
            assertTrue(e.getMessage().contains("mailbox '" + elsewhere + "' is not assigned to this instance"), e.getMessage());
        }
    }

    @Test
    void aGatewayRunsEitherEveryMailboxOrTheAssignedOnesNeverBoth() throws Exception {
        String group = "modes-" + UUID.randomUUID().toString().substring(0, 8);
        List<MailboxConfig> mailboxes = mailboxes(group, 1);
        try (MailGateway plain = gateway("plain"); MailGateway assigned = gateway("assigned")) {
            plain.start(mailboxes);
            assertEquals("this gateway was already started; startAssigned must be its only start",
                    assertThrows(IllegalStateException.class, () -> plain.startAssigned(mailboxes, assignment(group, "plain"))).getMessage());
            assigned.startAssigned(List.of(), assignment(group, "assigned"));
            assertEquals("this gateway runs the mailboxes Kafka assigns to it (startAssigned); it cannot also run others",
                    assertThrows(IllegalStateException.class, () -> assigned.start(mailboxes)).getMessage());
        }
    }
}
