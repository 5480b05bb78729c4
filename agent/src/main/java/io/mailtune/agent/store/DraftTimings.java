package io.mailtune.agent.store;

/**
 * How long a draft took and how fast it was written.
 *
 * @param queueWaitMillis  from arrival of the email to the start of drafting
 * @param generationMillis from the start of drafting to the last token (retrieval and generation)
 * @param promptTokens     prompt length in tokens
 * @param generatedTokens  tokens the model generated
 * @param tokensPerSecond  generated tokens per second of generation
 */
public record DraftTimings(long queueWaitMillis, long generationMillis, int promptTokens, int generatedTokens,
                           double tokensPerSecond) {
}
