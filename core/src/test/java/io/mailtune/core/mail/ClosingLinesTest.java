package io.mailtune.core.mail;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClosingLinesTest {

    @Test
    void aClosingInAnyCaseSpacingOrTrailingPunctuationIsOne() {
        assertTrue(ClosingLines.isClosing("Best regards,"));
        assertTrue(ClosingLines.isClosing("  Muchas   gracias! "));
        assertTrue(ClosingLines.isClosing("Mit freundlichen Grüßen"));
    }

    @Test
    void aClosingWithANameOrAnythingElseOnTheLineIsNot() {
        assertFalse(ClosingLines.isClosing("Gracias Alejandro"));
        assertFalse(ClosingLines.isClosing("Thanks, that worked."));
        assertFalse(ClosingLines.isClosing("Alejandro"));
    }
}
