package io.mailtune.demo.brightcart;

import java.util.List;

/**
 * What a reply says, apart from its house style: whom it greets and its paragraphs (the closing line included).
 * {@link HouseStyle#render} adds greeting, ticket line and sign-off.
 *
 * @param firstName  the customer's first name, used in the greeting
 * @param paragraphs the body paragraphs, none blank, none containing a blank line
 */
public record ReplyContent(String firstName, List<String> paragraphs) {

    /** Validates the name and paragraphs. */
    public ReplyContent {
        if (firstName == null || firstName.isBlank() || firstName.contains("\n")) {
            throw new IllegalArgumentException("firstName must be a non-blank single line, got '" + firstName + "'");
        }
        paragraphs = List.copyOf(paragraphs);
        if (paragraphs.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one paragraph");
        }
        for (String paragraph : paragraphs) {
            if (paragraph.isBlank() || paragraph.contains("\n\n")) {
                throw new IllegalArgumentException("paragraphs must be non-blank and contain no blank line: '" + paragraph + "'");
            }
        }
    }

    /** The paragraphs joined by blank lines: the content that chrF compares across styles. */
    public String body() {
        return String.join("\n\n", paragraphs);
    }
}
