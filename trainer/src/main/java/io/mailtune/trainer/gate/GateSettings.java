package io.mailtune.trainer.gate;

import java.util.Map;

/**
 * How the gate decides: the bootstrap, which metrics may carry a promotion, and how much each may regress.
 *
 * @param resamples     paired bootstrap resamples
 * @param confidence    interval level, e.g. 0.95
 * @param minImprovement a winnable metric wins when the lower end of its interval is above this (0: better beyond noise)
 * @param tolerances    per metric, the most the candidate's mean may be worse than the live one's; metrics without
 *                      an entry use {@code defaultTolerance}
 * @param defaultTolerance tolerance of metrics not listed
 * @param maxHoldout    most recent holdout examples evaluated (the holdout itself keeps growing)
 * @param maxNewTokens  most tokens per evaluation draft
 */
public record GateSettings(int resamples, double confidence, double minImprovement, Map<String, Double> tolerances,
                           double defaultTolerance, int maxHoldout, int maxNewTokens) {

    /** Validates the ranges. */
    public GateSettings {
        if (resamples < 100) {
            throw new IllegalArgumentException("mailtune.trainer.gate.resamples must be at least 100, was " + resamples);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("mailtune.trainer.gate.confidence must be in (0.5, 1), was " + confidence);
        }
        if (!(minImprovement >= 0)) {
            throw new IllegalArgumentException("mailtune.trainer.gate.min-improvement must be >= 0, was " + minImprovement);
        }
        tolerances = Map.copyOf(tolerances);
        if (!(defaultTolerance >= 0)) {
            throw new IllegalArgumentException("mailtune.trainer.gate.default-tolerance must be >= 0, was " + defaultTolerance);
        }
        if (maxHoldout < 1 || maxNewTokens < 1) {
            throw new IllegalArgumentException("mailtune.trainer.gate.max-holdout and max-new-tokens must be positive");
        }
    }

    /** The tolerance of one metric. */
    public double tolerance(String metric) {
        return tolerances.getOrDefault(metric, defaultTolerance);
    }
}
