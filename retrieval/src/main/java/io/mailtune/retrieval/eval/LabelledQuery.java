package io.mailtune.retrieval.eval;

/**
 * A customer's question and the article that answers it.
 *
 * @param query     the question, as a customer would write it
 * @param articleId the id of the right article
 */
public record LabelledQuery(String query, String articleId) {

    /** Validates both fields. */
    public LabelledQuery {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank");
        }
        if (articleId == null || articleId.isBlank()) {
            throw new IllegalArgumentException("articleId must not be blank");
        }
    }
}
