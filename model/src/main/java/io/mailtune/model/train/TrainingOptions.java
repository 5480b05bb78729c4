package io.mailtune.model.train;

/**
 * The hyper-parameters of one training run.
 *
 * @param learningRate     peak learning rate, reached after warm-up
 * @param minLearningRate  the floor cosine decay ends at
 * @param weightDecay      AdamW's decoupled weight decay, applied to matrices only (not to norm weights)
 * @param beta1            first-moment decay
 * @param beta2            second-moment decay
 * @param adamEpsilon      denominator epsilon
 * @param warmupSteps      optimizer steps of linear warm-up
 * @param totalSteps       optimizer steps of the whole run (cosine decay ends here)
 * @param clipNorm         global gradient-norm clip, or 0 for none
 * @param accumulation     micro-batches per optimizer step
 * @param batchTokens      padded tokens per micro-batch (rows × longest row) the batcher aims at
 * @param maxBatchRows     most rows in one micro-batch
 * @param seed             seed of the data order
 * @param checkpointEvery  optimizer steps between resumable checkpoints, or 0 for none
 * @param evalEvery        optimizer steps between holdout evaluations, or 0 for none
 * @param patience         evaluations without improvement before stopping early, or 0 to never stop early
 */
public record TrainingOptions(double learningRate, double minLearningRate, double weightDecay, double beta1,
                              double beta2, double adamEpsilon, int warmupSteps, int totalSteps, double clipNorm,
                              int accumulation, int batchTokens, int maxBatchRows, long seed, int checkpointEvery,
                              int evalEvery, int patience) {

    /** Validates every range with the offending value in the message. */
    public TrainingOptions {
        if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("need 0 <= minLearningRate <= learningRate and learningRate > 0, got "
                    + minLearningRate + " and " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(adamEpsilon > 0)) {
            throw new IllegalArgumentException("betas must lie in [0, 1) and epsilon be > 0, got " + beta1 + ", " + beta2
                    + ", " + adamEpsilon);
        }
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need totalSteps >= 1 and 0 <= warmupSteps <= totalSteps, got "
                    + warmupSteps + " and " + totalSteps);
        }
        if (!(clipNorm >= 0)) {
            throw new IllegalArgumentException("clipNorm must be >= 0, got " + clipNorm);
        }
        if (accumulation < 1 || batchTokens < 2 || maxBatchRows < 1) {
            throw new IllegalArgumentException("accumulation, batchTokens and maxBatchRows must be positive, got "
                    + accumulation + ", " + batchTokens + ", " + maxBatchRows);
        }
        if (checkpointEvery < 0 || evalEvery < 0 || patience < 0) {
            throw new IllegalArgumentException("checkpointEvery, evalEvery and patience must be >= 0, got "
                    + checkpointEvery + ", " + evalEvery + ", " + patience);
        }
    }

    /** LoRA defaults: lr 2e-4 to 2e-5, decay 0.01, betas 0.9/0.999, 10 % warm-up, clip 1, 2048-token batches. */
    public static TrainingOptions lora(int totalSteps, long seed) {
        return new TrainingOptions(2e-4, 2e-5, 0.01, 0.9, 0.999, 1e-8, Math.max(1, totalSteps / 10), totalSteps, 1.0,
                1, 2048, 16, seed, 0, 0, 0);
    }

    /** The same options with another learning-rate range. */
    public TrainingOptions withLearningRate(double peak, double floor) {
        return new TrainingOptions(peak, floor, weightDecay, beta1, beta2, adamEpsilon, warmupSteps, totalSteps, clipNorm,
                accumulation, batchTokens, maxBatchRows, seed, checkpointEvery, evalEvery, patience);
    }

    /** The same options with other batch shapes and accumulation. */
    public TrainingOptions withBatching(int tokens, int rows, int micro) {
        return new TrainingOptions(learningRate, minLearningRate, weightDecay, beta1, beta2, adamEpsilon, warmupSteps,
                totalSteps, clipNorm, micro, tokens, rows, seed, checkpointEvery, evalEvery, patience);
    }

    /** The same options with another schedule length and warm-up. */
    public TrainingOptions withSteps(int total, int warmup) {
        return new TrainingOptions(learningRate, minLearningRate, weightDecay, beta1, beta2, adamEpsilon, warmup, total,
                clipNorm, accumulation, batchTokens, maxBatchRows, seed, checkpointEvery, evalEvery, patience);
    }

    /** The same options with checkpointing, evaluation and early stopping set. */
    public TrainingOptions withCheckpoints(int every, int evalEvery, int patience) {
        return new TrainingOptions(learningRate, minLearningRate, weightDecay, beta1, beta2, adamEpsilon, warmupSteps,
                totalSteps, clipNorm, accumulation, batchTokens, maxBatchRows, seed, every, evalEvery, patience);
    }

    /** The same options with other weight decay and clipping. */
    public TrainingOptions withRegularisation(double decay, double clip) {
        return new TrainingOptions(learningRate, minLearningRate, decay, beta1, beta2, adamEpsilon, warmupSteps,
                totalSteps, clip, accumulation, batchTokens, maxBatchRows, seed, checkpointEvery, evalEvery, patience);
    }

    /** Learning rate at optimizer step {@code step} (0-based): linear warm-up, then cosine decay to the floor. */
    public double learningRateAt(int step) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / (warmupSteps + 1);
        }
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return minLearningRate + 0.5 * (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress));
    }
}
