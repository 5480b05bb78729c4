package io.mailtune.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.mailtune.model.checkpoint.HostTensor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * The training loop shared by LoRA fine-tuning, full fine-tuning and pre-training: length-bucketed micro-batches in
 * a seeded order, weighted next-token loss, gradient accumulation, global-norm clipping, AdamW with warm-up and
 * cosine decay, holdout evaluation with early stopping (the best weights are kept), resumable checkpoints and a
 * progress listener. The same data, options and seed give the same weights on the same machine.
 */
public final class Trainer {

    private final ModelWeights weights;
    private final TrainingMode mode;
    private final TrainingOptions options;
    private final TrainingListener listener;

    /** A trainer for {@code weights}; with {@link TrainingMode#LORA} an adapter must be attached to them. */
    public Trainer(ModelWeights weights, TrainingMode mode, TrainingOptions options, TrainingListener listener) {
        if (weights == null || mode == null || options == null || listener == null) {
            throw new IllegalArgumentException("weights, mode, options and listener are required");
        }
        if (mode == TrainingMode.LORA && weights.loraConfig() == null) {
            throw new IllegalArgumentException("LoRA training needs an adapter attached to the weights");
        }
        this.weights = weights;
        this.mode = mode;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Trains on {@code training}, evaluating {@code holdout} (may be empty) every {@code evalEvery} steps. With a
     * non-null {@code checkpointDir} a snapshot is written every {@code checkpointEvery} steps and a run finds and
     * resumes the latest one there. Sequences longer than {@code forward}'s maximum are rejected.
     */
    public TrainingResult train(List<TokenSequence> training, List<TokenSequence> holdout, Path checkpointDir) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training sequences");
        }
        int maxSeq = 2;
        for (TokenSequence s : training) {
            maxSeq = Math.max(maxSeq, s.length() - 1);
        }
        for (TokenSequence s : holdout) {
            maxSeq = Math.max(maxSeq, s.length() - 1);
        }
        if (maxSeq > weights.config().maxPositions()) {
            throw new IllegalArgumentException("a sequence of " + (maxSeq + 1) + " tokens exceeds the model's "
                    + weights.config().maxPositions() + " positions");
        }
        List<TrainingBatch> batches = LengthBuckets.batches(training, options.batchTokens(), options.maxBatchRows());
        List<TrainingBatch> holdoutBatches = holdout.isEmpty() ? List.of()
                : LengthBuckets.batches(holdout, options.batchTokens(), options.maxBatchRows());
        Map<String, NDArray> params = mode == TrainingMode.LORA ? weights.loraWeights() : weights.baseWeights();
        for (NDArray p : params.values()) {
            p.setRequiresGradient(true);
        }
        try (TrainingForward forward = new TrainingForward(weights, maxSeq);
             AdamW adam = new AdamW(weights.manager(), params, options.beta1(), options.beta2(), options.adamEpsilon(),
                     options.weightDecay())) {
            Map<String, HostTensor> best = new LinkedHashMap<>();
            TrainingState state = checkpointDir == null ? null : TrainingState.read(checkpointDir, params, adam, best);
            int resumed = state == null ? 0 : state.step();
            int step = resumed;
            double bestLoss = state == null ? Double.NaN : state.bestHoldoutLoss();
            int stale = state == null ? 0 : state.staleEvaluations();
            double lastLoss = state == null ? Double.NaN : state.lastLoss();
            boolean stopped = false;
            long started = System.nanoTime();
            long tokens = 0;
            List<TrainingBatch> order = new ArrayList<>();
            int orderEpoch = -1;
            while (step < options.totalSteps()) {
                double lr = options.learningRateAt(step);
                List<TrainingBatch> micro = new ArrayList<>();
                for (int i = 0; i < options.accumulation(); i++) {
                    long index = (long) step * options.accumulation() + i;
                    int epoch = (int) (index / batches.size());
                    if (epoch != orderEpoch) {
                        order = new ArrayList<>(batches);
                        Collections.shuffle(order, new Random(options.seed() * 1_000_003L + epoch));
                        orderEpoch = epoch;
                    }
                    micro.add(order.get((int) (index % batches.size())));
                }
                lastLoss = optimizerStep(forward, adam, params, micro, lr, step + 1);
                if (!Double.isFinite(lastLoss)) {
                    throw new IllegalStateException("training loss became " + lastLoss + " at step " + (step + 1));
                }
                step++;
                for (TrainingBatch b : micro) {
                    tokens += b.realTokens();
                }
                OptionalDouble evaluated = OptionalDouble.empty();
                if (!holdoutBatches.isEmpty() && options.evalEvery() > 0
                        && (step % options.evalEvery() == 0 || step == options.totalSteps())) {
                    double loss = evaluate(forward, holdoutBatches);
                    evaluated = OptionalDouble.of(loss);
                    if (Double.isNaN(bestLoss) || loss < bestLoss) {
                        bestLoss = loss;
                        stale = 0;
                        best.clear();
                        params.forEach((n, a) -> best.put(n, ModelWeights.host(n, a)));
                    } else {
                        stale++;
                        if (options.patience() > 0 && stale >= options.patience()) {
                            stopped = true;
                        }
                    }
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                double perStep = elapsed / (step - resumed);
                listener.onProgress(new TrainingProgress(step, options.totalSteps(), lastLoss, lr, tokens / elapsed,
                        Duration.ofMillis((long) (perStep * (options.totalSteps() - step) * 1000)), evaluated));
                if (checkpointDir != null && options.checkpointEvery() > 0
                        && (step % options.checkpointEvery() == 0 || stopped)) {
                    new TrainingState(step, bestLoss, stale, lastLoss).write(checkpointDir, params, adam, best);
                }
                if (stopped) {
                    break;
                }
            }
            if (!best.isEmpty()) {
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    TrainingState.overwrite(e.getValue(), best.get(e.getKey()).data());
                }
            }
            return new TrainingResult(step, lastLoss,
                    Double.isNaN(bestLoss) ? OptionalDouble.empty() : OptionalDouble.of(bestLoss), stopped, resumed);
        } finally {
            for (NDArray p : params.values()) {
                p.setRequiresGradient(false);
            }
        }
    }

    // Forward and backward over each micro-batch (gradients add up in place), then one clipped AdamW update.
    private double optimizerStep(TrainingForward forward, AdamW adam, Map<String, NDArray> params,
                                 List<TrainingBatch> micro, double lr, int t) {
        double total = 0;
        for (TrainingBatch b : micro) {
            total += b.weightSum();
        }
        if (total <= 0) {
            return 0;
        }
        double loss = 0;
        try (NDManager step = weights.manager().newSubManager()) {
            NDArray scale = step.create(new float[] {(float) (1 / total)}, new Shape(1));
            for (TrainingBatch b : micro) {
                try (NDManager microStep = step.newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray l = CausalLmLoss.weightedSum(microStep, forward, b, scale);
                    if (l != null) {
                        collector.backward(l);
                        loss += l.getFloat();
                    }
                }
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            double squares = 0;
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray g = e.getValue().getGradient();
                g.attach(step);
                grads.put(e.getKey(), g);
                NDArray sq = g.square().sum();
                squares += sq.getFloat();
            }
            double norm = Math.sqrt(squares);
            double clip = options.clipNorm() > 0 && norm > options.clipNorm() ? options.clipNorm() / (norm + 1e-6) : 1.0;
            adam.update(step, grads, clip, lr, t);
            for (NDArray g : grads.values()) {
                g.subi(g);
            }
        }
        return loss;
    }

    /** Mean weighted token loss over the batches, without gradients. */
    public double evaluate(TrainingForward forward, List<TrainingBatch> batches) {
        double sum = 0;
        double weight = 0;
        boolean gradMode = JniUtils.isGradMode(); // per thread; off, so evaluation records no graph
        JniUtils.setGradMode(false);
        try (NDManager step = weights.manager().newSubManager()) {
            NDArray one = step.create(new float[] {1f}, new Shape(1));
            for (TrainingBatch b : batches) {
                try (NDManager micro = step.newSubManager()) {
                    NDArray l = CausalLmLoss.weightedSum(micro, forward, b, one);
                    if (l != null) {
                        sum += l.getFloat();
                        weight += b.weightSum();
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }
}
