package io.mailtune.model.runtime;

import java.util.List;
import java.util.Set;

/**
 * One prompt to answer.
 *
 * @param prompt       prompt token ids (at least one)
 * @param sampling     how tokens are chosen
 * @param maxNewTokens the most tokens to generate
 * @param stopTokens   ids that end the answer (the generator adds {@code LanguageModel.stopTokens()})
 * @param stopStrings  texts that end the answer; the text is cut before them
 * @param listener     streaming callback
 */
public record GenerationRequest(int[] prompt, SamplingOptions sampling, int maxNewTokens, Set<Integer> stopTokens,
                                List<String> stopStrings, TokenListener listener) {

    /** Validates the request. */
    public GenerationRequest {
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("prompt must hold at least one token");
        }
        if (sampling == null) {
            throw new IllegalArgumentException("sampling must not be null");
        }
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be > 0, was " + maxNewTokens);
        }
        prompt = prompt.clone();
        stopTokens = Set.copyOf(stopTokens);
        stopStrings = List.copyOf(stopStrings);
        for (String s : stopStrings) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must not be empty");
            }
        }
        listener = listener == null ? TokenListener.none() : listener;
    }

    /** A greedy request without extra stops or streaming. */
    public static GenerationRequest greedy(int[] prompt, int maxNewTokens) {
        return new GenerationRequest(prompt, SamplingOptions.greedy(), maxNewTokens, Set.of(), List.of(), null);
    }
}
