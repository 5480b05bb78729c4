package io.mailtune.core.sql;

import java.sql.SQLException;

/** A failure of a service's SQL database; the message names the database and the statement's problem. */
public final class DatabaseException extends RuntimeException {

    /** Unique-key violation, the same SQLSTATE in PostgreSQL and H2. */
    static final String UNIQUE_VIOLATION = "23505";

    /** A failure with its cause. */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether a unique key refused a row: the usual sign that another instance wrote it first. */
    public boolean isUniqueViolation() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException x = sql; x != null; x = x.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
