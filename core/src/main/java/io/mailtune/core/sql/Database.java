package io.mailtune.core.sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service's SQL database (PostgreSQL in production, H2 embedded by default): short transactions and small query
 * helpers over a pooled {@link DataSource}, in plain SQL both understand. The agent and the trainer each own one; the
 * schema is theirs (Flyway migrations in their own folders).
 */
public final class Database {

    private final DataSource dataSource;
    private final String name;

    /**
     * A database over a pooled data source.
     *
     * @param name what errors call it, e.g. "agent database"
     */
    public Database(DataSource dataSource, String name) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.dataSource = dataSource;
        this.name = name;
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

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws.
     *
     * @throws DatabaseException when the database fails or refuses a statement, naming this database
     */
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
            throw new DatabaseException(name + ": " + e.getMessage(), e);
        }
    }

    /** All rows of a query, in a transaction of its own. */
    public <T> List<T> list(String sql, RowReader<T> reader, Object... args) {
        return inTransaction(c -> list(c, sql, reader, args));
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... args) {
        List<T> rows = list(sql + " FETCH FIRST 1 ROWS ONLY", reader, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** Runs an update in a transaction of its own and returns the changed row count. */
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
