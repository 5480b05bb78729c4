package io.mailtune.agent.embedded;

import io.mailtune.agent.config.MailSettings;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The embedded IMAP + SMTP server with the demo support mailbox and demo customer mail, started only when no mailbox
 * is configured. Replies the agent sends to demo customers land in their mailboxes on the same server.
 */
@ApplicationScoped
public class DemoMailServer {

    private static final Logger LOG = Logger.getLogger(DemoMailServer.class);

    private final MailSettings settings;
    private EmbeddedMailServer server;

    DemoMailServer(MailSettings settings) {
        this.settings = settings;
    }

    /** The running server, started (and seeded) on first use; empty when mailboxes are configured or it is disabled. */
    public synchronized Optional<EmbeddedMailServer> server() {
        if (!settings.mailboxes().isEmpty() || !settings.embedded().enabled()) {
            return Optional.empty();
        }
        if (server == null) {
            server = EmbeddedMailServer.start(settings.embedded().imapPort(), settings.embedded().smtpPort());
            server.addUser(DemoCompany.SUPPORT_ADDRESS, DemoCompany.SUPPORT_PASSWORD);
            int seeded = 0;
            for (byte[] message : DemoMail.messages(settings.embedded().demoEmails())) {
                server.deliver(DemoCompany.SUPPORT_ADDRESS, message);
                seeded++;
            }
            LOG.infof("embedded mail server: IMAP 127.0.0.1:%d, SMTP 127.0.0.1:%d, mailbox %s with %d demo emails;"
                            + " replies to demo customers are kept on it", server.imapPort(), server.smtpPort(),
                    DemoCompany.SUPPORT_ADDRESS, seeded);
        }
        return Optional.of(server);
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
