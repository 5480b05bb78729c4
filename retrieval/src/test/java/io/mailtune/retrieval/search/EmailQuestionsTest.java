package io.mailtune.retrieval.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmailQuestionsTest {

    @Test
    void questionsComeFirstInTheOrderWrittenThenTheLongestOtherSentences() {
        String email = "Hi,\n\nThe lamp I ordered last week arrived with a broken shade. Short line here.\n"
                + "How do I send the lamp back to you? Also, when does my refund reach my card?\n\nThanks,\nAnn";
        assertEquals(List.of("How do I send the lamp back to you?", "Also, when does my refund reach my card?",
                "The lamp I ordered last week arrived with a broken shade."), EmailQuestions.of(email));
    }

    @Test
    void quotedLinesGreetingsAndSignOffsAreNotSearched() {
        String email = "Thanks, that worked.\nCould you tell me how I change my delivery address?\n\n"
                + "> Hi Ann, how do I reset the password on the account?\n> Best regards\nKind regards,\nAnn Lee";
        assertEquals(List.of("Could you tell me how I change my delivery address?"), EmailQuestions.of(email));
    }

    @Test
    void aLongEmailGivesAtMostTheCapOfSentences() {
        String email = "Where is the parcel I ordered on Monday? ".repeat(3) + "Why was my card charged twice this month? "
                + "Can I change the delivery address now? How do I cancel my membership today?";
        assertEquals(EmailQuestions.MAX, EmailQuestions.of(email).size());
        assertTrue(EmailQuestions.of(null).isEmpty());
    }
}
