package io.mailtune.agent.sending;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignatureTest {

    private static final String SIGNATURE = "Best regards,\nBrightcart Support";

    @Test
    void aDraftEndingWithTheSignatureIsSentWithItOnce() {
        String draft = "Hi Ada,\n\nYour refund is on its way.\n\nBest regards,\nBrightcart Support\n";
        assertEquals("Hi Ada,\n\nYour refund is on its way.\n\nBest regards,\nBrightcart Support\n",
                Signature.append(draft, SIGNATURE));
    }

    @Test
    void aDraftWithoutTheSignatureGetsItAppended() {
        assertEquals("Hi Ada,\n\nDone.\n\nBest regards,\nBrightcart Support\n", Signature.append("Hi Ada,\n\nDone.", SIGNATURE));
    }

    @Test
    void repeatedAndIndentedCopiesOfTheSignatureAreAllRemoved() {
        String draft = "Hi Ada,\n\nDone.\n\n  Best regards,  \nBrightcart Support\n\nBest regards,\nBrightcart Support\n\n";
        assertEquals("Hi Ada,\n\nDone.", Signature.strip(draft, SIGNATURE));
    }

    @Test
    void aSignatureQuotedInTheMiddleIsKept() {
        String draft = "You signed with 'Best regards,\nBrightcart Support' before.\n\nThanks";
        assertEquals(draft, Signature.strip(draft, SIGNATURE));
    }

    @Test
    void withoutAConfiguredSignatureTheTextIsOnlyTrimmed() {
        assertEquals("Hi", Signature.append("  Hi \n", ""));
    }
}
