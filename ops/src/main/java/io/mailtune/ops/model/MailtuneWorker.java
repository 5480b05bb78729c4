package io.mailtune.ops.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.DecodeFormat;
import io.mailtune.model.runtime.GenerationRequest;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.LoadOptions;
import io.mailtune.model.runtime.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures Mailtune's runtime in its own JVM on one decode path: load, time to first token and prefill speed for a
 * long prompt, single-stream decode, decode with a LoRA adapter, and aggregate decode with concurrent requests,
 * all through the public {@link Generator} API.
 */
public final class MailtuneWorker {

    private MailtuneWorker() {
    }

    /**
     * Arguments: model dir, prompt length, decode tokens, concurrent requests, decode threads (PyTorch intra-op for
     * {@code torch} and {@code half}, the Vector API decoder's for the others), mode and prefill intra-op threads.
     * The mode picks the decode path: {@code torch} (DJL, float32), {@code half} (DJL with float16 weight copies),
     * {@code f32} or {@code q8} (the Vector API decoder); every key is suffixed with {@code _mode}.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int promptLength = Integer.parseInt(args[1]);
        int decodeTokens = Integer.parseInt(args[2]);
        int concurrent = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        String mode = args[5];
        int prefillThreads = Integer.parseInt(args[6]);
        LoadOptions options = LoadOptions.defaults().withoutTokenizer().withMaxContext(2048);
        options = switch (mode) {
            case "torch" -> options.withDecodeFormat(DecodeFormat.TORCH);
            case "half" -> options.withHalfDecode();
            case "f32" -> options.withDecodeFormat(DecodeFormat.VECTOR_F32);
            case "q8" -> options.withDecodeFormat(DecodeFormat.VECTOR_Q8);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        Measurements m = new Measurements();
        String k = "_" + mode;
        // The engine's own memory (PyTorch natives) is in the baseline, so the load peak is the weights' and the copies'.
        try (NDManager engine = NDManager.newBaseManager("PyTorch")) {
            engine.zeros(new Shape(1)).toFloatArray();
        }
        double baseline = Measurements.rssMiB();
        long start = System.nanoTime();
        try (LanguageModel model = LanguageModel.load(dir, options)) {
            m.put("load_s" + k, (System.nanoTime() - start) / 1e9);
            double weightMiB = ParameterCount.total(model.config()) * 4.0 / (1 << 20);
            m.put("load_peak_x_f32_weights" + k, (Measurements.peakRssMiB() - baseline) / weightMiB);
            int vocab = model.config().vocabSize();
            AdapterHandle adapters = new AdapterHandle(model);
            try (Generator generator = new Generator(model, adapters, new GeneratorOptions(concurrent, 64, 8192, threads, prefillThreads, threads))) {
                generator.generate(GenerationRequest.greedy(Measurements.tokens(64, vocab, 1), 16));
                double[] ttft = new double[3];
                for (int i = 0; i < ttft.length; i++) {
                    ttft[i] = firstTokenSeconds(generator, Measurements.tokens(promptLength, vocab, 10 + i));
                }
                double t = Measurements.median(ttft);
                m.put("ttft_s" + k, t);
                m.put("prefill_tok_s" + k, promptLength / t);
                m.put("decode_tok_s" + k, decodeRate(generator, List.of(Measurements.tokens(16, vocab, 20)), decodeTokens));
                List<int[]> prompts = new ArrayList<>();
                for (int i = 0; i < concurrent; i++) {
                    prompts.add(Measurements.tokens(16, vocab, 30 + i));
                }
                m.put("aggregate_tok_s" + k, decodeRate(generator, prompts, decodeTokens));
                adapters.install("bench-r8-qv", LoraAdapter.initialise(model.config(),
                        LoraConfig.defaults("bench"), 5, true));
                m.put("decode_lora_tok_s" + k, decodeRate(generator, List.of(Measurements.tokens(16, vocab, 20)), decodeTokens));
            }
        }
        m.put("peak_rss_mib" + k, Measurements.peakRssMiB());
    }

    private static double firstTokenSeconds(Generator generator, int[] prompt) throws Exception {
        AtomicLong first = new AtomicLong();
        long start = System.nanoTime();
        generator.submit(new GenerationRequest(prompt, SamplingOptions.greedy(), 1, Set.of(), List.of(),
                (token, text) -> first.compareAndSet(0, System.nanoTime()))).result().get(10, TimeUnit.MINUTES);
        return (first.get() - start) / 1e9;
    }

    // Tokens per second while all requests decode together: requests x 1 / the median time between two steps
    // (each step gives every running request one token). The median keeps a shared machine's stalls out.
    private static double decodeRate(Generator generator, List<int[]> prompts, int tokens) throws Exception {
        int n = prompts.size();
        CountDownLatch allStarted = new CountDownLatch(n);
        AtomicLong firstFinished = new AtomicLong(Long.MAX_VALUE);
        List<Long> steps = new ArrayList<>();
        List<Generator.Generation> runs = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            boolean timed = r == 0;
            int[] seen = {0};
            runs.add(generator.submit(new GenerationRequest(prompts.get(r), SamplingOptions.greedy(), tokens, Set.of(),
                    List.of(), (token, text) -> {
                        long now = System.nanoTime();
                        if (++seen[0] == 1) {
                            allStarted.countDown();
                        }
                        if (timed && allStarted.getCount() == 0) {
                            steps.add(now);
                        }
                        if (seen[0] == tokens) {
                            firstFinished.accumulateAndGet(now, Math::min);
                        }
                    })));
        }
        for (Generator.Generation g : runs) {
            g.result().get(10, TimeUnit.MINUTES);
        }
        List<Double> intervals = new ArrayList<>();
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) <= firstFinished.get()) {
                intervals.add((steps.get(i) - steps.get(i - 1)) / 1e9);
            }
        }
        return n / Measurements.median(intervals.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
