package io.mailtune.demo.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.core.id.Hashing;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.train.TrainingListener;
import io.mailtune.model.train.TrainingResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainingTest {

    @TempDir
    Path dir;

    @Test
    void aTinyRunWritesALoadableF16CheckpointThatNamesItsFormatAndWhoseRecipeHashesEveryFile() throws Exception {
        PretrainRecipe recipe = PretrainRecipe.bundled().scaledTo(2, 6, 3, 400, 32, 1);
        Path out = dir.resolve("model");
        TrainingResult result = new Pretraining(recipe, TrainingListener.none(), line -> { }).run(out, dir.resolve("work"));
        assertEquals(3, result.steps());
        JsonNode written = new ObjectMapper().readTree(out.resolve("recipe.json").toFile());
        for (String file : BundledModel.FILES) {
            assertEquals(Hashing.sha256Hex(out.resolve(file)), written.path("sha256").path(file).asText(), file);
        }
        assertEquals(2, written.path("recipe").path("companies").asInt());
        try (LanguageModel model = LanguageModel.load(out)) {
            assertEquals("llama", model.config().architecture().name().toLowerCase());
            assertTrue(model.tokenizer().orElseThrow().tokenId("<|im_end|>") >= 0);
            assertEquals(io.mailtune.model.draft.GroundedFormat.class, io.mailtune.model.draft.DraftFormats.forModel(model).getClass());
        }
    }
}
