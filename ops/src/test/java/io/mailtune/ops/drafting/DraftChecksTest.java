package io.mailtune.ops.drafting;

import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.tokenizer.ChatMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DraftChecksTest {

    private static final String KEY = "Open Settings > Billing and click Update card.";

    private static DraftExample example() {
        DraftInput input = new DraftInput(
                new CompanyProfile("Shiftwren", "The Shiftwren team", "", "en", CompanyProfile.DEFAULT_HAND_OFF),
                CustomerMessage.of("Ana Lopez", "ana@example.com", "Card expired", "My card expired. How do I change it? Ana"),
                List.of(),
                List.of(new Passage("billing-card", "billing-card#1", "Change your card", null,
                                KEY + " The new card is charged on the next invoice.", 1.0, 0.7, false),
                        new Passage("billing-invoices", "billing-invoices#1", "Invoices", null,
                                "Invoices are sent on the first of each month.", 0.5, 0.45, false)));
        return new DraftExample("t-1", input, "", "", List.of(KEY), false);
    }

    @Test
    void aQuoteFromAnArticleWithoutTheKeyInstructionCountsAsOffArticle() {
        DraftExample e = example();
        String draft = "Hi Ana,\n\n" + KEY + " Invoices are sent on the first of each month.";
        DraftChecks.QuoteFocus focus = DraftChecks.offArticleQuotes(draft, e, new GroundedFormat().candidates(e.input()));
        assertEquals(new DraftChecks.QuoteFocus(2, 1), focus, "two sentences quoted, the invoice one from the other article");
    }

    @Test
    void aDraftQuotingOnlyTheAnsweringArticleHasNoOffArticleQuote() {
        DraftExample e = example();
        DraftChecks.QuoteFocus focus = DraftChecks.offArticleQuotes("Hi Ana,\n\n" + KEY, e, new GroundedFormat().candidates(e.input()));
        assertEquals(new DraftChecks.QuoteFocus(1, 0), focus);
    }

    @Test
    void aNumberTheDraftMakesUpIsUngrounded() {
        List<ChatMessage> prompt = List.of(ChatMessage.user("Refunds take 5 business days."));
        assertEquals(List.of("7"), DraftChecks.ungrounded("Refunds take 7 business days.", prompt));
    }

    @Test
    void aGreetingWithTheSendersFirstNameIsRight() {
        assertTrue(DraftChecks.nameRight("Hi Ana,\n\nThanks.", example()));
        assertFalse(DraftChecks.nameRight("Hi Maria,\n\nThanks.", example()));
    }

    @Test
    void aSignOffOnTheLastLineIsNotANicknameToGreetBy() {
        DraftInput input = new DraftInput(example().input().company(),
                CustomerMessage.of("Alejandro Ruiz", "a@example.com", "Shift", "How can I give my shift away?\n\nGracias"),
                List.of(), example().input().passages());
        DraftExample e = new DraftExample("t-2", input, "", "", List.of(KEY), false);
        assertFalse(DraftChecks.nameRight("Hi Gracias,\n\nThanks.", e));
        assertTrue(DraftChecks.nameRight("Hi Alejandro,\n\nThanks.", e));
    }
}
