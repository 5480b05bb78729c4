package io.mailtune.ingest.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The ingest state on the embedded default, an H2 file database. */
class H2IngestStateTest extends IngestStateContract {

    @TempDir
    static Path dir;
    private static IngestDatabase db;

    @BeforeAll
    static void open() {
        db = IngestDatabase.embedded(dir);
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
