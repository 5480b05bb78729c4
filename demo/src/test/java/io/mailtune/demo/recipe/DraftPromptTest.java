package io.mailtune.demo.recipe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.demo.brightcart.DemoKnowledgeBase;
import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.model.tokenizer.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftPromptTest {

    @Test
    void everyArticleExcerptHoldsItsKeyInstruction() {
        for (HelpArticle a : DemoKnowledgeBase.load().articles()) {
            assertTrue(DraftPrompt.excerpt(a).contains(a.keyInstruction()), a.id());
        }
    }

    @Test
    void theSystemMessageSaysSoWhenNoArticleMatches() {
        List<ChatMessage> m = DraftPrompt.messages("Ana Lima", "ana@example.com", 12345, "Hiring?", "Are you hiring?",
                List.of());
        assertTrue(m.getFirst().content().contains(DraftPrompt.NO_ARTICLE));
        assertTrue(m.get(1).content().contains("Ticket: #12345"));
    }
}
