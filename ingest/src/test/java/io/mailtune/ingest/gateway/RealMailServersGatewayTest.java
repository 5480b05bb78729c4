package io.mailtune.ingest.gateway;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.RealMailServers;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway and the reply sender against real Postfix and Dovecot started by the project's script. */
class RealMailServersGatewayTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path serversDir;
    static RealMailServers servers;

    @TempDir
    Path state;

    @BeforeAll
    static void start() {
        servers = RealMailServers.start(serversDir);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aReplyLandsInTheCustomersThreadAndTheirAnswerJoinsIt() throws Exception {
        new ReplyRoundTrip(servers.smtpPort(), servers.imapPort(), RealMailServers.address("support"), "support", RealMailServers.PASSWORD,
                RealMailServers.address("customer"), "customer", RealMailServers.PASSWORD).run(kafka, state);
    }

    @Test
    void aUidValidityChangeIsReportedAndOnlyNewMailIsPublished() throws Exception {
        new ImapScenarios(servers.imapPort(), "uidv", RealMailServers.PASSWORD, RealMailServers.address("uidv")).uidValidityChange(kafka, state);
    }

    @Test
    void killingTheProcessAtAnyMomentLosesNothingAndPublishesNothingTwice() throws Exception {
        new ImapScenarios(servers.imapPort(), "killed", RealMailServers.PASSWORD, RealMailServers.address("killed")).killAndRestart(kafka, state);
    }

    @Test
    void mailSentDuringDowntimeIsPublishedOnceAfterRestartWithIdle() throws Exception {
        MailboxConfig config = MailboxConfig.of("real-downtime", "127.0.0.1", servers.imapPort(), TransportSecurity.NONE, "downtime",
                        new ImapAuth.Password(RealMailServers.PASSWORD), EmailAddress.of(RealMailServers.address("downtime")))
                .withFirstSync(FirstSync.ALL)
                .withWaiting(true, Duration.ofMillis(500), Duration.ofSeconds(20));
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(config));
            MailGatewayGreenMailTest.awaitEvent(gateway, "real-downtime", MailboxEvent.Kind.CONNECTED);
            assertTrue(gateway.events().list("real-downtime").get(0).detail().contains("IDLE"), "Dovecot offers IDLE");
            send("Live 1");
            MailGatewayGreenMailTest.awaitPublished(gateway, "real-downtime", "INBOX", 1);
        }
        send("While down 1");
        send("While down 2");
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(config));
            MailGatewayGreenMailTest.awaitPublished(gateway, "real-downtime", "INBOX", 2);
        }
        List<InboundEmail> published = InboundTopic.read(kafka, "real-downtime", 3, Duration.ofSeconds(30));
        assertEquals(List.of("Live 1", "While down 1", "While down 2"), published.stream().map(InboundEmail::subject).sorted().toList());
    }

    private static void send(String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(servers.smtpPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(props));
        m.setFrom(new InternetAddress("someone@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(RealMailServers.address("downtime")));
        m.setSubject(subject);
        m.setText("Body of " + subject);
        Transport.send(m);
    }
}
