package io.mailtune.ingest.store;

import io.mailtune.ingest.mime.RejectionReason;

import java.time.Instant;

/**
 * A message that could not be normalised, kept for inspection; the raw bytes stay in the raw store when they
 * could be read.
 *
 * @param rejectionId our id for the record
 * @param mailbox     the mailbox it arrived in
 * @param source      where it came from, e.g. {@code imap:INBOX/uid 42} or {@code mbox:/path#17}
 * @param reason      the class of the problem
 * @param detail      what exactly was wrong
 * @param rawSha256   hash of the raw bytes, or null when they were not read (too large)
 * @param rawSize     size of the raw message
 * @param rawLocation where the raw bytes are stored, or null
 * @param rejectedAt  when it was rejected
 */
public record Rejection(String rejectionId, String mailbox, String source, RejectionReason reason, String detail,
                        String rawSha256, long rawSize, String rawLocation, Instant rejectedAt) {

    /** Validates the required parts and shortens the detail to what the table holds. */
    public Rejection {
        if (rejectionId == null || mailbox == null || source == null || reason == null || detail == null || rejectedAt == null) {
            throw new IllegalArgumentException("rejectionId, mailbox, source, reason, detail and rejectedAt are required");
        }
        detail = detail.length() > 4000 ? detail.substring(0, 3999) + "…" : detail;
    }
}
