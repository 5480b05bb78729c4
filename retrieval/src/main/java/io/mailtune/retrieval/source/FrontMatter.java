package io.mailtune.retrieval.source;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a leading {@code ---}-fenced block of {@code key: value} lines (the flat subset of YAML that help articles use). */
final class FrontMatter {

    /**
     * The values found and the text after the block.
     *
     * @param values keys lowercase, values unquoted
     * @param body   the document without the block
     */
    record Split(Map<String, String> values, String body) {
    }

    private FrontMatter() {
    }

    /** Splits front matter from the body; a document without it comes back whole with no values. */
    static Split split(String text) {
        String stripped = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (!stripped.startsWith("---")) {
            return new Split(Map.of(), stripped);
        }
        int firstLineEnd = stripped.indexOf('\n');
        if (firstLineEnd < 0 || !stripped.substring(0, firstLineEnd).strip().equals("---")) {
            return new Split(Map.of(), stripped);
        }
        Map<String, String> values = new LinkedHashMap<>();
        int pos = firstLineEnd + 1;
        while (pos < stripped.length()) {
            int end = stripped.indexOf('\n', pos);
            if (end < 0) {
                end = stripped.length();
            }
            String line = stripped.substring(pos, end).strip();
            pos = end + 1;
            if (line.equals("---") || line.equals("...")) {
                return new Split(values, pos >= stripped.length() ? "" : stripped.substring(pos));
            }
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT).replace('_', '-');
                values.put(key, unquote(line.substring(colon + 1).strip()));
            }
        }
        // An unclosed block is ordinary text that happens to start with a rule, not metadata.
        return new Split(Map.of(), stripped);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
