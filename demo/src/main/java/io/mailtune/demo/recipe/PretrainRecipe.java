package io.mailtune.demo.recipe;

import io.mailtune.demo.brightcart.DemoSeeds;

/**
 * Every setting of the bundled drafter's training, so the recipe file can state them and a rerun can repeat them.
 *
 * @param companySeed      seed of the synthetic training companies ({@link #HELD_OUT_COMPANY_SEED} is never trained on)
 * @param companies        synthetic companies trained on (indices 0..n-1)
 * @param casesPerCompany  generated emails per training company
 * @param validationCompanies companies after those (same seed, unseen in training) for holdout loss
 * @param demoCases        demo-company cases trained on ({@code DemoSeeds.TRAINING}; the evaluation seed is never used)
 * @param caseSeed         seed of the emails to each company
 * @param vocabSize        byte-level BPE vocabulary, special tokens included
 * @param tokenizerExamples examples whose prompt and target texts train the tokenizer
 * @param hiddenSize       model width
 * @param layers           decoder blocks
 * @param heads            query heads
 * @param kvHeads          key/value heads
 * @param intermediateSize SwiGLU width
 * @param maxPositions     context length written to config.json
 * @param initSeed         seed of the initial weights
 * @param promptWeight     loss weight of prompt tokens (target tokens weigh 1)
 * @param maxTokens        longest training sequence; longer examples are left out
 * @param steps            optimizer steps
 * @param warmupSteps      warm-up steps
 * @param learningRate     peak learning rate
 * @param minLearningRate  final learning rate of the cosine decay
 * @param weightDecay      AdamW weight decay
 * @param batchTokens      padded tokens per micro-batch
 * @param maxBatchRows     rows per micro-batch at most
 * @param evalEvery        steps between validation evaluations (and checkpoints)
 * @param orderSeed        seed of the batch order
 */
public record PretrainRecipe(long companySeed, int companies, int casesPerCompany, int validationCompanies, int demoCases,
                             long caseSeed, int vocabSize, int tokenizerExamples, int hiddenSize, int layers, int heads,
                             int kvHeads, int intermediateSize, int maxPositions, long initSeed, float promptWeight,
                             int maxTokens, int steps, int warmupSteps, double learningRate, double minLearningRate,
                             double weightDecay, int batchTokens, int maxBatchRows, int evalEvery, long orderSeed) {

    /** Seed of the synthetic companies drafts are measured on; no recipe trains on it. */
    public static final long HELD_OUT_COMPANY_SEED = 90_000_001L;

    /** Validates what the other types do not already check. */
    public PretrainRecipe {
        if (companies < 1 || casesPerCompany < 1 || validationCompanies < 1 || demoCases < 0 || tokenizerExamples < 1) {
            throw new IllegalArgumentException("company and case counts must be positive, got " + companies + ", "
                    + casesPerCompany + ", " + validationCompanies + ", " + demoCases + ", " + tokenizerExamples);
        }
        if (companySeed == HELD_OUT_COMPANY_SEED) {
            throw new IllegalArgumentException("the held-out company seed " + HELD_OUT_COMPANY_SEED + " must not be trained on");
        }
        if (steps < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("steps and evalEvery must be positive, got " + steps + " and " + evalEvery);
        }
    }

    /** The recipe of the committed bundled model. */
    public static PretrainRecipe bundled() {
        return new PretrainRecipe(20_261_201L, 160, 30, 4, 1200, 5L, 8192, 2000, 256, 4, 8, 4, 688,
                1024, 1L, 0.05f, 1024, 450, 40, 2e-3, 1e-4, 0.1, 4096, 16, 75, 7L);
    }

    /** A recipe with fewer companies and steps (and the same kind of shapes), for tests and throughput probes. */
    public PretrainRecipe scaledTo(int companyCount, int cases, int stepCount, int vocab, int hidden, int layerCount) {
        return new PretrainRecipe(companySeed, companyCount, cases, 1, Math.min(demoCases, cases), caseSeed, vocab,
                Math.min(tokenizerExamples, companyCount * cases), hidden, layerCount, heads, kvHeads, hidden * 3,
                maxPositions, initSeed, promptWeight, maxTokens, stepCount, Math.max(1, stepCount / 10), learningRate,
                minLearningRate, weightDecay, batchTokens, maxBatchRows, Math.max(1, stepCount / 2), orderSeed);
    }

    /** The same recipe with another step count (warm-up and evaluation interval capped to it). */
    public PretrainRecipe withSteps(int stepCount) {
        return new PretrainRecipe(companySeed, companies, casesPerCompany, validationCompanies, demoCases, caseSeed,
                vocabSize, tokenizerExamples, hiddenSize, layers, heads, kvHeads, intermediateSize, maxPositions, initSeed,
                promptWeight, maxTokens, stepCount, Math.min(warmupSteps, stepCount), learningRate, minLearningRate,
                weightDecay, batchTokens, maxBatchRows, Math.min(evalEvery, stepCount), orderSeed);
    }

    /** The demo seed trained on. */
    public long demoSeed() {
        return DemoSeeds.TRAINING;
    }
}
