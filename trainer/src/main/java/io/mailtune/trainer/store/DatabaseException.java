package io.mailtune.trainer.store;

/** A failure of the trainer database, with the statement's problem in the message. */
public final class DatabaseException extends RuntimeException {

    /** A failure with its SQL cause. */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The SQLSTATE of the cause, or empty. */
    public String sqlState() {
        return getCause() instanceof java.sql.SQLException e && e.getSQLState() != null ? e.getSQLState() : "";
    }
}
