package io.mailtune.agent.store;

import io.mailtune.core.reply.Citation;
import io.mailtune.core.reply.SourcePassage;

/**
 * A knowledge-base passage a draft's prompt held, as stored with the draft (never an internal one).
 *
 * @param articleId  the article's id
 * @param chunkId    the passage (article id, heading anchor, part)
 * @param title      the article's title
 * @param url        the article's URL with heading anchor, or null
 * @param text       the passage text the model read
 * @param score      fused retrieval score
 * @param similarity cosine similarity of passage and email
 * @param cited      whether the draft draws on it (a hand-off cites nothing)
 */
public record PromptPassage(String articleId, String chunkId, String title, String url, String text, double score,
                            double similarity, boolean cited) {

    /** Validates the ids. */
    public PromptPassage {
        if (articleId == null || articleId.isBlank() || chunkId == null || chunkId.isBlank()) {
            throw new IllegalArgumentException("a passage needs an article id and a chunk id");
        }
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    /** The passage as the {@code ApprovedReply} contract carries it. */
    public SourcePassage source() {
        return new SourcePassage(articleId, chunkId, title, url, text, score, similarity);
    }

    /** Its citation. */
    public Citation citation() {
        return new Citation(articleId, chunkId, title, url);
    }
}
