package io.mailtune.trainer.run;

import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.train.TrainingOptions;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The hyper-parameters of a run, stored with it. Steps come from the data: {@code epochs} passes over the training
 * tokens in {@code batchTokens}-token micro-batches, clamped to {@code [minSteps, maxSteps]}.
 *
 * @param rank             LoRA r
 * @param alpha            lora_alpha
 * @param targets          adapted projections (PEFT module names)
 * @param epochs           passes over the training data
 * @param minSteps         fewest optimizer steps
 * @param maxSteps         most optimizer steps
 * @param learningRate     peak learning rate
 * @param minLearningRate  floor of the cosine decay
 * @param batchTokens      padded tokens per micro-batch
 * @param maxBatchRows     most rows per micro-batch
 * @param seed             seed of the adapter's initial A factors and the batch order
 * @param checkpointEvery  optimizer steps between resumable checkpoints
 * @param maxSequenceTokens examples longer than this are left out of training
 * @param divergenceFactor the run aborts when, after warm-up, a step's loss exceeds this many times the first step's
 */
public record RunSettings(int rank, double alpha, List<String> targets, double epochs, int minSteps, int maxSteps,
                          double learningRate, double minLearningRate, int batchTokens, int maxBatchRows, long seed,
                          int checkpointEvery, int maxSequenceTokens, double divergenceFactor) {

    /** Validates the settings that {@link LoraConfig} and {@link TrainingOptions} do not check themselves. */
    public RunSettings {
        targets = List.copyOf(targets);
        if (!(epochs > 0)) {
            throw new IllegalArgumentException("mailtune.trainer.training.epochs must be positive, was " + epochs);
        }
        if (minSteps < 1 || maxSteps < minSteps) {
            throw new IllegalArgumentException("need 1 <= mailtune.trainer.training.min-steps <= max-steps, got " + minSteps + " and " + maxSteps);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("mailtune.trainer.training.checkpoint-every must be >= 0, was " + checkpointEvery);
        }
        if (maxSequenceTokens < 16) {
            throw new IllegalArgumentException("mailtune.trainer.training.max-sequence-tokens must be at least 16, was " + maxSequenceTokens);
        }
        if (!(divergenceFactor > 1)) {
            throw new IllegalArgumentException("mailtune.trainer.training.divergence-factor must be > 1, was " + divergenceFactor);
        }
        Set<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        for (String t : targets) {
            set.add(LoraTarget.fromModuleName(t));
        }
        new LoraConfig(rank, alpha, set, false, "check"); // validates rank, alpha and targets
    }

    /** The adapter's configuration. */
    public LoraConfig lora(String baseModel) {
        Set<LoraTarget> set = EnumSet.noneOf(LoraTarget.class);
        for (String t : targets) {
            set.add(LoraTarget.fromModuleName(t));
        }
        return new LoraConfig(rank, alpha, set, false, baseModel);
    }

    /** Optimizer steps for {@code trainingTokens} tokens of training data. */
    public int steps(long trainingTokens) {
        long raw = (long) Math.ceil(epochs * trainingTokens / batchTokens);
        return (int) Math.max(minSteps, Math.min(maxSteps, raw));
    }

    /** The training options for a run of {@code steps} steps. */
    public TrainingOptions options(int steps) {
        return TrainingOptions.lora(steps, seed).withLearningRate(learningRate, minLearningRate)
                .withBatching(batchTokens, maxBatchRows, 1).withCheckpoints(checkpointEvery, 0, 0);
    }
}
