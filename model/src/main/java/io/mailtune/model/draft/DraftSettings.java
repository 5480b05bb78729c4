package io.mailtune.model.draft;

import io.mailtune.model.runtime.SamplingOptions;

/**
 * How a drafter generates.
 *
 * @param maxNewTokens  the most tokens a draft may have
 * @param promptTokens  the most tokens a prompt may have (the history is trimmed to fit)
 * @param sampling      how tokens are chosen (greedy by default)
 */
public record DraftSettings(int maxNewTokens, int promptTokens, SamplingOptions sampling) {

    /** Validates the settings. */
    public DraftSettings {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, was " + maxNewTokens);
        }
        if (promptTokens < 16) {
            throw new IllegalArgumentException("promptTokens must be at least 16, was " + promptTokens);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("sampling must not be null");
        }
    }

    /** Greedy drafts of at most 256 tokens from prompts of at most {@code contextTokens - 256}. */
    public static DraftSettings greedy(int contextTokens) {
        return new DraftSettings(256, Math.max(16, contextTokens - 256), SamplingOptions.greedy());
    }
}
