package io.mailtune.model.train;

/**
 * One training sequence: token ids and, per position, the weight of predicting that token from the ones before it
 * (zero for prompt tokens in supervised fine-tuning, the example's weight for reply tokens; position 0 is never
 * predicted).
 *
 * @param tokens  ids, at least two
 * @param weights loss weight per position, same length, finite and non-negative
 */
public record TokenSequence(int[] tokens, float[] weights) {

    /** Validates lengths and weights. */
    public TokenSequence {
        if (tokens == null || weights == null || tokens.length < 2 || tokens.length != weights.length) {
            throw new IllegalArgumentException("a training sequence needs at least 2 tokens and one weight per token, got "
                    + (tokens == null ? 0 : tokens.length) + " tokens and " + (weights == null ? 0 : weights.length) + " weights");
        }
        for (float w : weights) {
            if (!(w >= 0) || Float.isInfinite(w)) {
                throw new IllegalArgumentException("loss weights must be finite and >= 0, got " + w);
            }
        }
    }

    /** Every position after the first weighted 1, as in pre-training. */
    public static TokenSequence allTokens(int[] tokens) {
        float[] w = new float[tokens.length];
        java.util.Arrays.fill(w, 1, w.length, 1f);
        return new TokenSequence(tokens, w);
    }

    /** Number of tokens. */
    public int length() {
        return tokens.length;
    }

    /** Sum of the weights of predicted positions. */
    public double weightSum() {
        double s = 0;
        for (int i = 1; i < weights.length; i++) {
            s += weights[i];
        }
        return s;
    }
}
