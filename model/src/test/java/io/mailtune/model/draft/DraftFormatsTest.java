package io.mailtune.model.draft;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DraftFormatsTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointNamingTheGroundedFormatGetsIt() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"llama\",\"mailtune_draft_format\":\"grounded-1\"}");
        assertInstanceOf(GroundedFormat.class, DraftFormats.forCheckpoint(dir));
    }

    @Test
    void aCheckpointWithoutAMarkerGetsTheSameGrounding() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"qwen2\"}");
        assertInstanceOf(GroundedFormat.class, DraftFormats.forCheckpoint(dir));
    }

    @Test
    void anUnknownFormatIsAnErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"mailtune_draft_format\":\"excerpt-0\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DraftFormats.forCheckpoint(dir));
        assertTrue(e.getMessage().contains("excerpt-0") && e.getMessage().contains("grounded-1"), e.getMessage());
    }
}
