package io.mailtune.model.draft;

/**
 * A knowledge-base passage offered to the drafter, as retrieval ranked it.
 *
 * @param articleId        the article's stable id
 * @param chunkId          the passage within the article
 * @param title            the article's title
 * @param url              the article's URL with heading anchor, or null
 * @param text             the passage text
 * @param score            the fused retrieval score (higher is more relevant; comparable within one search)
 * @param vectorSimilarity the cosine similarity of passage and email embeddings, in [-1, 1]; comparable across
 *                         searches, so thresholds (hand-off) can be calibrated on it; NaN when not known (a passage
 *                         rebuilt from a record that did not carry it)
 * @param internal         marked internal in the knowledge base: it must never reach a customer
 */
public record Passage(String articleId, String chunkId, String title, String url, String text, double score,
                      double vectorSimilarity, boolean internal) {

    /** Validates ids and scores. */
    public Passage {
        if (articleId == null || articleId.isBlank()) {
            throw new IllegalArgumentException("articleId must not be blank");
        }
        if (chunkId == null || chunkId.isBlank()) {
            throw new IllegalArgumentException("chunkId must not be blank");
        }
        if (!Double.isFinite(score) || Double.isInfinite(vectorSimilarity)) {
            throw new IllegalArgumentException("passage " + chunkId + " has a non-finite score");
        }
        title = title == null ? "" : title.strip();
        // (a NaN similarity is allowed: it says the similarity is not known)
        text = text == null ? "" : text.strip();
    }

    /** Whether the vector similarity is known. */
    public boolean similarityKnown() {
        return !Double.isNaN(vectorSimilarity);
    }

    /** The vector similarity, or 0 when it is not known. */
    double similarityOrZero() {
        return similarityKnown() ? vectorSimilarity : 0;
    }
}
