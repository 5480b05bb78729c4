package io.mailtune.ops.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.mailtune.model.runtime.KvCache;
import io.mailtune.model.runtime.KvCachePool;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.LoadOptions;
import io.mailtune.model.runtime.Segment;
import io.mailtune.model.runtime.Transformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times decode steps of the SmolLM2-135M-shaped checkpoint in one JVM, interleaved so a shared machine's load falls
 * on every mode alike: one sequence; 8 sequences whose caches sit in separate pools (attention per sequence); and 8
 * sequences of one pool (attention batched), with one PyTorch intra-op thread as the generator decodes and, to see
 * whether the batch's larger matrix products would use the second core, with two. Each starts from a 16-token prompt
 * and decodes {@code rounds} x 20 steps, as in {@link ModelBenchmark}'s 8-request phase.
 *
 * <p>Arguments: {@code --dir <work dir>} (default target/model-bench; the checkpoint is written if missing),
 * {@code --rounds 5}.
 */
public final class DecodeStepBenchmark {

    private static final int PROMPT = 16;
    private static final int STEPS_PER_ROUND = 20;
    private static final int BATCH = 8;

    private DecodeStepBenchmark() {
    }

    private record Mode(String name, List<KvCache> caches, int threads, List<Double> millis) {
    }

    /** Runs the comparison and prints each mode's median step. */
    public static void main(String[] args) throws Exception {
        Path work = Path.of("target/model-bench");
        int rounds = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> work = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path checkpoint = work.resolve("smollm2-135m-random");
        if (!Files.exists(checkpoint.resolve("config.json"))) {
            SmolCheckpoint.write(checkpoint, 135);
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        JniUtils.setGradMode(false);
        int capacity = PROMPT + rounds * STEPS_PER_ROUND;
        try (LanguageModel model = LanguageModel.load(checkpoint,
                LoadOptions.defaults().withoutTokenizer().withMaxContext(2048))) {
            Transformer tf = model.transformer();
            List<KvCache> separate = new ArrayList<>();
            List<KvCache> pooled = new ArrayList<>();
            List<KvCache> pooledTwoThreads = new ArrayList<>();
            KvCachePool pool = tf.newCachePool(BATCH);
            KvCachePool secondPool = tf.newCachePool(BATCH);
            for (int i = 0; i < BATCH; i++) {
                separate.add(tf.newCache(capacity));
                pooled.add(pool.open(capacity));
                pooledTwoThreads.add(secondPool.open(capacity));
            }
            List<Mode> modes = List.of(
                    new Mode("1 sequence", List.of(tf.newCache(capacity)), 1, new ArrayList<>()),
                    new Mode(BATCH + " sequences, separate pools (attention per sequence)", separate, 1, new ArrayList<>()),
                    new Mode(BATCH + " sequences, one pool (attention batched)", pooled, 1, new ArrayList<>()),
                    new Mode(BATCH + " sequences, one pool, 2 intra-op threads", pooledTwoThreads, 2, new ArrayList<>()));
            SplittableRandom random = new SplittableRandom(1);
            for (Mode m : modes) {
                for (KvCache c : m.caches()) {
                    step(tf, random, List.of(c), PROMPT);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (Mode m : modes) {
                    JniUtils.setNumThreads(m.threads());
                    for (int s = 0; s < STEPS_PER_ROUND; s++) {
                        m.millis().add(step(tf, random, m.caches(), 1));
                    }
                }
            }
            double single = median(modes.get(0).millis());
            for (Mode m : modes) {
                double median = median(m.millis());
                int b = m.caches().size();
                System.out.printf("%-55s median step %6.1f ms -> %6.1f tokens/s = %.2f x single-stream%n",
                        m.name(), median, b * 1000 / median, b * single / median);
            }
            for (Mode m : modes) {
                m.caches().forEach(KvCache::close);
            }
        }
    }

    // One forward pass in which every cache's sequence adds `tokens` random tokens; returns its milliseconds.
    private static double step(Transformer tf, SplittableRandom random, List<KvCache> caches, int tokens) {
        int[] ids = new int[caches.size() * tokens];
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < caches.size(); i++) {
            segments.add(new Segment(caches.get(i), i * tokens, tokens, null));
        }
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(SmolCheckpoint.VOCAB);
        }
        long start = System.nanoTime();
        try (NDManager step = NDManager.newBaseManager("PyTorch")) {
            tf.forward(step, ids, segments, false).toFloatArray();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
