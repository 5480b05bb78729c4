package io.mailtune.model.draft;

/**
 * How well a retrieved passage matches the email, as the grounded prompt states it: the passage's vector similarity
 * (all-MiniLM-L6-v2 cosine, which the retrieval module reports and which is comparable across searches) cut at
 * thresholds calibrated on held-out generated companies (docs/training.md, "Hand-off threshold").
 */
public enum MatchStrength {
    /** Almost certainly about the email's question. */
    STRONG("strong match", 0.60),
    /** Probably related. */
    FAIR("fair match", 0.50),
    /** Shares a topic at most. */
    WEAK("weak match", 0.40),
    /** Unrelated. */
    NONE("no match", Double.NEGATIVE_INFINITY);

    private final String word;
    private final double threshold;

    MatchStrength(String word, double threshold) {
        this.word = word;
        this.threshold = threshold;
    }

    /** The strength of a passage with this vector similarity. */
    public static MatchStrength of(double vectorSimilarity) {
        for (MatchStrength m : values()) {
            if (vectorSimilarity >= m.threshold) {
                return m;
            }
        }
        return NONE;
    }

    /** The words the prompt shows. */
    public String word() {
        return word;
    }

    /** The lowest vector similarity of this strength. */
    public double threshold() {
        return threshold;
    }
}
