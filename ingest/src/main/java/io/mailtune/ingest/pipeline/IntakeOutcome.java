package io.mailtune.ingest.pipeline;

import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.store.Rejection;

/** What became of one message. */
public sealed interface IntakeOutcome {

    /** The source the message came from. */
    String source();

    /**
     * Normalised and threaded, ready to publish.
     *
     * @param source      where it came from
     * @param email       the record to publish
     * @param contentHash its dedupe content hash
     */
    record Accepted(String source, InboundEmail email, String contentHash) implements IntakeOutcome {
    }

    /**
     * Already published by this mailbox (same Message-ID and content), recorded as a
     * {@link io.mailtune.ingest.store.MailboxEvent.Kind#DUPLICATE_SKIPPED} event.
     *
     * @param source      where it came from
     * @param messageId   its Message-ID
     * @param duplicateOf the copy it repeats: "email &lt;id&gt; in thread &lt;id&gt;", or the source of an earlier copy
     *                    in the same batch
     */
    record Duplicate(String source, String messageId, String duplicateOf) implements IntakeOutcome {
    }

    /**
     * Could not be normalised; recorded for inspection.
     *
     * @param source    where it came from
     * @param rejection the record
     */
    record Rejected(String source, Rejection rejection) implements IntakeOutcome {
    }
}
