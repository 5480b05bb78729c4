package io.mailtune.trainer.run;

import io.mailtune.model.train.TrainingProgress;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Aborts a run on a non-finite loss, or, after warm-up, when the mean loss of the last {@value #WINDOW} steps is
 * above {@code factor} times the first step's. One step is one small batch, so a single batch of harder replies can
 * lift its own loss past the factor while training is fine (seen once in the whole-loop test: 2.46 after 0.49–0.62,
 * and the same run went on normally when repeated); a diverging run stays up.
 */
final class DivergenceGuard {

    /** How many of the latest steps the mean is over. */
    static final int WINDOW = 3;

    private final double factor;
    private final int warmup;
    private final ArrayDeque<Double> latest = new ArrayDeque<>(WINDOW);
    private double first = Double.NaN;

    DivergenceGuard(double factor, int warmup) {
        if (!(factor > 1)) {
            throw new IllegalArgumentException("divergence factor must be > 1, was " + factor);
        }
        this.factor = factor;
        this.warmup = warmup;
    }

    /** Throws {@link TrainingAbortedException} when the run must stop after this step. */
    void check(TrainingProgress p) {
        if (!Double.isFinite(p.loss())) {
            throw new TrainingAbortedException("training loss became " + p.loss() + " at step " + p.step() + "; nothing was published");
        }
        if (Double.isNaN(first)) {
            first = p.loss();
            return;
        }
        if (p.step() <= warmup) {
            return;
        }
        if (latest.size() == WINDOW) {
            latest.removeFirst();
        }
        latest.addLast(p.loss());
        double mean = latest.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (latest.size() == WINDOW && mean > factor * first) {
            throw new TrainingAbortedException(String.format(Locale.ROOT,
                    "training loss diverged at step %d: the last %d steps' mean %.4f is more than %.1f times the first"
                            + " step's %.4f (mailtune.trainer.training.divergence-factor); nothing was published",
                    p.step(), WINDOW, mean, factor, first));
        }
    }
}
