package io.mailtune.retrieval.source;

import java.util.List;

/**
 * The text under one heading of an article.
 *
 * @param heading the heading text, or the article title for text before the first heading
 * @param anchor  the URL fragment that links to the heading (GitHub-style slug), empty for the top of the article
 * @param level   the heading level, 1 to 6, or 0 for text before the first heading
 * @param blocks  the paragraphs, list items and code blocks in reading order
 */
public record Section(String heading, String anchor, int level, List<Block> blocks) {

    /** Validates the section and copies its blocks. */
    public Section {
        if (heading == null) {
            throw new IllegalArgumentException("heading must not be null");
        }
        if (anchor == null) {
            throw new IllegalArgumentException("anchor must not be null");
        }
        if (level < 0 || level > 6) {
            throw new IllegalArgumentException("level must be between 0 and 6, was " + level);
        }
        blocks = List.copyOf(blocks);
    }

    /** Characters of text in this section. */
    public int textLength() {
        return blocks.stream().mapToInt(b -> b.text().length()).sum();
    }
}
