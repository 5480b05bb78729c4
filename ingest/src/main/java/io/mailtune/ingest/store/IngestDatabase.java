package io.mailtune.ingest.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The ingest state in a SQL database: PostgreSQL in production, embedded H2 by default. Plain SQL that both
 * understand; the schema is created on start.
 */
public final class IngestDatabase implements AutoCloseable {

    /** Unique-key violation, the same SQLSTATE in PostgreSQL and H2. */
    static final String UNIQUE_VIOLATION = "23505";

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE IF NOT EXISTS ingest_checkpoint (
              mailbox VARCHAR(200) NOT NULL, folder VARCHAR(500) NOT NULL,
              uid_validity BIGINT NOT NULL, last_uid BIGINT NOT NULL, updated_at BIGINT NOT NULL,
              PRIMARY KEY (mailbox, folder))""",
            """
            CREATE TABLE IF NOT EXISTS ingest_seen (
              mailbox VARCHAR(200) NOT NULL, message_id VARCHAR(1000) NOT NULL, content_hash CHAR(64) NOT NULL,
              email_id VARCHAR(64) NOT NULL, thread_id VARCHAR(64) NOT NULL, seen_at BIGINT NOT NULL,
              PRIMARY KEY (mailbox, message_id, content_hash))""",
            """
            CREATE TABLE IF NOT EXISTS ingest_thread_message (
              mailbox VARCHAR(200) NOT NULL, message_id VARCHAR(1000) NOT NULL, content_hash VARCHAR(64) NOT NULL,
              thread_id VARCHAR(64) NOT NULL, recorded_at BIGINT NOT NULL,
              PRIMARY KEY (mailbox, message_id, content_hash))""",
            """
            CREATE TABLE IF NOT EXISTS ingest_thread (
              thread_id VARCHAR(64) NOT NULL PRIMARY KEY, mailbox VARCHAR(200) NOT NULL,
              subject_key VARCHAR(1000) NOT NULL, customer VARCHAR(320) NOT NULL, last_at BIGINT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS ingest_thread_by_subject ON ingest_thread (mailbox, subject_key, customer)",
            """
            CREATE TABLE IF NOT EXISTS ingest_publisher (
              publisher_id VARCHAR(64) NOT NULL PRIMARY KEY, created_at BIGINT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS ingest_log_position (
              topic_partition INT NOT NULL PRIMARY KEY, next_offset BIGINT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS ingest_store_identity (
              slot INT NOT NULL PRIMARY KEY, publisher_id VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS ingest_mailbox_position (
              mailbox VARCHAR(200) NOT NULL, topic_partition INT NOT NULL, next_offset BIGINT NOT NULL,
              PRIMARY KEY (mailbox, topic_partition))""",
            """
            CREATE TABLE IF NOT EXISTS ingest_rejection (
              rejection_id VARCHAR(64) NOT NULL PRIMARY KEY, mailbox VARCHAR(200) NOT NULL, source VARCHAR(1000) NOT NULL,
              reason VARCHAR(40) NOT NULL, detail VARCHAR(4000) NOT NULL, raw_sha256 CHAR(64), raw_size BIGINT NOT NULL,
              raw_location VARCHAR(2000), rejected_at BIGINT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS ingest_event (
              event_id VARCHAR(64) NOT NULL PRIMARY KEY, mailbox VARCHAR(200) NOT NULL, folder VARCHAR(500) NOT NULL,
              kind VARCHAR(40) NOT NULL, detail VARCHAR(4000) NOT NULL, at BIGINT NOT NULL)""",
            """
            CREATE TABLE IF NOT EXISTS outbound_reply (
              reply_id VARCHAR(200) NOT NULL PRIMARY KEY, mailbox VARCHAR(200) NOT NULL, thread_id VARCHAR(64) NOT NULL,
              message_id VARCHAR(1000) NOT NULL, status VARCHAR(16) NOT NULL, detail VARCHAR(4000),
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)""");

    private static final int MAX_IDLE = 8;

    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;
    private final String url;
    private final String user;
    private final String password;
    private final boolean embeddedH2;

    /** Connects to the database at the JDBC URL and creates missing tables. */
    public IngestDatabase(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must be a JDBC URL (jdbc:postgresql://… or jdbc:h2:…), was '" + url + "'");
        }
        this.url = url;
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
        this.embeddedH2 = url.startsWith("jdbc:h2:");
        createSchema();
    }

    private void createSchema() {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                if (!embeddedH2) {
                    // CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin on PostgreSQL (it can fail on
                    // the table's catalogue type): instances starting together take turns under an advisory lock.
                    c.setAutoCommit(false);
                    s.execute("SELECT pg_advisory_xact_lock(7468201911)");
                }
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
                if (!embeddedH2) {
                    c.commit();
                }
                return;
            } catch (SQLException e) {
                // Kept for databases reached through a pooler that drops advisory locks: the loser of the race finds
                // the tables on retry (duplicate table, duplicate type, or a duplicate catalogue row).
                boolean lostTheRace = UNIQUE_VIOLATION.equals(e.getSQLState()) || "42P07".equals(e.getSQLState())
                        || "42710".equals(e.getSQLState());
                if (!lostTheRace || attempt == 5) {
                    throw new IllegalStateException("cannot create the ingest schema at " + url + ": " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating the ingest schema at " + url, e);
                }
            }
        }
    }

    /** Whether a failure of {@link #inTransaction} was a unique-key violation (another instance inserted the same key). */
    static boolean isUniqueViolation(RuntimeException e) {
        return e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState());
    }

    /** The embedded default: an H2 database in a file under the given directory. */
    public static IngestDatabase embedded(java.nio.file.Path dir) {
        return new IngestDatabase(embeddedUrl(dir), "sa", "");
    }

    /**
     * The JDBC URL of the embedded H2 database under a directory: an OS file lock (released even when the process is
     * killed) and every commit written at once, so a killed process loses no committed checkpoint.
     */
    public static String embeddedUrl(java.nio.file.Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("ingest") + ";FILE_LOCK=FS;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** A fresh connection in auto-commit mode. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Runs work in one transaction, committing on success and rolling back on failure. Connections are reused:
     * opening one costs a PostgreSQL backend start or an H2 database open, far more than a batch's statements.
     */
    public <T> T inTransaction(Work<T> work) {
        Connection c = idle.pollFirst();
        boolean reusable = false;
        try {
            if (c == null) {
                c = connect();
            }
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                if (embeddedH2) {
                    // H2 can still hold a commit in memory when the process is killed right after it, even with
                    // WRITE_DELAY=0. The publisher survives losing it (it settles from the Kafka log), but a lost
                    // checkpoint means fetching again, so every commit goes to disk at once.
                    try (Statement sync = c.createStatement()) {
                        sync.execute("CHECKPOINT SYNC");
                    }
                }
                reusable = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                reusable = true;
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ingest database " + url + ": " + e.getMessage(), e);
        } finally {
            if (c != null) {
                if (reusable && !closed && idle.size() < MAX_IDLE) {
                    idle.addFirst(c);
                } else {
                    closeQuietly(c);
                }
            }
        }
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // A broken connection is being discarded; there is nothing left to release.
        }
    }

    /** Database work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work on the connection. */
        T run(Connection connection) throws SQLException;
    }
}
