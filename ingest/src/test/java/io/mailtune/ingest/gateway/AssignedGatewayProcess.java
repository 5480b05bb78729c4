package io.mailtune.ingest.gateway;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.imap.FirstSync;
import io.mailtune.ingest.imap.ImapAuth;
import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.imap.TransportSecurity;
import io.mailtune.ingest.mime.MessageLimits;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One of several gateways sharing a PostgreSQL ingest database, as a process of its own, for takeover tests:
 * {@code AssignedGatewayProcess bootstrap jdbcUrl jdbcUser stateDir imapPort login password supportAddress instance
 * group mailbox=folder,mailbox=folder…}. With {@code -Dmailtune.test.stallFile=PATH} it stops itself (SIGSTOP) in the
 * middle of a Kafka transaction once that file appears ({@link StallingInterceptor}). Runs until killed.
 */
public final class AssignedGatewayProcess {

    private AssignedGatewayProcess() {
    }

    /** Starts the gateway in assigned mode and blocks forever. */
    public static void main(String[] args) throws InterruptedException {
        List<MailboxConfig> mailboxes = new ArrayList<>();
        for (String pair : args[10].split(",")) {
            String[] idAndFolder = pair.split("=");
            mailboxes.add(MailboxConfig.of(idAndFolder[0], "127.0.0.1", Integer.parseInt(args[4]), TransportSecurity.NONE, args[5],
                            new ImapAuth.Password(args[6]), EmailAddress.of(args[7]))
                    .withFolders(List.of(idAndFolder[1]))
                    .withFirstSync(FirstSync.ALL)
                    .withFetchBatchSize(5)
                    .withWaiting(true, Duration.ofMillis(200), Duration.ofSeconds(5)));
        }
        Properties overrides = new Properties();
        if (System.getProperty(StallingInterceptor.STALL_FILE_PROPERTY) != null) {
            overrides.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, StallingInterceptor.class.getName());
        }
        Path state = Path.of(args[3]);
        GatewaySettings settings = new GatewaySettings(args[0], args[1], args[2], "", state.resolve("raw"), MessageLimits.DEFAULT,
                Duration.ofSeconds(30), Duration.ofDays(90), overrides);
        MailGateway gateway = new MailGateway(settings);
        gateway.startAssigned(mailboxes, AssignmentSettings.defaults().withInstanceId(args[8]).withGroupId(args[9])
                .withTimeouts(Duration.ofSeconds(6), Duration.ofMillis(500), Duration.ofSeconds(10)));
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
