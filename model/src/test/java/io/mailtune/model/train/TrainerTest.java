package io.mailtune.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.fixtures.TinyModel;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir
    Path dir;

    /** Prompt of random ids, reply a fixed function of the prompt, loss on the reply only. */
    static List<TokenSequence> copyTask(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TokenSequence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = 3 + r.nextInt(4);
            int[] tokens = new int[2 * n + 1];
            float[] w = new float[tokens.length];
            for (int j = 0; j < n; j++) {
                tokens[j] = 5 + r.nextInt(20);
            }
            tokens[n] = 3;
            for (int j = 0; j < n; j++) {
                tokens[n + 1 + j] = tokens[j] + 30;
                w[n + 1 + j] = 1f;
            }
            out.add(new TokenSequence(tokens, w));
        }
        return out;
    }

    private TinyModel.Written tiny() {
        return TinyModel.write(dir.resolve("base"), TinyModel.llamaConfig(true), 11, DType.F32);
    }

    private static LoraConfig loraConfig() {
        return new LoraConfig(4, 8, EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), false, "tiny");
    }

    private static TrainingOptions options(int steps) {
        return TrainingOptions.lora(steps, 42).withLearningRate(1e-2, 1e-3).withBatching(64, 8, 2);
    }

    @Test
    void loraTrainingLowersHoldoutLossAndLeavesTheBaseBitIdentical() {
        TinyModel.Written w = tiny();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(w.config(), CheckpointTensors.open(w.dir()), m)) {
            List<HostTensor> before = weights.baseToHost();
            weights.attach(LoraAdapter.initialise(w.config(), loraConfig(), 5, false));
            Trainer trainer = new Trainer(weights, TrainingMode.LORA, options(40).withCheckpoints(0, 40, 0),
                    TrainingListener.none());
            List<TokenSequence> holdout = copyTask(16, 99);
            double initial;
            try (TrainingForward f = new TrainingForward(weights, 16)) {
                initial = trainer.evaluate(f, LengthBuckets.batches(holdout, 64, 8));
            }
            TrainingResult result = trainer.train(copyTask(64, 1), holdout, null);
            assertTrue(result.bestHoldoutLoss().getAsDouble() < initial - 1.0,
                    "holdout loss " + result.bestHoldoutLoss() + " vs initial " + initial);
            List<HostTensor> after = weights.baseToHost();
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i).data(), after.get(i).data(), before.get(i).name());
            }
        }
    }

    @Test
    void theSameDataAndSeedGiveIdenticalAdapterBytes() throws Exception {
        TinyModel.Written w = tiny();
        byte[] first = trainAdapter(w, dir.resolve("a"));
        byte[] second = trainAdapter(w, dir.resolve("b"));
        assertArrayEquals(first, second);
    }

    private static byte[] trainAdapter(TinyModel.Written w, Path out) throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(w.config(), CheckpointTensors.open(w.dir()), m)) {
            weights.attach(LoraAdapter.initialise(w.config(), loraConfig(), 5, false));
            new Trainer(weights, TrainingMode.LORA, options(12), TrainingListener.none()).train(copyTask(32, 1), List.of(), null);
            PeftFormat.write(weights.toAdapter(), out);
            return Files.readAllBytes(out.resolve(PeftFormat.WEIGHTS_FILE));
        }
    }

    @Test
    void pretrainingFromScratchLowersTheLoss() {
        ModelConfig c = tiny().config();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.initialise(c, 3, m)) {
            int[] stream = new int[600];
            for (int i = 0; i < stream.length; i++) {
                stream[i] = 5 + (i % 7) * 3;
            }
            List<TokenSequence> rows = LengthBuckets.pack(stream, 24);
            List<Double> losses = new ArrayList<>();
            TrainingOptions o = options(30).withLearningRate(3e-3, 3e-4).withRegularisation(0.1, 1.0);
            new Trainer(weights, TrainingMode.FULL, o, p -> losses.add(p.loss())).train(rows, List.of(), null);
            assertEquals(30, losses.size());
            assertTrue(losses.getLast() < losses.getFirst() * 0.5, "losses " + losses);
        }
    }

    @Test
    void holdoutLossThatStopsImprovingEndsTheRunEarlyWithTheBestWeightsInPlace() {
        TinyModel.Written w = tiny();
        List<TokenSequence> holdout = new ArrayList<>();
        for (TokenSequence s : copyTask(16, 99)) {
            int[] t = s.tokens().clone();
            for (int i = 0; i < t.length; i++) {
                t[i] = s.weights()[i] > 0 ? t[i] + 1 : t[i]; // a neighbouring mapping the training data contradicts
            }
            holdout.add(new TokenSequence(t, s.weights()));
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(w.config(), CheckpointTensors.open(w.dir()), m)) {
            weights.attach(LoraAdapter.initialise(w.config(), loraConfig(), 5, false));
            List<Double> evaluated = new ArrayList<>();
            Trainer trainer = new Trainer(weights, TrainingMode.LORA, options(200).withCheckpoints(0, 2, 2),
                    p -> p.holdoutLoss().ifPresent(evaluated::add));
            TrainingResult result = trainer.train(copyTask(64, 1), holdout, null);
            assertTrue(result.stoppedEarly() && result.steps() < 200, "ran " + result.steps() + " steps: " + evaluated);
            double best = evaluated.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            assertEquals(best, result.bestHoldoutLoss().getAsDouble());
            try (TrainingForward f = new TrainingForward(weights, 16)) {
                assertEquals(best, trainer.evaluate(f, LengthBuckets.batches(holdout, 64, 8)), 1e-5);
            }
        }
    }

    @Test
    void holdoutLossAndPerplexityAgreeWithTheTrainersEvaluation() {
        TinyModel.Written w = tiny();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(w.config(), CheckpointTensors.open(w.dir()), m)) {
            List<TokenSequence> holdout = copyTask(16, 99);
            var loss = HoldoutLoss.of(weights, holdout, 64);
            double expected;
            try (TrainingForward f = new TrainingForward(weights, 16)) {
                expected = new Trainer(weights, TrainingMode.FULL, options(1), TrainingListener.none())
                        .evaluate(f, LengthBuckets.batches(holdout, 64, 8));
            }
            assertEquals(expected, loss.meanLoss(), 1e-4);
            assertEquals(Math.exp(expected), loss.perplexity(), 1e-3);
        }
    }

    @Test
    void loraTrainingWithoutAnAttachedAdapterIsRejected() {
        TinyModel.Written w = tiny();
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(w.config(), CheckpointTensors.open(w.dir()), m)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(weights, TrainingMode.LORA, options(1), TrainingListener.none()));
            assertFalse(e.getMessage().isBlank());
        }
    }
}
