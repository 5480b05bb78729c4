package io.mailtune.trainer.gate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditUptakeTest {

    private static final String SHOWN = "Hi Ann,\n\nYou can return most items within 30 days from the Orders page.\n\nBest regards";
    private static final String SENT = "Dear Ann,\n\nYou can return most items within 30 days from the Orders page.\n\nBest regards";

    @Test
    void aDraftWithTheReviewersEditScoresAboveTheDraftTheyWereShown() {
        double shown = EditUptake.of(SHOWN, SHOWN, SENT).orElseThrow();
        double edited = EditUptake.of(SENT, SHOWN, SENT).orElseThrow();
        assertTrue(shown < 0 && edited > 0, shown + " vs " + edited);
    }

    @Test
    void movingAwayFromTheShownDraftWithoutTheEditIsNoGain() {
        String elsewhere = "Hi Ann,\n\nOpen Orders and click Return items; most items go back within 30 days.\n\nBest regards";
        double shown = EditUptake.of(SHOWN, SHOWN, SENT).orElseThrow();
        double moved = EditUptake.of(elsewhere, SHOWN, SENT).orElseThrow();
        assertTrue(moved <= 0, "a different wording without the edit is not closer to the sent reply: " + moved);
        assertTrue(Math.abs(moved) < Math.abs(shown) + 5, moved + " vs " + shown);
    }

    @Test
    void theSentReplyItselfScoresItsDistanceFromTheShownDraft() {
        assertEquals(100 - io.mailtune.model.eval.ChrF.STANDARD.score(SENT, SHOWN), EditUptake.of(SENT, SHOWN, SENT).orElseThrow(), 1e-9);
    }

    @Test
    void aReplySentAsShownOrWrittenWithoutADraftSaysNothing() {
        assertTrue(EditUptake.of(SENT, SHOWN, SHOWN).isEmpty());
        assertTrue(EditUptake.of(SENT, "", SENT).isEmpty());
    }
}
