package io.mailtune.agent.web;

import io.mailtune.agent.store.Confidence;

import java.util.Locale;

/**
 * A draft's confidence in words a reviewer reads at a glance: how well the knowledge base matched the email (the best
 * passage's cosine similarity) and how sure the model was of its words (the geometric mean probability of its tokens,
 * exp of the mean log-probability). The overall level is the weaker of the two.
 *
 * @param level       high, medium or low overall
 * @param evidence    how well the knowledge base matched, in words
 * @param similarity  the best passage's similarity, 0 to 1
 * @param certainty   how sure the model was, in words
 * @param tokenChance the geometric mean token probability, 0 to 1
 */
public record ConfidenceLevel(String level, String evidence, double similarity, String certainty, double tokenChance) {

    /** Similarity from which a passage answers the email well. */
    static final double STRONG_MATCH = 0.5;
    /** Similarity from which a passage is at least on the topic. */
    static final double PARTIAL_MATCH = 0.3;
    /** Mean token probability from which the model wrote fluently. */
    static final double SURE = 0.6;
    /** Mean token probability below which the model was guessing. */
    static final double UNSURE = 0.35;

    /** The levels of a draft's confidence. */
    public static ConfidenceLevel of(Confidence c) {
        double similarity = Math.max(0, c.topSimilarity());
        double chance = Math.exp(Math.min(0, c.meanLogProb()));
        int evidence = similarity >= STRONG_MATCH ? 2 : similarity >= PARTIAL_MATCH ? 1 : 0;
        int certainty = chance >= SURE ? 2 : chance >= UNSURE ? 1 : 0;
        String[] levels = {"low", "medium", "high"};
        String[] matches = {similarity == 0 ? "no matching article" : "weak match", "partial match", "strong match"};
        String[] sure = {"unsure", "fairly sure", "sure"};
        return new ConfidenceLevel(levels[Math.min(evidence, certainty)], matches[evidence], similarity, sure[certainty], chance);
    }

    /** The level with a capital, for a badge. */
    public String label() {
        return level.substring(0, 1).toUpperCase(Locale.ROOT) + level.substring(1);
    }

    /** The similarity as a percentage. */
    public long similarityPercent() {
        return Math.round(similarity * 100);
    }

    /** The token probability as a percentage. */
    public long tokenChancePercent() {
        return Math.round(tokenChance * 100);
    }
}
