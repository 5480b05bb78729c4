package io.mailtune.model.eval;

import java.util.HashMap;
import java.util.Map;

/**
 * chrF (Popović 2015) as sacreBLEU computes it: character n-grams of orders 1..6 with whitespace removed, an F-score
 * per order with recall weighted β = 2, averaged over the orders both texts have. 0 means no shared character
 * n-gram, 100 means identical up to whitespace.
 */
public final class ChrF {

    /** sacreBLEU's defaults. */
    public static final ChrF STANDARD = new ChrF(6, 2.0);

    private final int maxOrder;
    private final double beta;

    /** Validates the n-gram order and β. */
    public ChrF(int maxOrder, double beta) {
        if (maxOrder < 1 || maxOrder > 20) {
            throw new IllegalArgumentException("maxOrder must be 1-20, was " + maxOrder);
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive, was " + beta);
        }
        this.maxOrder = maxOrder;
        this.beta = beta;
    }

    /** The score of one hypothesis against one reference, 0-100. */
    public double score(String hypothesis, String reference) {
        return score(statistics(hypothesis, reference));
    }

    /** Corpus chrF: statistics summed over all pairs, then scored once (sacreBLEU's corpus_score). */
    public double corpusScore(Iterable<String[]> hypothesisReferencePairs) {
        long[] total = new long[3 * maxOrder];
        for (String[] pair : hypothesisReferencePairs) {
            long[] stats = statistics(pair[0], pair[1]);
            for (int i = 0; i < total.length; i++) {
                total[i] += stats[i];
            }
        }
        return score(total);
    }

    /** Per order n (0-based): [3n] hypothesis n-grams, [3n+1] reference n-grams, [3n+2] matched n-grams. */
    long[] statistics(String hypothesis, String reference) {
        String hyp = stripWhitespace(hypothesis);
        String ref = stripWhitespace(reference);
        long[] stats = new long[3 * maxOrder];
        for (int n = 1; n <= maxOrder; n++) {
            Map<String, Integer> hypGrams = grams(hyp, n);
            Map<String, Integer> refGrams = grams(ref, n);
            long matches = 0;
            for (Map.Entry<String, Integer> gram : hypGrams.entrySet()) {
                matches += Math.min(gram.getValue(), refGrams.getOrDefault(gram.getKey(), 0));
            }
            stats[3 * (n - 1)] = Math.max(0, hyp.length() - n + 1);
            stats[3 * (n - 1) + 1] = Math.max(0, ref.length() - n + 1);
            stats[3 * (n - 1) + 2] = matches;
        }
        return stats;
    }

    private double score(long[] stats) {
        double factor = beta * beta;
        double sum = 0;
        int effectiveOrder = 0;
        for (int n = 0; n < maxOrder; n++) {
            long hypCount = stats[3 * n], refCount = stats[3 * n + 1], matches = stats[3 * n + 2];
            if (hypCount > 0 && refCount > 0) {
                effectiveOrder++;
                double precision = (double) matches / hypCount;
                double recall = (double) matches / refCount;
                double denominator = factor * precision + recall;
                sum += denominator > 0 ? (1 + factor) * precision * recall / denominator : 0;
            }
        }
        return effectiveOrder == 0 ? 0 : 100 * sum / effectiveOrder;
    }

    private static Map<String, Integer> grams(String text, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= text.length(); i++) {
            counts.merge(text.substring(i, i + n), 1, Integer::sum);
        }
        return counts;
    }

    private static String stripWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
