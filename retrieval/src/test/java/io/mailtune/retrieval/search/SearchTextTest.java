package io.mailtune.retrieval.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchTextTest {

    @Test
    void theGreetingThanksAndSignatureBlockAreNotSearched() {
        String body = "Hi Brightcart,\n\nThe kettle I ordered on the 3rd doesn't turn on. Thanks in advance.\n\n"
                + "Looking forward to your reply.\n\nKind regards,\nAoife Brennan\nFinance Lead, Brennan's Kitchen Group\n"
                + "aoife.brennan@brennanskitchen.example\n+1 555 0187\n\nSent from my iPhone";
        assertEquals("Kettle broken\nThe kettle I ordered on the 3rd doesn't turn on.", SearchText.of("Kettle broken", body));
    }

    @Test
    void everySentenceWithATopicWordOrAQuestionIsKeptAsWritten() {
        String body = "Thanks, that worked. Could you also help?\nMy Pico Coffee Grinder arrived broken.";
        assertEquals("that worked. Could you also help?\nMy Pico Coffee Grinder arrived broken.", SearchText.body(body));
    }

    @Test
    void aShoutedLastLineIsKeptBecauseItIsNotASignature() {
        assertEquals("The drawer broke after a year.\nI NEED THIS FIXED NOW.",
                SearchText.body("The drawer broke after a year.\nI NEED THIS FIXED NOW.\n\nV. Silva"));
    }

    @Test
    void aNameInTheMiddleOfTheEmailIsKeptOnlyTheOpeningGreetingGoes() {
        assertEquals("I asked Priya Raghunathan, Operations Manager, to send the invoice.",
                SearchText.body("Hello Priya,\nI asked Priya Raghunathan, Operations Manager, to send the invoice."));
    }

    @Test
    void anEmailOfNothingButPleasantriesIsSearchedAsWritten() {
        assertEquals("Hello\nThanks so much!\nAnn", SearchText.of("", "Hello\nThanks so much!\nAnn"));
        assertEquals("Subject only", SearchText.of("Subject only", null));
    }

    @Test
    void aGreetingInAnyLanguageIsOneOrTwoCapitalisedWordsOpeningTheEmail() {
        assertEquals("The lamp arrived broken.", SearchText.body("Hola,\n\nThe lamp arrived broken.\n\nGracias\nAlejandro"));
        assertEquals("The lamp arrived broken.", SearchText.body("Hiya, The lamp arrived broken."));
    }
}
