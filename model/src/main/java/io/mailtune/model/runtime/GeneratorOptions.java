package io.mailtune.model.runtime;

/**
 * Limits that bound the generator's memory.
 *
 * @param maxBatch             sequences decoded together in one step, and the slots of the generator's KV cache
 *                             pool: at most maxBatch x the longest request's tokens (since the pool was last empty)
 * @param maxQueued            requests waiting to join; more are rejected
 * @param maxPrefillTokens     prompt tokens admitted per step (the first request is always admitted), so a long
 *                             prompt does not stall running answers for long
 * @param decodeThreads        PyTorch intra-op threads for steps that only decode. One is the default: decoding runs
 *                             thousands of small operations per token, and on a shared 2-core machine every
 *                             two-thread operation can stall until the other core is free (measured 5-20x slower);
 *                             on a quiet machine one thread also decoded faster than two (26.7 vs 22.7 tokens/s)
 * @param prefillThreads       PyTorch intra-op threads for steps that prefill a prompt: large matrix products that
 *                             scale with cores (a 512-token prefill ran 361 tokens/s on one thread, 600 on two)
 * @param vectorThreads        threads of the Vector API decoder (decode formats VECTOR_*), every core by default:
 *                             each matrix is split by rows across them only when a share is large enough to pay for
 *                             the hand-off, so small models stay on one
 */
public record GeneratorOptions(int maxBatch, int maxQueued, int maxPrefillTokens, int decodeThreads, int prefillThreads,
                               int vectorThreads) {

    /** Validates the limits. */
    public GeneratorOptions {
        if (maxBatch <= 0 || maxQueued <= 0 || maxPrefillTokens <= 0 || decodeThreads <= 0 || prefillThreads <= 0
                || vectorThreads <= 0) {
            throw new IllegalArgumentException("generator limits must be > 0, were maxBatch=" + maxBatch
                    + ", maxQueued=" + maxQueued + ", maxPrefillTokens=" + maxPrefillTokens
                    + ", decodeThreads=" + decodeThreads + ", prefillThreads=" + prefillThreads
                    + ", vectorThreads=" + vectorThreads);
        }
    }

    /** Limits with the given PyTorch threads and every core for the Vector API decoder. */
    public GeneratorOptions(int maxBatch, int maxQueued, int maxPrefillTokens, int decodeThreads, int prefillThreads) {
        this(maxBatch, maxQueued, maxPrefillTokens, decodeThreads, prefillThreads, Runtime.getRuntime().availableProcessors());
    }

    /** Limits with one PyTorch decode thread and every core for prefill and the Vector API decoder. */
    public GeneratorOptions(int maxBatch, int maxQueued, int maxPrefillTokens) {
        this(maxBatch, maxQueued, maxPrefillTokens, 1, Runtime.getRuntime().availableProcessors());
    }

    /** These limits with {@code threads} Vector API decoder threads. */
    public GeneratorOptions withVectorThreads(int threads) {
        return new GeneratorOptions(maxBatch, maxQueued, maxPrefillTokens, decodeThreads, prefillThreads, threads);
    }

    /**
     * 8 sequences per step, 256 queued, 2048 prompt tokens per step, one PyTorch decode thread, every core for prefill
     * and the Vector API decoder.
     */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(8, 256, 2048);
    }
}
