package io.mailtune.model.draft;

import java.util.function.ToIntFunction;

/**
 * How many prompt tokens a draft may use, and how to count them, so a format can trim the thread's history to fit.
 *
 * @param maxTokens the most tokens the rendered prompt may hold
 * @param counter   the token count of a piece of text, for the model's tokenizer
 */
public record PromptBudget(int maxTokens, ToIntFunction<String> counter) {

    /** Validates the budget. */
    public PromptBudget {
        if (maxTokens < 16) {
            throw new IllegalArgumentException("a prompt budget needs at least 16 tokens, was " + maxTokens);
        }
        if (counter == null) {
            throw new IllegalArgumentException("counter must not be null");
        }
    }

    /** The token count of {@code text}. */
    public int count(String text) {
        return counter.applyAsInt(text);
    }
}
