package io.mailtune.model.draft;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GreetingNameTest {

    private static String name(String display, String text) {
        return GreetingName.of(CustomerMessage.of(display, "x@example.com", "", text));
    }

    @Test
    void theFirstWordOfTheDisplayName() {
        assertEquals("Ann", name("Ann Lee", "Where is my parcel?\n\nThanks"));
    }

    @Test
    void theSignedNameWhenItIsTheStartOfTheDisplayName() {
        assertEquals("Maria Fernanda", name("Maria Fernanda Costa", "Is there a way?\n\nThank you\nMaria Fernanda"));
    }

    @Test
    void theNameTheCustomerSignsWithWinsOverTheDisplayName() {
        assertEquals("Kasia", name("Katarzyna Wójcik", "What to do?\nKasia"));
    }

    @Test
    void aTwoWordTitleUnderTheNameIsNotAName() {
        assertEquals("Ravi", name("Ravi Menon", "Can you help?\n\nRavi Menon\nGeneral Manager"));
    }

    @Test
    void aPlaceUnderTheNameInASignatureBlockIsNotAName() {
        assertEquals("Matthias", name("Matthias Becker", "Please help.\n\nWith kind regards\n\nMatthias Becker\nAccounting\nBerlin"));
    }

    @Test
    void aSignedFullNameGreetsByTheFirstName() {
        assertEquals("Ann", name("Ann Lee", "Please help.\n\nAnn Lee"));
    }

    @Test
    void directoryOrderIsTurnedAround() {
        assertEquals("Ann", name("Lee, Ann", "Hello"));
    }

    @Test
    void withoutADisplayNameTheSignOffNameOrNothing() {
        assertEquals("Priya", name("", "My invoice is wrong.\n\nThanks,\nPriya"));
        assertEquals("", name("", "My invoice is wrong.\n\nThanks a lot"));
    }

    @Test
    void aSignOffLeftLastOnceTheSignatureIsCutIsNotAName() {
        assertEquals("Alejandro", name("Alejandro Ruiz", "How can I do?\n\nGracias"));
        assertEquals("Julien", name("Julien Moreau", "The ramp is steep.\n\nMerci,"));
        assertEquals("", name("", "The ramp is steep.\n\nDanke"));
    }
}
