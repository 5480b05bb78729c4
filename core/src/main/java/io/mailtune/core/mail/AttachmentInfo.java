package io.mailtune.core.mail;

/**
 * What is known of an attachment or inline part; its bytes stay in the raw message.
 *
 * @param fileName    the declared file name, or null
 * @param contentType the MIME type, e.g. {@code image/png}
 * @param sizeBytes   decoded size, or the cap when decoding stopped there
 * @param sha256      hash of the decoded content read (up to the cap), or null when it could not be decoded
 * @param inline      true for {@code Content-Disposition: inline} parts such as signature images
 */
public record AttachmentInfo(String fileName, String contentType, long sizeBytes, String sha256, boolean inline) {

    /** Validates the content type and size. */
    public AttachmentInfo {
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("contentType must not be blank");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, was " + sizeBytes);
        }
    }
}
