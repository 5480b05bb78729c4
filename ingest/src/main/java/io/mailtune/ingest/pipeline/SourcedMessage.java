package io.mailtune.ingest.pipeline;

/**
 * Raw bytes of one message and where they came from.
 *
 * @param source where it was read, e.g. {@code imap:INBOX/uid:42} or {@code maildir:/path/cur/123}
 * @param raw    the RFC 822 bytes
 */
public record SourcedMessage(String source, byte[] raw) {

    /** Validates both parts. */
    public SourcedMessage {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must name where the message came from");
        }
        if (raw == null) {
            throw new IllegalArgumentException("raw bytes are required for " + source);
        }
    }
}
