package io.mailtune.ingest.store;

import io.mailtune.core.mail.RawMessageRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawMessageStoreTest {

    @TempDir
    Path dir;

    @Test
    void aStoredMessageReadsBackAndIsGoneAfterItsDeletion() {
        RawMessageStore store = new RawMessageStore(dir.resolve("raw"));
        byte[] raw = "Subject: Refund\r\n\r\nPlease refund order 88812.".getBytes(StandardCharsets.US_ASCII);
        RawMessageRef ref = store.store(raw);
        assertArrayEquals(raw, store.read(ref));
        assertTrue(store.delete(ref));
        assertFalse(Files.exists(Path.of(java.net.URI.create(ref.location()))));
        assertFalse(store.delete(ref), "deleting twice finds nothing");
    }

    @Test
    void aReferencePointingOutsideTheStoreDeletesOnlyWhatTheStoreHolds() throws Exception {
        RawMessageStore store = new RawMessageStore(dir.resolve("raw"));
        Path outside = Files.writeString(dir.resolve("keep.eml"), "not the store's");
        RawMessageRef stored = store.store("Subject: x\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));
        RawMessageRef hostile = new RawMessageRef(stored.sha256(), stored.sizeBytes(), outside.toUri().toString());
        assertTrue(store.delete(hostile));
        assertTrue(Files.exists(outside), "the file the location names is left alone");
    }
}
