package io.mailtune.model.train;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * A LoRA training run in its own JVM, for tests that kill it or starve its heap:
 * {@code TrainingChild <checkpoint dir> <checkpoint or "none"> <adapter out> <steps> <gc every N steps, 0 = never>
 * [pause ms after each step]}; the pause gives a test that kills the run time to do it mid-way.
 * Exits 0 when the run finished with finite losses.
 */
public final class TrainingChild {

    private TrainingChild() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        Path checkpoints = args[1].equals("none") ? null : Path.of(args[1]);
        Path out = Path.of(args[2]);
        int steps = Integer.parseInt(args[3]);
        int gcEvery = Integer.parseInt(args[4]);
        long pauseMillis = args.length > 5 ? Long.parseLong(args[5]) : 0;
        ModelConfig config = ConfigReader.read(base);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights weights = ModelWeights.fromCheckpoint(config, CheckpointTensors.open(base), m)) {
            weights.attach(LoraAdapter.initialise(config,
                    new LoraConfig(4, 8, EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), false, "tiny"), 5, false));
            TrainingOptions options = TrainingOptions.lora(steps, 42).withLearningRate(2e-3, 2e-4)
                    .withBatching(64, 8, 2).withCheckpoints(checkpoints == null ? 0 : 1, 0, 0);
            TrainingResult r = new Trainer(weights, TrainingMode.LORA, options, p -> {
                if (!Double.isFinite(p.loss())) {
                    System.err.println("non-finite loss at step " + p.step());
                    System.exit(3);
                }
                if (gcEvery > 0 && p.step() % gcEvery == 0) {
                    System.gc();
                }
                pause(pauseMillis);
            }).train(TrainerTest.copyTask(32, 1), List.of(), checkpoints);
            PeftFormat.write(weights.toAdapter(), out);
            System.out.println("finished " + r);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
