package io.mailtune.core.adapter;

import io.mailtune.core.id.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdapterFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aFileLocationIsCopiedIntoTheVersionsFolder() throws Exception {
        Path source = adapter(tmp.resolve("registry/v7"), "weights");
        AdapterRef ref = new AdapterRef("v7", "base", source.toUri().toString(), Hashing.sha256Hex("weights"));
        Path fetched = AdapterFiles.fetch(ref, tmp.resolve("agent"), null, Duration.ofSeconds(1));
        assertEquals(tmp.resolve("agent/v7"), fetched);
        assertArrayEquals(Files.readAllBytes(source.resolve("adapter_model.safetensors")),
                Files.readAllBytes(fetched.resolve("adapter_model.safetensors")));
    }

    @Test
    void weightsWhoseHashDiffersFromThePromotionAreRefusedAndNothingIsLeftBehind() throws Exception {
        Path source = adapter(tmp.resolve("registry/v8"), "tampered");
        AdapterRef ref = new AdapterRef("v8", "base", source.toUri().toString(), Hashing.sha256Hex("weights"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdapterFiles.fetch(ref, tmp.resolve("agent"), null, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("adapter v8: adapter_model.safetensors has SHA-256"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("agent/v8")));
    }

    @Test
    void aVersionThatCannotNameAFolderIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdapterFiles.requireSafeVersion("../etc"));
        assertTrue(e.getMessage().startsWith("adapter version '../etc' must be"), e.getMessage());
    }

    @Test
    void anUnknownLocationSchemeIsRejectedByName() throws Exception {
        AdapterRef ref = new AdapterRef("v9", "base", "s3://bucket/v9", Hashing.sha256Hex("weights"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdapterFiles.fetch(ref, tmp.resolve("agent"), null, Duration.ofSeconds(1)));
        assertEquals("adapter v9 has location 's3://bucket/v9': only file: and kafka: locations are supported", e.getMessage());
    }

    static Path adapter(Path dir, String weights) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\":\"LORA\"}");
        Files.writeString(dir.resolve("adapter_model.safetensors"), weights);
        return dir;
    }
}
