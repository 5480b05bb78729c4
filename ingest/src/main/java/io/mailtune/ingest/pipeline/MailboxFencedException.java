package io.mailtune.ingest.pipeline;

/**
 * A mailbox's Kafka producer was fenced: a newer publisher of the same store and mailbox started after it (the
 * instance that took the mailbox over, or a second gateway on the same database). The broker aborted whatever it had
 * in flight, so nothing of the batch became visible and nothing was checkpointed.
 */
public final class MailboxFencedException extends IllegalStateException {

    private final String mailbox;

    /** The mailbox whose producer was fenced, what was being done and the Kafka error. */
    public MailboxFencedException(String mailbox, String doing, Throwable cause) {
        super("the Kafka producer of mailbox '" + mailbox + "' was fenced while " + doing + ": another instance took the mailbox"
                + " over (or a second gateway runs on the same database); nothing of it was published or checkpointed: " + cause, cause);
        this.mailbox = mailbox;
    }

    /** The mailbox. */
    public String mailbox() {
        return mailbox;
    }
}
