package io.mailtune.trainer.gate;

import java.util.List;

/**
 * The gate's decision with every number it was made from.
 *
 * @param promote           whether the candidate goes live
 * @param reason            the decision in words
 * @param liveVersion       what the candidate was compared with ({@code base} for the bare base model)
 * @param metrics           every metric, in a fixed order
 * @param holdoutExamples   holdout examples evaluated
 * @param regressionCases   regression cases evaluated
 * @param resamples         bootstrap resamples
 * @param confidence        bootstrap confidence level
 * @param evaluationSeconds time spent drafting and scoring both models
 */
public record GateReport(boolean promote, String reason, String liveVersion, List<MetricResult> metrics, int holdoutExamples,
                         int regressionCases, int resamples, double confidence, double evaluationSeconds) {

    /** Copies the list. */
    public GateReport {
        metrics = List.copyOf(metrics);
    }
}
