package io.mailtune.ops.model;

import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.runtime.AdapterHandle;
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
 * Measures Mailtune's runtime (DJL PyTorch) in its own JVM: load, time to first token and prefill speed for a
 * long prompt, single-stream decode, decode with a LoRA adapter, and aggregate decode with concurrent requests,
 * all through the public {@link Generator} API.
 */
public final class MailtuneWorker {

    private MailtuneWorker() {
    }

    /** Arguments: model dir, prompt length, decode tokens, concurrent requests, intra-op threads. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int promptLength = Integer.parseInt(args[1]);
        int decodeTokens = Integer.parseInt(args[2]);
        int concurrent = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Measurements m = new Measurements();
        long start = System.nanoTime();
        try (LanguageModel model = LanguageModel.load(dir, LoadOptions.defaults().withoutTokenizer().withMaxContext(2048))) {
            m.put("load_s", (System.nanoTime() - start) / 1e9);
            int vocab = model.config().vocabSize();
            AdapterHandle adapters = new AdapterHandle(model);
            try (Generator generator = new Generator(model, adapters, new GeneratorOptions(concurrent, 64, 8192, threads))) {
                generator.generate(GenerationRequest.greedy(Measurements.tokens(64, vocab, 1), 16));
                double[] ttft = new double[3];
                for (int i = 0; i < ttft.length; i++) {
                    ttft[i] = firstTokenSeconds(generator, Measurements.tokens(promptLength, vocab, 10 + i));
                }
                double t = Measurements.median(ttft);
                m.put("ttft_s", t);
                m.put("prefill_tok_s", promptLength / t);
                m.put("decode_tok_s", decodeRate(generator, List.of(Measurements.tokens(16, vocab, 20)), decodeTokens));
                List<int[]> prompts = new ArrayList<>();
                for (int i = 0; i < concurrent; i++) {
                    prompts.add(Measurements.tokens(16, vocab, 30 + i));
                }
                m.put("aggregate_tok_s", decodeRate(generator, prompts, decodeTokens));
                adapters.install("bench-r8-qv", LoraAdapter.initialise(model.config(),
                        LoraConfig.defaults("smollm2-135m-random"), 5, true));
                m.put("decode_lora_tok_s", decodeRate(generator, List.of(Measurements.tokens(16, vocab, 20)), decodeTokens));
            }
        }
        try (LanguageModel model = LanguageModel.load(dir,
                LoadOptions.defaults().withoutTokenizer().withMaxContext(2048).withHalfDecode());
             Generator generator = new Generator(model, new AdapterHandle(model), new GeneratorOptions(concurrent, 64, 8192, threads))) {
            int vocab = model.config().vocabSize();
            generator.generate(GenerationRequest.greedy(Measurements.tokens(64, vocab, 1), 16));
            m.put("decode_half_tok_s", decodeRate(generator, List.of(Measurements.tokens(16, vocab, 20)), decodeTokens));
        }
        m.put("peak_rss_mib", Measurements.peakRssMiB());
    }

    private static double firstTokenSeconds(Generator generator, int[] prompt) throws Exception {
        AtomicLong first = new AtomicLong();
        long start = System.nanoTime();
        generator.submit(new GenerationRequest(prompt, SamplingOptions.greedy(), 1, Set.of(), List.of(),
                (token, text) -> first.compareAndSet(0, System.nanoTime()))).result().get(10, TimeUnit.MINUTES);
        return (first.get() - start) / 1e9;
    }

    // Tokens per second after every request has its first token, until the first request finishes.
    private static double decodeRate(Generator generator, List<int[]> prompts, int tokens) throws Exception {
        int n = prompts.size();
        CountDownLatch allStarted = new CountDownLatch(n);
        AtomicLong windowStart = new AtomicLong();
        AtomicLong windowEnd = new AtomicLong();
        AtomicLong counted = new AtomicLong();
        List<Generator.Generation> runs = new ArrayList<>();
        for (int[] prompt : prompts) {
            int[] seen = {0};
            runs.add(generator.submit(new GenerationRequest(prompt, SamplingOptions.greedy(), tokens, Set.of(), List.of(),
                    (token, text) -> {
                        seen[0]++;
                        if (seen[0] == 1) {
                            allStarted.countDown();
                            if (allStarted.getCount() == 0) {
                                windowStart.set(System.nanoTime());
                            }
                        } else if (allStarted.getCount() == 0 && windowEnd.get() == 0) {
                            counted.incrementAndGet();
                        }
                        if (seen[0] == tokens) {
                            windowEnd.compareAndSet(0, System.nanoTime());
                        }
                    })));
        }
        for (Generator.Generation g : runs) {
            g.result().get(10, TimeUnit.MINUTES);
        }
        return counted.get() / ((windowEnd.get() - windowStart.get()) / 1e9);
    }
}
