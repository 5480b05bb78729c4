package io.mailtune.demo.recipe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.GenerationRequest;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledDraftTest {

    @TempDir
    Path cache;

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
}
