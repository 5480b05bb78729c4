package io.mailtune.trainer.gate;

import io.mailtune.model.eval.ChrF;

import java.util.OptionalDouble;

/**
 * How much closer a model's draft is to the reply staff sent than to the draft they were shown, in chrF points:
 * {@code chrF(draft, sent) - chrF(draft, shown)}. Reviewers keep most of what they are shown, so chrF against the sent
 * reply alone favours the model that wrote the shown draft (it re-drafts it word for word; a re-tune that learnt
 * nothing new loses 6 to 7 points against it, docs/benchmarks.md). Moving away from the shown draft costs both terms
 * alike here, so only a move toward what staff changed counts: the shown draft itself scores {@code chrF(shown, sent)
 * - 100}, the sent reply {@code 100 - chrF(sent, shown)}.
 */
public final class EditUptake {

    private EditUptake() {
    }

    /** The score, or empty when staff sent the draft as shown (or no draft was shown): the example says nothing here. */
    public static OptionalDouble of(String draft, String shown, String sent) {
        if (shown == null || shown.isBlank() || shown.strip().equals(sent.strip())) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ChrF.STANDARD.score(draft, sent) - ChrF.STANDARD.score(draft, shown));
    }
}
