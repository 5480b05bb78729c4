package io.mailtune.core.id;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for emails, drafts and replies: time-ordered UUIDs (version 7), so ids sort by creation time
 * in logs and database indexes.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new time-ordered UUID string. */
    public static String newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** Rejects null, blank and over-long ids, naming the field, so a bad id fails where it enters. */
    public static String requireId(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > 998) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long; at most 998 are allowed");
        }
        return value;
    }
}
