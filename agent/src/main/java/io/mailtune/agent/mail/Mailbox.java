package io.mailtune.agent.mail;

import io.mailtune.ingest.imap.MailboxConfig;
import io.mailtune.ingest.smtp.SmtpConfig;

/**
 * One support mailbox as the agent runs it: how to read it and how to answer from it.
 *
 * @param imap the IMAP side, for the gateway
 * @param smtp the SMTP side, for replies
 */
public record Mailbox(MailboxConfig imap, SmtpConfig smtp) {

    /** The mailbox id. */
    public String id() {
        return imap.id();
    }
}
