package io.mailtune.model.draft;

import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrafterTest {

    @TempDir
    static Path cache;

    private static LanguageModel model;
    private static Generator generator;

    @BeforeAll
    static void load() {
        model = LanguageModel.load(BundledModel.extractTo(cache));
        generator = new Generator(model, new AdapterHandle(model), GeneratorOptions.defaults());
    }

    @AfterAll
    static void close() {
        generator.close();
        model.close();
    }

    @Test
    void aDraftReportsItsTokensConfidenceAndTheBaseModel() throws Exception {
        Drafter drafter = new Drafter(generator, model.tokenizer().orElseThrow(), new GroundedFormat(), new DraftSettings(40, 900,
                io.mailtune.model.runtime.SamplingOptions.greedy()));
        DraftInput input = new DraftInput(new CompanyProfile("Brightcart", "", "", "en", null),
                CustomerMessage.of("Ann Lee", "ann@example.com", "Password", "I forgot my password, how do I reset it?"),
                List.of(), List.of(GroundedFormatTest.passage("account-reset-password",
                "Go to Sign in, choose Forgot password and follow the link we email you.", 0.7)));
        GeneratedDraft draft = drafter.draft(input).get(60, TimeUnit.SECONDS);
        assertFalse(draft.text().isBlank());
        assertTrue(draft.generatedTokens() > 0 && draft.generatedTokens() <= 40, "tokens " + draft.generatedTokens());
        assertTrue(draft.meanLogProb() <= 0, "log-probability " + draft.meanLogProb());
        assertTrue(draft.tokensPerSecond() > 0);
        assertEquals("", draft.adapterVersion());
        assertEquals(new GroundedFormat().render(input, draft.modelOutput()).text(), draft.text());
    }
}
