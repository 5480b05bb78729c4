package io.mailtune.ingest.mime;

/** Thrown when a message cannot be normalised; carries the reason and a detail for the rejection record. */
public final class RejectedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    /** A rejection with its reason and what exactly was wrong. */
    public RejectedMessageException(RejectionReason reason, String detail) {
        super(reason + ": " + detail);
        if (reason == null) {
            throw new IllegalArgumentException("reason is required");
        }
        this.reason = reason;
    }

    /** The class of the problem. */
    public RejectionReason reason() {
        return reason;
    }

    /** The detail without the reason prefix. */
    public String detail() {
        return getMessage().substring(reason.name().length() + 2);
    }
}
