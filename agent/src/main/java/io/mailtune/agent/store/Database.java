package io.mailtune.agent.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The agent's SQL database (PostgreSQL in production, an H2 file by default): short transactions over a pooled data
 * source, in plain SQL both understand.
 */
public final class Database {

    /** Unique-key violation, the same SQLSTATE in PostgreSQL and H2. */
    static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    /** A database over the pool. */
    public Database(DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource is required");
        }
        this.dataSource = dataSource;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /** Runs against the transaction's connection. */
        T run(Connection c) throws SQLException;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    /** Whether the error (or one it wraps) is a unique-key violation. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
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
