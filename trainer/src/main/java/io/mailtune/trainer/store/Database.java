package io.mailtune.trainer.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trainer's SQL database (PostgreSQL in production, H2 embedded by default): transactions and small query
 * helpers over a {@link DataSource}. The schema comes from the Flyway migrations in {@code db/trainer}.
 */
public final class Database {

    /** Unique-key violation, the same SQLSTATE in PostgreSQL and H2. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    /** A database over a pooled data source. */
    public Database(DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        this.dataSource = dataSource;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /** Runs with the transaction's connection. */
        T run(Connection c) throws SQLException;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        /** Maps the current row. */
        T read(ResultSet r) throws SQLException;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new DatabaseException("trainer database: " + e.getMessage(), e);
        }
    }

    /** All rows of a query, outside any transaction. */
    public <T> List<T> list(String sql, RowReader<T> reader, Object... args) {
        return inTransaction(c -> list(c, sql, reader, args));
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... args) {
        List<T> rows = list(sql + " FETCH FIRST 1 ROWS ONLY", reader, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Runs an update and returns the changed row count. */
    public int update(String sql, Object... args) {
        return inTransaction(c -> update(c, sql, args));
    }

    /** All rows of a query on the caller's connection. */
    public static <T> List<T> list(Connection c, String sql, RowReader<T> reader, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (r.next()) {
                    out.add(reader.read(r));
                }
                return out;
            }
        }
    }

    /** An update on the caller's connection. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    /** A single long value (a count, a maximum), 0 when the query returns NULL. */
    public static long scalar(Connection c, String sql, Object... args) throws SQLException {
        List<Long> rows = list(c, sql, r -> r.getLong(1), args);
        return rows.isEmpty() ? 0 : rows.getFirst();
    }

    private static void bind(PreparedStatement s, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                s.setObject(i + 1, null);
            } else if (a instanceof Boolean b) {
                s.setBoolean(i + 1, b);
            } else if (a instanceof Integer n) {
                s.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                s.setLong(i + 1, n);
            } else if (a instanceof Double d) {
                s.setDouble(i + 1, d);
            } else {
                s.setString(i + 1, a.toString());
            }
        }
    }
}
