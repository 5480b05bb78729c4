package io.mailtune.retrieval.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Makes GitHub-style heading anchors ("Reset your password!" → {@code reset-your-password}), unique per article. */
final class Anchors {

    private final Map<String, Integer> seen = new HashMap<>();

    /** The anchor for the next heading; repeats get {@code -1}, {@code -2} as GitHub does. */
    String next(String heading) {
        String slug = slug(heading);
        int count = seen.merge(slug, 1, Integer::sum);
        return count == 1 ? slug : slug + "-" + (count - 1);
    }

    static String slug(String heading) {
        StringBuilder out = new StringBuilder(heading.length());
        for (char c : heading.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.append(c);
            } else if (c == ' ') {
                out.append('-');
            }
        }
        return out.toString();
    }
}
