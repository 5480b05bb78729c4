package io.mailtune.model.train;

import java.util.List;

/**
 * Sequences padded on the right into one [batch, seq] block: inputs are tokens 0..n-2 of each sequence, targets
 * tokens 1..n-1 with their weights; padding has weight zero and is masked as a key.
 *
 * @param batch   rows
 * @param seq     columns (the longest input in the batch)
 * @param inputs  [batch·seq] input ids, padding 0
 * @param targets [batch·seq] target ids, padding 0
 * @param weights [batch·seq] loss weights, padding 0
 * @param lengths real input length of each row
 */
public record TrainingBatch(int batch, int seq, int[] inputs, int[] targets, float[] weights, int[] lengths) {

    /** Pads sequences into a batch. */
    public static TrainingBatch of(List<TokenSequence> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        int seq = 0;
        for (TokenSequence s : sequences) {
            seq = Math.max(seq, s.length() - 1);
        }
        int batch = sequences.size();
        int[] inputs = new int[batch * seq];
        int[] targets = new int[batch * seq];
        float[] weights = new float[batch * seq];
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            TokenSequence s = sequences.get(b);
            int n = s.length() - 1;
            lengths[b] = n;
            System.arraycopy(s.tokens(), 0, inputs, b * seq, n);
            System.arraycopy(s.tokens(), 1, targets, b * seq, n);
            System.arraycopy(s.weights(), 1, weights, b * seq, n);
        }
        return new TrainingBatch(batch, seq, inputs, targets, weights, lengths);
    }

    /** Positions with a positive loss weight. */
    public int weightedPositions() {
        int n = 0;
        for (float w : weights) {
            if (w > 0) {
                n++;
            }
        }
        return n;
    }

    /** Sum of the loss weights. */
    public double weightSum() {
        double s = 0;
        for (float w : weights) {
            s += w;
        }
        return s;
    }

    /** Real (non-padding) input tokens. */
    public long realTokens() {
        long n = 0;
        for (int len : lengths) {
            n += len;
        }
        return n;
    }
}
