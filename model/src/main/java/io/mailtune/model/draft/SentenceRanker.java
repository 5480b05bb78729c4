package io.mailtune.model.draft;

/**
 * Scores a source sentence against the email from its {@link SentenceFeatures}: a linear function, the same for every
 * company, whose weights were fitted (listwise softmax loss, the key instruction's sentences as positives) on 20
 * generated companies of the training seed, the development set and 200 demo cases of the demo's training seed,
 * over the passages the drafting search brings (docs/training.md, "Sentence ranking"); never on a test set or a
 * held-out seed. Raw-unit weights, so no normalisation is needed at serving time.
 */
final class SentenceRanker {

    private SentenceRanker() {
    }

    /** The sentence's score (higher ranks first). */
    static double score(SentenceFeatures f) {
        int position = f.position();
        return 0.1337 * f.bestOverlap() / f.lengthNorm() - 0.1986 * f.wholeOverlap() / f.lengthNorm()
                + 0.3366 * f.bestOverlap() + 2.686 * f.articleSimilarity() + 5.021 * f.passageSimilarity()
                + 2.527 * f.instruction() - 0.3773 * f.cues() - 0.0811 * f.passageRank()
                - 3.006 * Math.min(position, 10) / 10.0 - 0.2862 * (position == 0 ? 1 : 0) - 0.4232 * f.listItem()
                + 0.1957 * f.precision() + 0.8917 * Math.log(Math.max(1, f.characters()));
    }
}
