package io.mailtune.model.runtime;

/**
 * How the next token is chosen from the logits, in HF's order: repetition penalty, temperature, top-k, top-p.
 *
 * @param temperature       0 for greedy decoding; otherwise logits are divided by it
 * @param topK              keep the k most likely tokens; 0 keeps all
 * @param topP              keep the smallest set whose probability reaches p; 1 keeps all
 * @param repetitionPenalty > 1 makes tokens already in the prompt or answer less likely; 1 switches it off
 * @param seed              seed of the request's random source, so sampling is reproducible
 */
public record SamplingOptions(double temperature, int topK, double topP, double repetitionPenalty, long seed) {

    /** Validates the ranges. */
    public SamplingOptions {
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, was " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
        }
        if (!(repetitionPenalty > 0)) {
            throw new IllegalArgumentException("repetitionPenalty must be > 0, was " + repetitionPenalty);
        }
    }

    /** Greedy decoding: always the most likely token. */
    public static SamplingOptions greedy() {
        return new SamplingOptions(0, 0, 1, 1, 0);
    }

    /** Sampling at a temperature with a seed, no truncation or penalty. */
    public static SamplingOptions sampled(double temperature, long seed) {
        return new SamplingOptions(temperature, 0, 1, 1, seed);
    }
}
