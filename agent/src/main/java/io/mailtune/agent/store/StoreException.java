package io.mailtune.agent.store;

/** The database refused or failed an operation; the message says which. */
public final class StoreException extends RuntimeException {

    /** An error with its cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
