package io.mailtune.model.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.runtime.LanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelTest {

    @TempDir
    Path cache;

    @Test
    void theBundledCheckpointIsAtMost25MegabytesOfF16Weights() throws Exception {
        Path dir = BundledModel.extractTo(cache);
        assertTrue(Files.size(dir.resolve("model.safetensors")) <= 25L * 1024 * 1024);
        try (LanguageModel model = LanguageModel.load(dir)) {
            assertEquals("LLAMA", model.config().architecture().name());
        }
    }

    @Test
    void theBundledCheckpointNamesTheGroundedFormatItWasTrainedOn() {
        Path dir = BundledModel.extractTo(cache);
        assertEquals(io.mailtune.model.draft.GroundedFormat.class,
                io.mailtune.model.draft.DraftFormats.forCheckpoint(dir).getClass());
        assertTrue(readConfig(dir).contains("\"mailtune_draft_format\" : \"grounded-1\""), readConfig(dir));
    }

    private static String readConfig(Path dir) {
        try {
            return Files.readString(dir.resolve("config.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void extractingTwiceReusesTheFirstCopy() {
        assertEquals(BundledModel.extractTo(cache), BundledModel.extractTo(cache));
    }
}
