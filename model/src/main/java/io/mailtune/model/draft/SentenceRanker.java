package io.mailtune.model.draft;

/**
 * Scores a source sentence against the email from its {@link SentenceFeatures}: a linear function, the same for every
 * company, whose weights were fitted (listwise softmax loss, the key instruction's sentences as positives) on 20
 * generated companies of the training seed and the development set (docs/training.md, "Sentence ranking"); never on
 * a test set. Raw-unit weights, so no normalisation is needed at serving time.
 */
final class SentenceRanker {

    private SentenceRanker() {
    }

    /** The sentence's score (higher ranks first). */
    static double score(SentenceFeatures f) {
        int position = f.position();
        return 0.1348 * f.bestOverlap() / f.lengthNorm() - 0.2379 * f.wholeOverlap() / f.lengthNorm()
                + 0.5871 * f.bestOverlap() + 2.701 * f.articleSimilarity() + 5.475 * f.passageSimilarity()
                + 2.592 * f.instruction() - 0.6682 * f.cues() - 0.2949 * f.passageRank()
                - 2.89 * Math.min(position, 10) / 10.0 - 0.4979 * (position == 0 ? 1 : 0) - 0.8671 * f.listItem()
                - 0.7797 * f.precision() + 0.7021 * Math.log(Math.max(1, f.characters()));
    }
}
