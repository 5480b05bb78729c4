package io.mailtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Weighted next-token cross-entropy of a batch. Only positions with a positive weight reach the output head, so
 * prompt tokens of a supervised example cost no [V]-wide logits.
 */
final class CausalLmLoss {

    private CausalLmLoss() {
    }

    /**
     * The summed weighted loss Σ wᵢ·(−log p(targetᵢ)) times {@code scale} (an NDArray, never a Java scalar), as a
     * one-element array that autograd can differentiate. Returns null when no position carries weight.
     */
    static NDArray weightedSum(NDManager step, TrainingForward forward, TrainingBatch b, NDArray scale) {
        int n = b.weightedPositions();
        if (n == 0) {
            return null;
        }
        int[] rows = new int[n];
        int[] targets = new int[n];
        float[] w = new float[n];
        int at = 0;
        for (int i = 0; i < b.weights().length; i++) {
            if (b.weights()[i] > 0) {
                rows[at] = i;
                targets[at] = b.targets()[i];
                w[at++] = b.weights()[i];
            }
        }
        NDArray hidden = forward.hidden(step, b.inputs(), b.batch(), b.seq(), b.lengths());
        long h = hidden.getShape().get(2);
        NDArray picked = TrainingForward.gather(step.create(rows), hidden.reshape(-1, h)); // [n, H]
        NDArray logProbs = forward.logits(picked).logSoftmax(-1);                      // [n, V]
        NDArray target = logProbs.gather(step.create(targets, new Shape(n, 1)), 1).reshape(n); // [n]
        return target.mul(step.create(w)).sum().neg().mul(scale);
    }
}
