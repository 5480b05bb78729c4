package io.mailtune.ingest.mime;

/**
 * Size limits that protect normalisation from hostile input.
 *
 * @param maxMessageBytes     raw messages larger than this are rejected without parsing
 * @param maxHeaderLineBytes  a physical header line longer than this rejects the message
 * @param maxTextBytes        decoded bytes read from one text part; the rest is cut off
 * @param maxAttachmentBytes  decoded bytes of one attachment that are hashed; its size then reads as the cap
 * @param maxZipExpansion     inflating an attached zip beyond this multiple of its own size marks it as a zip bomb
 * @param maxZipEntries       a zip with more entries than this is a zip bomb
 */
public record MessageLimits(long maxMessageBytes, int maxHeaderLineBytes, int maxTextBytes, long maxAttachmentBytes,
                            int maxZipExpansion, int maxZipEntries) {

    /** Limits suited to support mail: 25 MB messages, 32 kB header lines, 10 MB attachments hashed. */
    public static final MessageLimits DEFAULT = new MessageLimits(25L << 20, 32 << 10, 2 << 20, 10L << 20, 100, 10_000);

    /** Validates that every limit is positive. */
    public MessageLimits {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
        if (maxHeaderLineBytes < 998) {
            throw new IllegalArgumentException("maxHeaderLineBytes must be at least RFC 5322's 998, was " + maxHeaderLineBytes);
        }
        if (maxTextBytes <= 0) {
            throw new IllegalArgumentException("maxTextBytes must be positive, was " + maxTextBytes);
        }
        if (maxAttachmentBytes <= 0) {
            throw new IllegalArgumentException("maxAttachmentBytes must be positive, was " + maxAttachmentBytes);
        }
        if (maxZipExpansion < 2) {
            throw new IllegalArgumentException("maxZipExpansion must be at least 2, was " + maxZipExpansion);
        }
        if (maxZipEntries <= 0) {
            throw new IllegalArgumentException("maxZipEntries must be positive, was " + maxZipEntries);
        }
    }
}
