package io.mailtune.model.runtime;

/**
 * Limits that bound the generator's memory.
 *
 * @param maxBatch             sequences decoded together in one step
 * @param maxQueued            requests waiting to join; more are rejected
 * @param maxPrefillTokens     prompt tokens admitted per step (the first request is always admitted), so a long
 *                             prompt does not stall running answers for long
 * @param threads              PyTorch intra-op threads of the generator thread. One is the default: decoding runs
 *                             thousands of small operations per token, and on a shared 2-core machine every
 *                             two-thread operation can stall until the other core is free (measured 5-20x slower)
 */
public record GeneratorOptions(int maxBatch, int maxQueued, int maxPrefillTokens, int threads) {

    /** Validates the limits. */
    public GeneratorOptions {
        if (maxBatch <= 0 || maxQueued <= 0 || maxPrefillTokens <= 0 || threads <= 0) {
            throw new IllegalArgumentException("generator limits must be > 0, were maxBatch=" + maxBatch
                    + ", maxQueued=" + maxQueued + ", maxPrefillTokens=" + maxPrefillTokens + ", threads=" + threads);
        }
    }

    /** Limits with one intra-op thread. */
    public GeneratorOptions(int maxBatch, int maxQueued, int maxPrefillTokens) {
        this(maxBatch, maxQueued, maxPrefillTokens, 1);
    }

    /** 8 sequences per step, 256 queued, 2048 prompt tokens per step, one intra-op thread. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(8, 256, 2048, 1);
    }
}
