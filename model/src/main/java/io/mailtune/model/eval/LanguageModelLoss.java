package io.mailtune.model.eval;

/**
 * Mean token cross-entropy over a holdout set and its perplexity, accumulated batch by batch.
 */
public final class LanguageModelLoss {

    private double lossSum;
    private long tokens;

    /** Adds a batch: the summed per-token loss (natural log) and the number of target tokens it covers. */
    public void add(double summedLoss, long targetTokens) {
        if (targetTokens < 0 || Double.isNaN(summedLoss) || summedLoss < 0) {
            throw new IllegalArgumentException("a batch needs a non-negative loss and token count, got "
                    + summedLoss + " over " + targetTokens);
        }
        lossSum += summedLoss;
        tokens += targetTokens;
    }

    /** Mean loss per target token. */
    public double meanLoss() {
        if (tokens == 0) {
            throw new IllegalStateException("no target tokens were added");
        }
        return lossSum / tokens;
    }

    /** e to the mean loss. */
    public double perplexity() {
        return Math.exp(meanLoss());
    }

    /** Target tokens counted so far. */
    public long tokens() {
        return tokens;
    }
}
