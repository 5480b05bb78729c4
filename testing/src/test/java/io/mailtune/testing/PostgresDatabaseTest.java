package io.mailtune.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresDatabaseTest {

    @RegisterExtension
    static PostgresDatabase db = new PostgresDatabase();

    @Test
    void eachTestClassGetsItsOwnDatabaseOnTheRealServer() throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            assertEquals("PostgreSQL", connection.getMetaData().getDatabaseProductName());
            try (ResultSet rs = statement.executeQuery("SELECT current_database()")) {
                rs.next();
                assertEquals(db.name(), rs.getString(1));
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "a fresh database has no tables");
            }
        }
    }

    @Test
    void writesAreReadBackThroughANewConnection() throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE checkpoint (mailbox TEXT PRIMARY KEY, last_uid BIGINT NOT NULL)");
            statement.execute("INSERT INTO checkpoint VALUES ('support', 42)");
        }
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT last_uid FROM checkpoint WHERE mailbox = 'support'")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getLong(1));
        }
    }
}
