package io.mailtune.trainer.live;

import java.time.Duration;

/**
 * When the live-quality watch rolls a promotion back.
 *
 * @param enabled    whether it acts at all (it always records its checks)
 * @param window     how long after a promotion its drafts are compared, and how far before it the previous
 *                   adapter's drafts are taken from
 * @param minSample  fewest reviewed drafts on each side before anything is decided
 * @param alpha      significance level of each one-sided test
 */
public record QualitySettings(boolean enabled, Duration window, int minSample, double alpha) {

    /** Validates the ranges. */
    public QualitySettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("mailtune.trainer.rollback.window must be positive, was " + window);
        }
        if (minSample < 5) {
            throw new IllegalArgumentException("mailtune.trainer.rollback.min-sample must be at least 5, was " + minSample);
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("mailtune.trainer.rollback.alpha must be in (0, 0.5), was " + alpha);
        }
    }
}
