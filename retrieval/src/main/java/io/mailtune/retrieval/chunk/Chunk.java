package io.mailtune.retrieval.chunk;

/**
 * A passage of an article: the unit that is indexed, retrieved and cited.
 *
 * @param chunkId stable id: article id, heading anchor and part number, e.g. {@code refunds#how-long-it-takes/0}
 * @param ordinal position of the chunk in the article, from 0
 * @param heading the heading the passage sits under (the article title for text before any heading)
 * @param anchor  the heading's URL fragment, empty for the top of the article
 * @param text    the passage text; overlapping text from the previous passage included
 */
public record Chunk(String chunkId, int ordinal, String heading, String anchor, String text) {

    /** Validates the chunk. */
    public Chunk {
        if (chunkId == null || chunkId.isBlank()) {
            throw new IllegalArgumentException("chunkId must not be blank");
        }
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must not be negative, was " + ordinal);
        }
        if (heading == null || anchor == null) {
            throw new IllegalArgumentException("heading and anchor must not be null");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
    }
}
