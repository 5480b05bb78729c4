package io.mailtune.ops.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.train.ModelWeights;
import io.mailtune.model.train.TokenSequence;
import io.mailtune.model.train.Trainer;
import io.mailtune.model.train.TrainingListener;
import io.mailtune.model.train.TrainingMode;
import io.mailtune.model.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput in one JVM: DJL's peak float32 matmul GFLOP/s (1024³, best of several), then LoRA training
 * (PEFT defaults: r=8, alpha=8, q_proj and v_proj) on the bundled model and on a random SmolLM2-135M-shaped model,
 * reporting tokens/s, achieved GFLOP/s ({@link TrainingFlops}) and its share of the peak, and the process's peak RSS.
 * Run: {@code java -cp <ops classpath> io.mailtune.ops.training.TrainingBenchmark [--model DIR] [bundled-batch
 * bundled-seq smol-batch smol-seq smol-steps]}; without {@code --model} it uses the bundled model.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] all) throws Exception {
        Path model = all.length > 1 && all[0].equals("--model") ? Path.of(all[1]) : null;
        String[] args = model == null ? all : java.util.Arrays.copyOfRange(all, 2, all.length);
        int bundledBatch = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int bundledSeq = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int smolBatch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int smolSeq = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        int smolSteps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        double peak = peakMatmulGflops();
        System.out.printf(Locale.ROOT, "peak matmul 1024^3 float32: %.1f GFLOP/s%n", peak);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Path dir = model != null ? model
                    : BundledModel.extractTo(Path.of(System.getProperty("java.io.tmpdir"), "mailtune-models"));
            ModelConfig bundled = ConfigReader.read(dir);
            try (ModelWeights w = ModelWeights.fromCheckpoint(bundled, CheckpointTensors.open(dir), m)) {
                report("bundled " + dir.getFileName(), w, bundledBatch, bundledSeq, 8, peak);
            }
            ModelConfig smol = ConfigReader.parse("""
                    {"model_type":"llama","vocab_size":49152,"hidden_size":576,"intermediate_size":1536,
                     "num_hidden_layers":30,"num_attention_heads":9,"num_key_value_heads":3,"rms_norm_eps":1e-5,
                     "rope_theta":100000,"tie_word_embeddings":true,"max_position_embeddings":2048}""");
            try (ModelWeights w = ModelWeights.initialise(smol, 1, m)) {
                report("SmolLM2-135M shape (random)", w, smolBatch, smolSeq, smolSteps, peak);
            }
        }
        System.out.printf(Locale.ROOT, "peak RSS of the process: %.0f MiB%n", peakRssKib() / 1024.0);
    }

    private static void report(String name, ModelWeights w, int batch, int seq, int steps, double peak) {
        LoraConfig lora = LoraConfig.defaults(name);
        w.attach(LoraAdapter.initialise(w.config(), lora, 3, false));
        SplittableRandom r = new SplittableRandom(5);
        List<TokenSequence> rows = new ArrayList<>();
        for (int i = 0; i < batch * (steps + 1); i++) {
            int[] t = new int[seq + 1];
            for (int j = 0; j < t.length; j++) {
                t[j] = r.nextInt(w.config().vocabSize());
            }
            rows.add(TokenSequence.allTokens(t));
        }
        TrainingOptions options = TrainingOptions.lora(steps + 1, 1).withBatching(batch * seq, batch, 1);
        List<Long> stamps = new ArrayList<>();
        new Trainer(w, TrainingMode.LORA, options, p -> stamps.add(System.nanoTime())).train(rows, List.of(), null);
        double seconds = (stamps.getLast() - stamps.getFirst()) / 1e9;  // the first step warms up and is left out
        double tokensPerSecond = (double) batch * seq * steps / seconds;
        double gflops = TrainingFlops.loraStep(w.config(), lora, batch, seq) * steps / seconds / 1e9;
        System.out.printf(Locale.ROOT, "%s, LoRA r=8 q/v, batch %d x %d: %.0f tokens/s, %.1f GFLOP/s = %.0f %% of peak"
                        + " (%.2f s/step over %d steps)%n", name, batch, seq, tokensPerSecond, gflops, 100 * gflops / peak,
                seconds / steps, steps);
    }

    private static double peakMatmulGflops() {
        double best = 0;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.randomUniform(-1, 1, new Shape(1024, 1024));
            NDArray b = m.randomUniform(-1, 1, new Shape(1024, 1024));
            for (int i = 0; i < 12; i++) {
                try (NDManager s = m.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(s);
                    c.getFloat(0, 0);
                    double sec = (System.nanoTime() - t0) / 1e9;
                    best = Math.max(best, 2.0 * 1024 * 1024 * 1024 / sec / 1e9);
                }
            }
        }
        return best;
    }

    private static long peakRssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
