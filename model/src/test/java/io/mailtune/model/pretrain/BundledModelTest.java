package io.mailtune.model.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.core.demo.DemoSeeds;
import io.mailtune.core.demo.SupportCase;
import io.mailtune.core.demo.SupportCaseGenerator;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.GenerationRequest;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
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
    void theBundledModelDraftsAGreetingForAHeldOutEmail() {
        Path dir = BundledModel.extractTo(cache);
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        SupportCase c = generator.caseAt(DemoSeeds.HOLDOUT, 1);
        try (LanguageModel model = LanguageModel.load(dir);
             Generator drafter = new Generator(model, new AdapterHandle(model), GeneratorOptions.defaults())) {
            int[] prompt = model.tokenizer().orElseThrow().encodeChat(DraftPrompt.forCase(c, Pretraining.articles(generator, c)));
            String draft = drafter.generate(GenerationRequest.greedy(prompt, 40)).text();
            assertTrue(draft.startsWith("Hi "), draft);
            assertFalse(draft.contains("<|im_start|>"), draft);
        }
    }

    @Test
    void extractingTwiceReusesTheFirstCopy() {
        assertEquals(BundledModel.extractTo(cache), BundledModel.extractTo(cache));
    }
}
