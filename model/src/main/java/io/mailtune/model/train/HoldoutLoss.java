package io.mailtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.mailtune.model.eval.LanguageModelLoss;
import java.util.List;

/** Mean token loss and perplexity of a model (with its attached adapter, if any) over holdout sequences. */
public final class HoldoutLoss {

    private HoldoutLoss() {
    }

    /**
     * Cross-entropy over the positions each sequence weights (for supervised examples encoded with prompt weight 0:
     * the reply tokens), accumulated as weighted loss over weighted token count.
     */
    public static LanguageModelLoss of(ModelWeights weights, List<TokenSequence> sequences, int batchTokens) {
        int maxSeq = 2;
        for (TokenSequence s : sequences) {
            maxSeq = Math.max(maxSeq, s.length() - 1);
        }
        LanguageModelLoss loss = new LanguageModelLoss();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (TrainingForward forward = new TrainingForward(weights, maxSeq);
             NDManager m = weights.manager().newSubManager()) {
            NDArray one = m.create(new float[] {1f}, new Shape(1));
            for (TrainingBatch b : LengthBuckets.batches(sequences, batchTokens, 64)) {
                try (NDManager step = m.newSubManager()) {
                    NDArray l = CausalLmLoss.weightedSum(step, forward, b, one);
                    if (l != null) {
                        loss.add(l.getFloat() / b.weightSum() * b.weightedPositions(), b.weightedPositions());
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return loss;
    }
}
