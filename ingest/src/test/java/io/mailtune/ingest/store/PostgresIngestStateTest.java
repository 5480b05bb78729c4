package io.mailtune.ingest.store;

import io.mailtune.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ingest state on the real PostgreSQL server; creating the schema twice is harmless. */
class PostgresIngestStateTest extends IngestStateContract {

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();
    private static IngestDatabase db;

    @BeforeAll
    static void open() {
        new IngestDatabase(postgres.jdbcUrl(), postgres.user(), "").close();
        db = new IngestDatabase(postgres.jdbcUrl(), postgres.user(), "");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    IngestDatabase database() {
        return db;
    }
}
