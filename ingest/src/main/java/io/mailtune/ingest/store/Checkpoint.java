package io.mailtune.ingest.store;

/**
 * How far a folder has been read: every UID up to {@code lastUid} under {@code uidValidity} is published or rejected.
 *
 * @param uidValidity the folder's UIDVALIDITY when the UIDs were read
 * @param lastUid     the highest UID handled
 */
public record Checkpoint(long uidValidity, long lastUid) {

    /** Validates both numbers. */
    public Checkpoint {
        if (uidValidity <= 0) {
            throw new IllegalArgumentException("uidValidity must be positive, was " + uidValidity);
        }
        if (lastUid < 0) {
            throw new IllegalArgumentException("lastUid must not be negative, was " + lastUid);
        }
    }
}
