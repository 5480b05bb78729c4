package io.mailtune.model.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap over holdout examples: resamples example indices with replacement and recomputes the mean
 * difference between a candidate's and a baseline's per-example scores. A gate promotes only when the lower bound of
 * the interval is above zero, i.e. the candidate is better beyond what resampling noise explains.
 */
public final class PairedBootstrap {

    private final int resamples;
    private final double confidence;

    /** Validates the resample count and confidence level. */
    public PairedBootstrap(int resamples, double confidence) {
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100 for a usable interval, was " + resamples);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0.5, 1), was " + confidence);
        }
        this.resamples = resamples;
        this.confidence = confidence;
    }

    /**
     * Compares per-example scores of a candidate and a baseline on the same examples (index i is the same example).
     *
     * @param seed fixes the resampling, so the same scores always give the same interval
     */
    public Comparison compare(double[] candidate, double[] baseline, long seed) {
        if (candidate.length != baseline.length) {
            throw new IllegalArgumentException("paired scores need equal lengths, got " + candidate.length + " and " + baseline.length);
        }
        if (candidate.length == 0) {
            throw new IllegalArgumentException("no examples to compare");
        }
        int n = candidate.length;
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = candidate[i] - baseline[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int candidateWins = 0;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[r] = sum / n;
            if (means[r] > 0) {
                candidateWins++;
            }
        }
        Arrays.sort(means);
        double alpha = (1 - confidence) / 2;
        double low = means[(int) Math.floor(alpha * (resamples - 1))];
        double high = means[(int) Math.ceil((1 - alpha) * (resamples - 1))];
        return new Comparison(mean(candidate), mean(baseline), mean(differences), low, high, (double) candidateWins / resamples);
    }

    /** The mean of some scores, for reports. */
    public static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /**
     * The outcome of a paired comparison.
     *
     * @param candidateMean      mean score of the candidate
     * @param baselineMean       mean score of the baseline
     * @param meanDifference     candidate minus baseline
     * @param lowerBound         lower end of the confidence interval of the difference
     * @param upperBound         upper end
     * @param probabilityBetter  share of resamples in which the candidate's mean was higher
     */
    public record Comparison(double candidateMean, double baselineMean, double meanDifference,
                             double lowerBound, double upperBound, double probabilityBetter) {

        /** True when the whole interval lies above {@code margin}: better beyond noise by at least that much. */
        public boolean betterBeyondNoise(double margin) {
            return lowerBound > margin;
        }

        /** True when the candidate is not worse than the baseline by more than {@code tolerance}, beyond noise. */
        public boolean notWorseThan(double tolerance) {
            return lowerBound > -tolerance;
        }
    }
}
