package io.mailtune.ingest.store;

import java.time.Instant;

/**
 * Something an operator must know about a mailbox: a UIDVALIDITY change, a revoked token, a lost connection.
 *
 * @param mailbox the mailbox
 * @param folder  the folder, or empty for the whole mailbox
 * @param kind    what happened
 * @param detail  the specifics
 * @param at      when
 */
public record MailboxEvent(String mailbox, String folder, Kind kind, String detail, Instant at) {

    /** Kinds of mailbox events. */
    public enum Kind {
        /** Connected and reading. */
        CONNECTED,
        /** The connection failed or dropped; a reconnect follows after a backoff. */
        CONNECTION_LOST,
        /** The server refused the credentials or the token was revoked: a person must re-authorise. */
        AUTHENTICATION_FAILED,
        /** The folder's UIDVALIDITY changed; it is re-scanned with dedupe so nothing is published twice. */
        UIDVALIDITY_CHANGED,
        /** A run that was interrupted had already published messages; they were found in Kafka and not sent again. */
        INTERRUPTED_BATCH_SETTLED,
        /** This instance took the mailbox: the mailbox owners group assigned it here (several instances). */
        ASSIGNED,
        /** This instance stopped running the mailbox: revoked in a rebalance, lost, or shut down. */
        RELEASED,
        /** The mailbox's producer was fenced by a newer one: another instance took the mailbox over. */
        FENCED
    }

    /** Validates the required parts. */
    public MailboxEvent {
        if (mailbox == null || folder == null || kind == null || detail == null || at == null) {
            throw new IllegalArgumentException("mailbox, folder, kind, detail and at are required");
        }
    }
}
