package io.mailtune.demo.brightcart;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * One help-centre article of the demo company's knowledge base.
 *
 * @param id             stable slug, also the file name without {@code .md}
 * @param title          the article title shown to customers
 * @param url            the public https URL of the article
 * @param product        product line the article belongs to ({@code account}, {@code store}, {@code plus}, {@code partner-api})
 * @param updatedAt      when the article was last revised
 * @param keyInstruction the one concrete instruction a correct reply must contain, verbatim in the body
 * @param markdownBody   the article text in Markdown, without front matter
 */
public record HelpArticle(String id, String title, String url, String product, LocalDate updatedAt,
                          String keyInstruction, String markdownBody) {

    /** Article ids: lower-case words joined by hyphens, as used in file names and URLs. */
    public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Validates every field; the key instruction must occur verbatim in the body so replies can be grounded in it. */
    public HelpArticle {
        if (id == null || !ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lower-case words joined by hyphens, got '" + id + "'");
        }
        requireText("title", id, title);
        requireText("url", id, url);
        if (!url.startsWith("https://") || url.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("article '" + id + "': url must be an https URL without spaces, got '" + url + "'");
        }
        requireText("product", id, product);
        if (updatedAt == null) {
            throw new IllegalArgumentException("article '" + id + "': updatedAt must not be null");
        }
        requireText("keyInstruction", id, keyInstruction);
        requireText("markdownBody", id, markdownBody);
        if (!markdownBody.contains(keyInstruction)) {
            throw new IllegalArgumentException("article '" + id + "': key instruction '" + keyInstruction
                    + "' does not occur verbatim in the body");
        }
    }

    /** The blank-line-separated block of the body that holds the key instruction (the passage a retriever returns). */
    public String keyPassage() {
        for (String block : markdownBody.split("\n\\s*\n")) {
            if (block.contains(keyInstruction)) {
                return block.strip();
            }
        }
        return keyInstruction;
    }

    private static void requireText(String field, String id, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("article '" + id + "': " + field + " must not be blank");
        }
    }
}
