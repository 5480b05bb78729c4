package io.mailtune.demo.brightcart;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one article file: a front-matter block between {@code ---} lines holding exactly the keys {@link #KEYS}
 * as {@code key: value} pairs, then the Markdown body. Deliberately a strict subset of YAML (one line per key,
 * no quoting or nesting) so that a typo is an error rather than a silently different value.
 */
public final class HelpArticleParser {

    /** The front-matter keys every article has, in their usual order. */
    public static final List<String> KEYS = List.of("id", "title", "url", "product", "updated-at", "key-instruction");

    private static final String FENCE = "---";

    private HelpArticleParser() {
    }

    /** Parses {@code text}; {@code source} names the file in error messages. */
    public static HelpArticle parse(String source, String text) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if (text == null) {
            throw new IllegalArgumentException("text of " + source + " must not be null");
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals(FENCE)) {
            throw new MalformedDemoFileException(source, 1, "must start with a '---' front-matter line");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        int closing = -1;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().equals(FENCE)) {
                closing = i;
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedDemoFileException(source, i + 1, "expected 'key: value' or the closing '---' but found '" + line.strip() + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!KEYS.contains(key)) {
                throw new MalformedDemoFileException(source, i + 1, "unknown key '" + key + "'; allowed keys are " + KEYS);
            }
            if (values.containsKey(key)) {
                throw new MalformedDemoFileException(source, i + 1,
                        "duplicate key '" + key + "' (first on line " + lineOf.get(key) + ")");
            }
            if (value.isEmpty()) {
                throw new MalformedDemoFileException(source, i + 1, "key '" + key + "' has no value");
            }
            values.put(key, value);
            lineOf.put(key, i + 1);
        }
        if (closing < 0) {
            throw new MalformedDemoFileException(source, lines.length, "front matter is not closed by a '---' line");
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                throw new MalformedDemoFileException(source, closing + 1, "front matter lacks the key '" + key + "'");
            }
        }
        String body = String.join("\n", List.of(lines).subList(closing + 1, lines.length)).strip();
        if (body.isEmpty()) {
            throw new MalformedDemoFileException(source, closing + 1, "article has no body after the front matter");
        }
        LocalDate updatedAt;
        try {
            updatedAt = LocalDate.parse(values.get("updated-at"));
        } catch (DateTimeParseException e) {
            throw new MalformedDemoFileException(source, lineOf.get("updated-at"),
                    "updated-at must be an ISO date like 2026-01-31, got '" + values.get("updated-at") + "'");
        }
        try {
            return new HelpArticle(values.get("id"), values.get("title"), values.get("url"), values.get("product"),
                    updatedAt, values.get("key-instruction"), body + "\n");
        } catch (IllegalArgumentException e) {
            throw new MalformedDemoFileException(source, 0, e.getMessage());
        }
    }
}
