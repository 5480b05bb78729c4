package io.mailtune.core.mail;

import io.mailtune.core.id.Hashing;

/**
 * Where the original bytes of a message are kept, so nothing that normalisation drops is lost.
 *
 * @param sha256    hash of the raw RFC 822 bytes
 * @param sizeBytes size of the raw bytes
 * @param location  a URI the raw-message store resolves, e.g. {@code file:///var/mailtune/raw/ab/abcd….eml}
 */
public record RawMessageRef(String sha256, long sizeBytes, String location) {

    /** Validates the hash format and size. */
    public RawMessageRef {
        if (!Hashing.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex characters, was '" + sha256 + "'");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, was " + sizeBytes);
        }
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("location must not be blank");
        }
    }
}
