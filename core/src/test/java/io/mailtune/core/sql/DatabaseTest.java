package io.mailtune.core.sql;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    private Database db;

    @BeforeEach
    void freshDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db = new Database(h2, "test database");
        db.update("CREATE TABLE reply (id VARCHAR(20) PRIMARY KEY, words INT, sent BOOLEAN)");
    }

    @Test
    void workThatReturnsIsCommittedAndWorkThatThrowsLeavesNothing() {
        db.inTransaction(c -> Database.update(c, "INSERT INTO reply VALUES (?, ?, ?)", "r1", 12, true));
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            Database.update(c, "INSERT INTO reply VALUES (?, ?, ?)", "r2", 7, false);
            throw new IllegalStateException("the caller changed its mind");
        }));
        assertEquals(List.of("r1"), db.list("SELECT id FROM reply", r -> r.getString(1)));
    }

    @Test
    void aSecondRowWithTheSameKeyIsAUniqueViolationNamingTheDatabase() {
        db.update("INSERT INTO reply VALUES (?, ?, ?)", "r1", 12, true);
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> db.update("INSERT INTO reply VALUES (?, ?, ?)", "r1", 3, null));
        assertTrue(e.isUniqueViolation());
        assertTrue(e.getMessage().startsWith("test database: "), e.getMessage());
    }

    @Test
    void otherFailuresAreNotUniqueViolations() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> db.update("INSERT INTO nowhere VALUES (1)"));
        assertFalse(e.isUniqueViolation());
    }

    @Test
    void argumentsAreBoundByTypeAndNullsStayNull() {
        db.update("INSERT INTO reply VALUES (?, ?, ?)", "r1", 12, null);
        Optional<String> row = db.first("SELECT id || ':' || words || ':' || COALESCE(CAST(sent AS VARCHAR), 'null') FROM reply",
                r -> r.getString(1));
        assertEquals(Optional.of("r1:12:null"), row);
        assertEquals(12L, (long) db.inTransaction(c -> Database.scalar(c, "SELECT MAX(words) FROM reply")));
        assertEquals(0L, (long) db.inTransaction(c -> Database.scalar(c, "SELECT MAX(words) FROM reply WHERE id = ?", "none")));
    }

    @Test
    void aDatabaseNeedsADataSourceAndAName() {
        assertThrows(IllegalArgumentException.class, () -> new Database(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Database(new JdbcDataSource(), " "));
    }
}
