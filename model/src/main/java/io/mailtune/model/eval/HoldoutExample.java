package io.mailtune.model.eval;

import java.util.Set;

/**
 * One holdout case scored for the gate: what was drafted and what staff (or the generator) consider right.
 *
 * @param draft            the generated draft
 * @param reference        the approved (gold) reply
 * @param keyInstruction   the instruction the reply must contain, or null when the case has none (a hand-off)
 * @param citedArticleIds  articles the draft cited
 * @param rightArticleIds  articles the right answer is grounded in; empty for a hand-off
 */
public record HoldoutExample(String draft, String reference, String keyInstruction,
                             Set<String> citedArticleIds, Set<String> rightArticleIds) {

    /** Validates the texts and copies the sets. */
    public HoldoutExample {
        if (draft == null || reference == null) {
            throw new IllegalArgumentException("draft and reference are required");
        }
        citedArticleIds = Set.copyOf(citedArticleIds);
        rightArticleIds = Set.copyOf(rightArticleIds);
    }
}
