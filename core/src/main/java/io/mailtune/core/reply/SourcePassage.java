package io.mailtune.core.reply;

/**
 * A knowledge-base passage that was in a draft's prompt, with its text as the drafter saw it, so that the trainer can
 * rebuild the exact prompt a reply was written from.
 *
 * @param articleId the article's stable id
 * @param chunkId   the passage within it
 * @param title     the article title
 * @param url       the article's URL with heading anchor, or null
 * @param text      the passage text given to the drafter
 * @param score     the retrieval score it was ranked with (higher is more relevant)
 * @param vectorSimilarity (v3) the cosine similarity of passage and email embeddings, which the drafter's match
 *                  strengths and hand-off are calibrated on; null in records written before version 3
 */
public record SourcePassage(String articleId, String chunkId, String title, String url, String text, double score,
                            Double vectorSimilarity) {

    /** Validates the ids; absent text reads as empty. */
    public SourcePassage {
        if (articleId == null || articleId.isBlank()) {
            throw new IllegalArgumentException("articleId must not be blank");
        }
        if (chunkId == null || chunkId.isBlank()) {
            throw new IllegalArgumentException("chunkId must not be blank");
        }
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, was " + score);
        }
        if (vectorSimilarity != null && !Double.isFinite(vectorSimilarity)) {
            throw new IllegalArgumentException("vectorSimilarity must be finite or absent, was " + vectorSimilarity);
        }
    }

    /** The citation of this passage. */
    public Citation citation() {
        return new Citation(articleId, chunkId, title, url);
    }
}
