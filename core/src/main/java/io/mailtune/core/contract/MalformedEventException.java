package io.mailtune.core.contract;

/** A record on a topic that cannot be read as its contract; the message says which record type and why. */
public final class MalformedEventException extends RuntimeException {

    /** Wraps the cause of a failed read. */
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
