package io.mailtune.core.reply;

/**
 * A knowledge-base passage that a draft was grounded in.
 *
 * @param articleId the article's stable id
 * @param chunkId   the passage within it
 * @param title     the article title shown to reviewers
 * @param url       the article's URL with heading anchor, or null
 */
public record Citation(String articleId, String chunkId, String title, String url) {

    /** Validates the ids. */
    public Citation {
        if (articleId == null || articleId.isBlank()) {
            throw new IllegalArgumentException("articleId must not be blank");
        }
        if (chunkId == null || chunkId.isBlank()) {
            throw new IllegalArgumentException("chunkId must not be blank");
        }
        title = title == null ? "" : title;
    }
}
