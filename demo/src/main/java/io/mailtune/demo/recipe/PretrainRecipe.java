package io.mailtune.demo.recipe;

/**
 * Every setting of the bundled model's pre-training, so the recipe file can state them and a rerun can repeat them.
 *
 * @param dataSeed         generator seed of the training emails ({@code DemoSeeds.TRAINING}; the evaluation seed
 *                         is never used here)
 * @param trainingCases    generated cases trained on (indices 0..n-1 of the seed)
 * @param validationCases  cases after those (same seed, unseen in training) for holdout loss and early stopping
 * @param articleRepeats   how often each help article's full text joins the data as a plain document
 * @param vocabSize        byte-level BPE vocabulary, special tokens included
 * @param tokenizerCases   cases whose prompt and reply texts train the tokenizer
 * @param hiddenSize       model width
 * @param layers           decoder blocks
 * @param heads            query heads
 * @param kvHeads          key/value heads
 * @param intermediateSize SwiGLU width
 * @param maxPositions     context length written to config.json
 * @param initSeed         seed of the initial weights
 * @param promptWeight     loss weight of prompt tokens (reply tokens weigh 1)
 * @param maxTokens        longest training sequence; longer examples are left out
 * @param steps            optimizer steps
 * @param warmupSteps      warm-up steps
 * @param learningRate     peak learning rate
 * @param minLearningRate  final learning rate of the cosine decay
 * @param weightDecay      AdamW weight decay
 * @param batchTokens      padded tokens per micro-batch
 * @param maxBatchRows     rows per micro-batch at most
 * @param evalEvery        steps between validation evaluations
 * @param orderSeed        seed of the batch order
 */
public record PretrainRecipe(long dataSeed, int trainingCases, int validationCases, int articleRepeats, int vocabSize,
                             int tokenizerCases, int hiddenSize, int layers, int heads, int kvHeads,
                             int intermediateSize, int maxPositions, long initSeed, float promptWeight, int maxTokens,
                             int steps, int warmupSteps, double learningRate, double minLearningRate,
                             double weightDecay, int batchTokens, int maxBatchRows, int evalEvery, long orderSeed) {

    /** Validates what the other types do not already check. */
    public PretrainRecipe {
        if (trainingCases < 1 || validationCases < 1 || tokenizerCases < 1 || articleRepeats < 0) {
            throw new IllegalArgumentException("case counts must be positive and articleRepeats >= 0, got "
                    + trainingCases + ", " + validationCases + ", " + tokenizerCases + ", " + articleRepeats);
        }
        if (steps < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("steps and evalEvery must be positive, got " + steps + " and " + evalEvery);
        }
    }

    /** The recipe of the committed bundled model. */
    public static PretrainRecipe bundled() {
        return new PretrainRecipe(io.mailtune.demo.brightcart.DemoSeeds.TRAINING, 16_000, 96, 8, 8192, 3000, 256, 4, 8, 4, 688,
                1024, 1L, 0.2f, 640, 1400, 80, 2e-3, 1e-4, 0.1, 4096, 32, 200, 7L);
    }

    /** A recipe with fewer cases and steps (and the same shapes), for tests and throughput probes. */
    public PretrainRecipe scaledTo(int cases, int stepCount, int vocab, int hidden, int layerCount) {
        return new PretrainRecipe(dataSeed, cases, Math.max(8, cases / 20), Math.min(articleRepeats, 1), vocab,
                Math.min(tokenizerCases, cases), hidden, layerCount, heads, kvHeads, hidden * 3, maxPositions, initSeed,
                promptWeight, maxTokens, stepCount, Math.max(1, stepCount / 10), learningRate, minLearningRate,
                weightDecay, batchTokens, maxBatchRows, Math.max(1, stepCount / 2), orderSeed);
    }
}
