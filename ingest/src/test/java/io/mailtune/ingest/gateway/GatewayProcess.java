package io.mailtune.ingest.gateway;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The gateway as a process of its own, for kill-and-restart tests: {@code GatewayProcess bootstrap stateDir imapPort
 * mailbox folder login password supportAddress}. Runs until killed.
 */
public final class GatewayProcess {

    private GatewayProcess() {
    }

    /** Starts the gateway and blocks forever. */
    public static void main(String[] args) throws InterruptedException {
        MailboxConfig config = MailboxConfig.of(args[3], "127.0.0.1", Integer.parseInt(args[2]), TransportSecurity.NONE, args[5],
                        new ImapAuth.Password(args[6]), EmailAddress.of(args[7]))
                .withFolders(List.of(args[4]))
                .withFirstSync(FirstSync.ALL)
                .withFetchBatchSize(7)
                .withWaiting(true, Duration.ofMillis(200), Duration.ofSeconds(5));
        MailGateway gateway = new MailGateway(GatewaySettings.embedded(args[0], Path.of(args[1])));
        gateway.start(List.of(config));
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
