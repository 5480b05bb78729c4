package io.mailtune.trainer.gate;

/**
 * One metric of the gate: both models' means on the same examples, the paired bootstrap interval of the
 * difference (candidate minus live, oriented so that higher is better), and what the gate made of it.
 *
 * @param name            e.g. {@code holdout.chrF}
 * @param examples        how many paired examples
 * @param candidate       the candidate's mean
 * @param live            the live adapter's mean (the bare base model when none is live)
 * @param difference      mean difference, higher is better for the candidate
 * @param lower           lower end of the interval of the difference
 * @param upper           upper end
 * @param winnable        whether a win on this metric can promote the candidate
 * @param tolerance       the most the candidate's mean may be worse
 * @param verdict         {@code WIN} (better beyond noise), {@code HOLDS} (within tolerance), {@code REGRESSES} (mean
 *                        worse by more than the tolerance) or {@code SKIPPED} (no examples)
 */
public record MetricResult(String name, int examples, double candidate, double live, double difference, double lower,
                           double upper, boolean winnable, double tolerance, String verdict) {

    /** True when this metric stops a promotion. */
    public boolean regresses() {
        return "REGRESSES".equals(verdict);
    }

    /** True when this metric can carry a promotion. */
    public boolean wins() {
        return winnable && "WIN".equals(verdict);
    }
}
