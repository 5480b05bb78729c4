package io.mailtune.model.runtime;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks one request's next tokens from logits, following its {@link SamplingOptions}. */
final class Sampler {

    private final SamplingOptions options;
    private final SplittableRandom random;

    Sampler(SamplingOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
    }

    /** The next token given the logits (modified in place) and the tokens seen so far (prompt and answer). */
    int next(float[] logits, int[] seen, int seenCount) {
        if (options.repetitionPenalty() != 1) {
            boolean[] done = new boolean[logits.length];
            float penalty = (float) options.repetitionPenalty();
            for (int i = 0; i < seenCount; i++) {
                int t = seen[i];
                if (t >= 0 && t < logits.length && !done[t]) {
                    logits[t] = logits[t] > 0 ? logits[t] / penalty : logits[t] * penalty;
                    done[t] = true;
                }
            }
        }
        if (options.temperature() == 0) {
            return argMax(logits);
        }
        int n = logits.length;
        Integer[] order = null;
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((logits[i] - max) / options.temperature());
        }
        int keep = n;
        if (options.topK() > 0 && options.topK() < n || options.topP() < 1) {
            order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            final double[] probs = p;
            Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
            if (options.topK() > 0) {
                keep = Math.min(keep, options.topK());
            }
            if (options.topP() < 1) {
                double total = 0;
                for (int i = 0; i < keep; i++) {
                    total += p[order[i]];
                }
                double cumulative = 0;
                for (int i = 0; i < keep; i++) {
                    cumulative += p[order[i]] / total;
                    if (cumulative >= options.topP()) {
                        keep = i + 1;
                        break;
                    }
                }
            }
        }
        double total = 0;
        for (int i = 0; i < keep; i++) {
            total += p[order == null ? i : order[i]];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            int t = order == null ? i : order[i];
            u -= p[t];
            if (u <= 0) {
                return t;
            }
        }
        return order == null ? keep - 1 : order[keep - 1];
    }

    /** log Σ exp(logits), computed without overflow. */
    static double logSumExp(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return max + Math.log(sum);
    }

    static int argMax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
