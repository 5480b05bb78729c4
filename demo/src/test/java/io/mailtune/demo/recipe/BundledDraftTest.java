package io.mailtune.demo.recipe;

import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.runtime.LanguageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundledDraftTest {

    @TempDir
    Path cache;

    @Test
    void theBundledModelGreetsTheSenderSignsForTheCompanyAndWritesNoNumberItsSourcesLack() {
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        SupportCase c = generator.generate(DemoSeeds.HOLDOUT, 40).stream()
                .filter(x -> x.kind() == io.mailtune.demo.brightcart.CaseKind.SINGLE).findFirst().orElseThrow();
        HelpArticle article = generator.knowledgeBase().article(c.articleIds().getFirst());
        String block = List.of(article.markdownBody().split("\n\\s*\n")).stream()
                .filter(b -> b.contains(article.keyInstruction())).findFirst().orElseThrow();
        DraftInput input = new DraftInput(GroundedExamples.BRIGHTCART,
                CustomerMessage.of(c.customerName(), c.customerEmail(), c.subject(), c.body()), List.of(),
                List.of(new Passage(article.id(), article.id() + "#0", article.title(), null, block, 0.03, 0.7, false)));
        try (LanguageModel model = LanguageModel.load(BundledModel.extractTo(cache))) {
            assertInstanceOf(GroundedFormat.class, DraftFormats.forModel(model));
            GeneratedDraft draft = DraftRun.draft(model, null, DraftFormats.forModel(model), List.of(input), 120).getFirst();
            assertTrue(draft.text().startsWith("Hi " + c.firstName() + ","), draft.text());
            assertTrue(draft.text().endsWith("Brightcart Support"), draft.text());
            java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("\\d+").matcher(draft.text());
            while (numbers.find()) {
                assertTrue(block.contains(numbers.group()) || c.body().contains(numbers.group()), numbers.group() + " in " + draft.text());
            }
            assertFalse(draft.modelOutput().contains(c.firstName()), "the name reaches the draft through {name}: " + draft.modelOutput());
        }
    }
}
