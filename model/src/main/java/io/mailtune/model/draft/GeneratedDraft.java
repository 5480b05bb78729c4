package io.mailtune.model.draft;

import java.time.Duration;
import java.util.List;

/**
 * A draft the model wrote, with what a reviewer and the metrics need to judge it.
 *
 * @param text            the reply text (without the signature the sender appends)
 * @param handOff         the draft hands the email to a person
 * @param cited           the passages it draws on
 * @param modelOutput     the model's raw output before rendering
 * @param meanLogProb     mean natural-log probability of the generated tokens (0 certain, lower less sure)
 * @param promptTokens    the prompt's length in tokens
 * @param generatedTokens how many tokens the model generated
 * @param elapsed         from submission to the last token, queueing included
 * @param adapterVersion  the adapter that wrote it, or empty for the bare base model
 */
public record GeneratedDraft(String text, boolean handOff, List<Passage> cited, String modelOutput, double meanLogProb,
                             int promptTokens, int generatedTokens, Duration elapsed, String adapterVersion) {

    /** Validates the parts. */
    public GeneratedDraft {
        cited = List.copyOf(cited);
        adapterVersion = adapterVersion == null ? "" : adapterVersion;
    }

    /** Generated tokens per second over {@link #elapsed}. */
    public double tokensPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : generatedTokens / seconds;
    }
}
