package io.mailtune.trainer.gate;

import io.mailtune.model.draft.DraftInput;

import java.util.Set;

/**
 * One general support task of the fixed regression set: a draft must still do it after a re-tune.
 *
 * @param id              stable id
 * @param input           what the draft is written from
 * @param keyInstruction  the instruction a right answer contains, or null for a hand-off
 * @param rightArticles   the articles a right answer is grounded in; empty for a hand-off
 */
public record RegressionCase(String id, DraftInput input, String keyInstruction, Set<String> rightArticles) {

    /** Copies the set. */
    public RegressionCase {
        rightArticles = Set.copyOf(rightArticles);
    }

    /** True when the right answer hands the email to a colleague. */
    public boolean handOff() {
        return rightArticles.isEmpty();
    }
}
