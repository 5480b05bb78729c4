package io.mailtune.model.runtime;

import java.util.Optional;

/**
 * A finished answer.
 *
 * @param tokens         the generated token ids (a final stop token included)
 * @param text           their text without special tokens, cut before a stop string; empty without a tokenizer
 * @param reason         why it ended
 * @param promptTokens   the prompt's length
 * @param adapterVersion the adapter it ran with from start to end, empty for the base model
 * @param meanLogProb    the mean natural-log probability the model gave the generated tokens (at temperature 1,
 *                       before penalties), a confidence signal: 0 is certain, more negative is less sure
 */
public record GenerationResult(int[] tokens, String text, FinishReason reason, int promptTokens,
                               Optional<String> adapterVersion, double meanLogProb) {
}
