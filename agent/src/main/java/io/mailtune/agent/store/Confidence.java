package io.mailtune.agent.store;

/**
 * How sure a draft is, for the reviewer and the metrics.
 *
 * @param topScore      the best passage's fused retrieval score, 0 when none was found
 * @param topSimilarity the best passage's cosine similarity with the email, 0 when none was found
 * @param meanLogProb   mean natural-log probability of the generated tokens (0 certain, lower less sure)
 */
public record Confidence(double topScore, double topSimilarity, double meanLogProb) {
}
