package io.mailtune.retrieval.chunk;

/**
 * How long passages are and how much they overlap, in characters.
 *
 * @param targetChars  a passage is closed once adding the next block would pass this length
 * @param maxChars     a list may run past the target up to this length so that its items stay together
 * @param overlapChars up to this much trailing text of a passage starts the next one in the same section
 */
public record ChunkingPolicy(int targetChars, int maxChars, int overlapChars) {

    /** The default: passages of about 700 characters (~160 word pieces, inside MiniLM's 256), 150 overlapping. */
    public static final ChunkingPolicy DEFAULT = new ChunkingPolicy(700, 1000, 150);

    /** Validates the lengths against each other. */
    public ChunkingPolicy {
        if (targetChars < 50) {
            throw new IllegalArgumentException("targetChars must be at least 50, was " + targetChars);
        }
        if (maxChars < targetChars) {
            throw new IllegalArgumentException("maxChars (" + maxChars + ") must be at least targetChars (" + targetChars + ")");
        }
        if (overlapChars < 0 || overlapChars >= targetChars) {
            throw new IllegalArgumentException("overlapChars must be in [0, targetChars), was " + overlapChars);
        }
    }

    /** A short string that changes whenever the policy does; part of the index's pipeline fingerprint. */
    public String fingerprint() {
        return "chunk:" + targetChars + "/" + maxChars + "/" + overlapChars;
    }
}
