package io.mailtune.agent.review;

/** A reviewer acted on a version of a draft that has moved on (another reviewer, a redraft): nothing changed. */
public final class VersionConflictException extends RuntimeException {

    private final long currentVersion;

    /** A conflict on a draft, naming the version the caller had and the one it is at now. */
    public VersionConflictException(String draftId, long givenVersion, long currentVersion, String status) {
        super("draft " + draftId + " is at version " + currentVersion + " (" + status + "), not " + givenVersion
                + ": someone else acted on it first; reload it");
        this.currentVersion = currentVersion;
    }

    /** The draft's version now. */
    public long currentVersion() {
        return currentVersion;
    }
}
