package io.mailtune.ingest.imap;

import java.time.Instant;

/**
 * An OAuth2 access token and when it stops working.
 *
 * @param value     the bearer token
 * @param expiresAt its expiry
 */
public record AccessToken(String value, Instant expiresAt) {

    /** Validates both parts. */
    public AccessToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("access token value must not be blank");
        }
        if (expiresAt == null) {
            throw new IllegalArgumentException("expiresAt is required");
        }
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
