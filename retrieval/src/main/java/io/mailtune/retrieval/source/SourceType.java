package io.mailtune.retrieval.source;

import java.util.Locale;

/** Where a piece of knowledge came from; searches can be limited to one type. */
public enum SourceType {
    /** A help-centre article: the demo company's or a customer's own. */
    ARTICLE,
    /** A reply that support staff approved and sent earlier. */
    APPROVED_REPLY;

    /** The value stored in the index. */
    public String indexValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored or typed value such as {@code article} or {@code approved_reply}. */
    public static SourceType parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("source type must not be blank");
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SourceType type : values()) {
            if (type.name().equals(normalised)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown source type '" + value + "'; expected article or approved_reply");
    }
}
