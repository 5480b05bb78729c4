package io.mailtune.model.draft;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CueTest {

    @Test
    void aMenuPathReadsAsAnInstructionWhereverItStands() {
        assertTrue(Cue.isInstruction("If your parcel has not moved, click Report a problem > Parcel is late."));
    }

    @Test
    void aSentenceOpeningWithAnImperativeVerbReadsAsAnInstruction() {
        assertTrue(Cue.isInstruction("Wait 30 minutes for the lock to lift, then sign in again."));
        assertTrue(Cue.isInstruction("Check the Returns line on the product page."));
        assertTrue(Cue.isInstruction("Do not click any links in the message."));
    }

    @Test
    void aStatementIsNotAnInstruction() {
        assertFalse(Cue.isInstruction("Trying again during the lock does not help."));
        assertFalse(Cue.isInstruction("Checkout sometimes ends with a blank page."));
    }
}
