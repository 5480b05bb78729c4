package io.mailtune.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test class on the real server, dropped afterwards. The server is
 * {@code 127.0.0.1:5432} as user {@code postgres} unless {@code MAILTUNE_TEST_PG_URL} (a JDBC URL of a maintenance
 * database) and {@code MAILTUNE_TEST_PG_USER} say otherwise. Where no server answers, the tests are skipped with the
 * reason, except under {@code CI=true}, where they fail. Use as
 * {@code @RegisterExtension static PostgresDatabase db = new PostgresDatabase();}.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String SERVER_URL = env("MAILTUNE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("MAILTUNE_TEST_PG_USER", "postgres");

    private String name;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String candidate = "mailtune_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + candidate);
        }
        name = candidate;
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (name != null) {
            try (Connection connection = connectToServer(); Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** The JDBC URL of this test class's database. */
    public String jdbcUrl() {
        return SERVER_URL.substring(0, SERVER_URL.lastIndexOf('/') + 1) + name;
    }

    /** The database user. */
    public String user() {
        return USER;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A new connection to this test class's database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    private static Connection connectToServer() throws SQLException {
        try {
            return DriverManager.getConnection(SERVER_URL, USER, "");
        } catch (SQLException e) {
            String problem = "PostgreSQL is not reachable at " + SERVER_URL + " as " + USER
                    + ": start it (bash .ci/run starts an installed one) or set MAILTUNE_TEST_PG_URL";
            // A developer without PostgreSQL still runs every other test; CI must never silently skip these.
            Assumptions.assumeTrue("true".equals(System.getenv("CI")), problem);
            throw new SQLException(problem, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
