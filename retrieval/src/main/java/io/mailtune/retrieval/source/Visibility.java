package io.mailtune.retrieval.source;

import java.util.Locale;

/** Who may read an article: customers, or staff only ({@code visibility: internal} in the front matter). */
public enum Visibility {
    /** Anyone: its text may go into a reply. */
    PUBLIC,
    /** Staff only (escalation procedures, internal policies): shown to reviewers, never put into a reply. */
    INTERNAL;

    /** The value as written in front matter and stored in the index. */
    public String indexValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a front-matter value: {@code public} or {@code internal} (any case); absent means public.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static Visibility parse(String value) {
        if (value == null || value.isBlank()) {
            return PUBLIC;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "internal" -> INTERNAL;
            default -> throw new IllegalArgumentException("visibility must be 'public' or 'internal', was '" + value.strip() + "'");
        };
    }
}
