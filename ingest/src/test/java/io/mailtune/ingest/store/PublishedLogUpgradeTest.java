package io.mailtune.ingest.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A store written before identities had a slot and positions were kept per mailbox (one publisher per store). */
class PublishedLogUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void aStoreFromBeforeKeepsItsIdentityAndItsStoreWidePositionsHoldForEveryMailbox() throws Exception {
        try (IngestDatabase db = IngestDatabase.embedded(dir)) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO ingest_publisher (publisher_id, created_at) VALUES ('old-identity', 1)");
                s.executeUpdate("INSERT INTO ingest_log_position (topic_partition, next_offset) VALUES (0, 40), (1, 17)");
            }
            assertEquals("old-identity", PublishedLog.identity(db), "records already in the log carry it");
            assertEquals(Map.of(0, 40L, 1, 17L), PublishedLog.registerMailbox(db, "support", () -> Map.of(0, 90L, 1, 90L)),
                    "what the old publisher left unsettled is read back from where it stopped");
            assertEquals(Map.of(0, 40L, 1, 17L), PublishedLog.registerMailbox(db, "billing", () -> Map.of(0, 90L, 1, 90L)));
        }
    }

    @Test
    void aNewStoreGivesANewMailboxTheLogsEndOffsets() {
        try (IngestDatabase db = IngestDatabase.embedded(dir)) {
            assertEquals(Map.of(0, 90L, 1, 91L), PublishedLog.registerMailbox(db, "support", () -> Map.of(0, 90L, 1, 91L)));
        }
    }
}
