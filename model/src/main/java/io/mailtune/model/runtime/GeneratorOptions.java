package io.mailtune.model.runtime;

/**
 * Limits that bound the generator's memory.
 *
 * @param maxBatch             sequences decoded together in one step
 * @param maxQueued            requests waiting to join; more are rejected
 * @param maxPrefillTokens     prompt tokens admitted per step (the first request is always admitted), so a long
 *                             prompt does not stall running answers for long
 */
public record GeneratorOptions(int maxBatch, int maxQueued, int maxPrefillTokens) {

    /** Validates the limits. */
    public GeneratorOptions {
        if (maxBatch <= 0 || maxQueued <= 0 || maxPrefillTokens <= 0) {
            throw new IllegalArgumentException("generator limits must be > 0, were maxBatch=" + maxBatch
                    + ", maxQueued=" + maxQueued + ", maxPrefillTokens=" + maxPrefillTokens);
        }
    }

    /** 8 sequences per step, 256 queued, 2048 prompt tokens per step. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(8, 256, 2048);
    }
}
