package io.mailtune.retrieval.source;

/**
 * One unit of article text that chunking never splits mid-way: a paragraph, a whole list item, or a code block.
 *
 * @param kind what the text is
 * @param text the text, without markup
 */
public record Block(Kind kind, String text) {

    /** The shape of a block, which decides how chunks may break around it. */
    public enum Kind {
        /** Running prose; may be split between sentences when very long. */
        PARAGRAPH,
        /** One item of a list; neighbouring items stay together where they fit. */
        LIST_ITEM,
        /** Preformatted text, kept verbatim. */
        CODE,
        /** Table rows, one per line with cells between {@code |}; split only between rows. */
        TABLE
    }

    /** Validates that the block has text. */
    public Block {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
    }
}
