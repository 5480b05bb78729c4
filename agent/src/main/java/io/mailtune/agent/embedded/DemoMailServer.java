package io.mailtune.agent.embedded;

import io.mailtune.agent.config.DemoSettings;
import io.mailtune.agent.config.MailSettings;
import io.mailtune.embedded.mail.EmbeddedMailServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The embedded IMAP + SMTP server with the demo support mailbox and demo customer mail, started only when no mailbox
 * is configured, with the simulated customer writing to it unless that is turned off. Replies the agent sends to demo
 * customers land in their mailboxes on the same server.
 */
@ApplicationScoped
public class DemoMailServer {

    private static final Logger LOG = Logger.getLogger(DemoMailServer.class);

    private final MailSettings settings;
    private final DemoSettings demo;
    private EmbeddedMailServer server;
    private SimulatedCustomer customer;

    DemoMailServer(MailSettings settings, DemoSettings demo) {
        this.settings = settings;
        this.demo = demo;
    }

    /** The running server, started (and seeded) on first use; empty when mailboxes are configured or it is disabled. */
    public synchronized Optional<EmbeddedMailServer> server() {
        if (!settings.mailboxes().isEmpty() || !settings.embedded().enabled()) {
            return Optional.empty();
        }
        if (server == null) {
            int seeded = settings.embedded().demoEmails();
            server = DemoMail.startServer(settings.embedded().imapPort(), settings.embedded().smtpPort(), seeded);
            LOG.infof("embedded mail server: IMAP 127.0.0.1:%d, SMTP 127.0.0.1:%d, mailbox %s with %d demo emails;"
                            + " replies to demo customers are kept on it", server.imapPort(), server.smtpPort(),
                    DemoCompany.SUPPORT_ADDRESS, seeded);
            if (demo.customer().enabled()) {
                customer = SimulatedCustomer.start(server, demo.customer());
            }
        }
        return Optional.of(server);
    }

    @PreDestroy
    synchronized void stop() {
        if (customer != null) {
            customer.close();
            customer = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
