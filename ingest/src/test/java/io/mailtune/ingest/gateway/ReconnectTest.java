package io.mailtune.ingest.gateway;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailtune.ingest.GreenMailSetups;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.imap.WatcherState;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.testing.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mailbox whose server is down keeps retrying with backoff and reads its mail once the server is back. */
class ReconnectTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path state;

    @Test
    void aMailboxWhoseServerWasDownConnectsAndReadsOnceItIsBack() throws Exception {
        int imapPort;
        int smtpPort;
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            imapPort = a.getLocalPort();
            smtpPort = b.getLocalPort();
        }
        MailboxConfig config = MailboxConfig.of("flaky", "127.0.0.1", imapPort, TransportSecurity.NONE, "support",
                        new ImapAuth.Password("secret"), EmailAddress.of("support@acme.test"))
                .withFirstSync(FirstSync.ALL)
                .withWaiting(true, Duration.ofMillis(500), Duration.ofSeconds(20));
        try (MailGateway gateway = new MailGateway(GatewaySettings.embedded(kafka.bootstrapServers(), state))) {
            gateway.start(List.of(config));
            MailGatewayGreenMailTest.awaitState(gateway, "flaky", WatcherState.RECONNECTING);
            assertTrue(gateway.events().list("flaky").stream().anyMatch(e -> e.kind() == MailboxEvent.Kind.CONNECTION_LOST));

            GreenMail server = new GreenMail(GreenMailSetups.patient(new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));
            server.start();
            try {
                server.setUser("support@acme.test", "support", "secret");
                GreenMailUtil.sendTextEmail("support@acme.test", "customer@example.com", "Back again", "Are you there?",
                        server.getSmtp().getServerSetup());
                MailGatewayGreenMailTest.awaitPublished(gateway, "flaky", "INBOX", 1);
            } finally {
                server.stop();
            }
        }
    }
}
