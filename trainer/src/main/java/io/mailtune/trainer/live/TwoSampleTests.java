package io.mailtune.trainer.live;

/**
 * The two-sample tests of the live-quality watch: a one-sided two-proportion z-test for approval rates and a
 * one-sided Mann–Whitney U test (normal approximation with tie correction and continuity correction) for edit rates.
 */
public final class TwoSampleTests {

    private TwoSampleTests() {
    }

    /**
     * One-sided p-value that proportion 1 ({@code x1}/{@code n1}) is lower than proportion 2 ({@code x2}/{@code n2}),
     * with the pooled standard error. 1 when both are equal or the pooled rate is 0 or 1 (no evidence either way).
     */
    public static double proportionLowerP(int x1, int n1, int x2, int n2) {
        if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
            throw new IllegalArgumentException("need 0 <= x <= n and n > 0, got " + x1 + "/" + n1 + " and " + x2 + "/" + n2);
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return 1;
        }
        double z = (p1 - p2) / se;
        return normalCdf(z);
    }

    /**
     * One-sided p-value that values of sample 1 tend to be larger than those of sample 2 (Mann–Whitney U, normal
     * approximation, ties averaged and corrected for). 1 when either sample is empty or every value is tied.
     */
    public static double mannWhitneyGreaterP(double[] sample1, double[] sample2) {
        int n1 = sample1.length;
        int n2 = sample2.length;
        if (n1 == 0 || n2 == 0) {
            return 1;
        }
        int n = n1 + n2;
        double[] values = new double[n];
        boolean[] first = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n1; i++) {
            values[i] = sample1[i];
            first[i] = true;
        }
        for (int i = 0; i < n2; i++) {
            values[n1 + i] = sample2[i];
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double rankSum1 = 0;
        double tieTerm = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            int t = j - i + 1;
            tieTerm += (double) t * t * t - t;
            for (int k = i; k <= j; k++) {
                if (first[order[k]]) {
                    rankSum1 += averageRank;
                }
            }
            i = j + 1;
        }
        double u1 = rankSum1 - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1;
        }
        double z = (u1 - mean - 0.5) / Math.sqrt(variance);
        return 1 - normalCdf(z);
    }

    /** The standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; absolute error below 1.5e-7). */
    public static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
