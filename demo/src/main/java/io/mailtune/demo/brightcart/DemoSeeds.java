package io.mailtune.demo.brightcart;

/**
 * Seeds with agreed roles, so that training and evaluation never share generated emails. A held-out set is simply
 * cases generated from a seed that no training run uses.
 */
public final class DemoSeeds {

    /** Seed of the cases the bundled base model is trained on. */
    public static final long TRAINING = 20_261_125L;
    /** Seed of the held-out evaluation cases; never used for training. */
    public static final long HOLDOUT = 77_000_001L;
    /** Seed of the 200 staff-restyled replies of the house-style test. */
    public static final long STYLE_SHIFT = 31_415_927L;
    /** Seed of the held-out cases the house-style test measures compliance on. */
    public static final long STYLE_HOLDOUT = 27_182_818L;

    private DemoSeeds() {
    }
}
