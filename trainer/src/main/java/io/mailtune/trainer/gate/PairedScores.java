package io.mailtune.trainer.gate;

/**
 * Per-example scores of the candidate and the live model on the same examples, oriented so that higher is better
 * (a loss enters negated).
 *
 * @param name      the metric
 * @param candidate the candidate's scores
 * @param live      the live model's scores, same examples in the same order
 * @param winnable  whether a win on it can promote
 */
public record PairedScores(String name, double[] candidate, double[] live, boolean winnable) {

    /** Checks the pairing. */
    public PairedScores {
        if (candidate.length != live.length) {
            throw new IllegalArgumentException("metric " + name + ": " + candidate.length + " candidate scores but "
                    + live.length + " live scores");
        }
    }
}
