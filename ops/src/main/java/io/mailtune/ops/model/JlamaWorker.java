package io.mailtune.ops.model;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Measures Jlama 0.8.4 on the same checkpoint in its own JVM, the way its own {@code generate} runs a prompt:
 * one batched forward over the prompt, then one forward per token, greedy sampling. Decode speed is one over the
 * median time per token, as for Mailtune.
 */
public final class JlamaWorker {

    private JlamaWorker() {
    }

    /** Arguments: model dir, work dir, threads, prompt length, decode tokens. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        int promptLength = Integer.parseInt(args[3]);
        int decodeTokens = Integer.parseInt(args[4]);
        Measurements m = new Measurements();
        long start = System.nanoTime();
        AbstractModel model = ModelSupport.loadModel(dir.toFile(), work.toFile(), DType.F32, DType.I8,
                Optional.empty(), Optional.of(threads));
        m.put("load_s", (System.nanoTime() - start) / 1e9);
        int vocab = model.getConfig().vocabularySize;
        try (KvBufferCache caches = new KvBufferCache(model)) {
            run(model, caches, Measurements.tokens(64, vocab, 1), 16);
            double[] ttft = new double[3];
            for (int i = 0; i < ttft.length; i++) {
                ttft[i] = run(model, caches, Measurements.tokens(promptLength, vocab, 10 + i), 1)[0];
            }
            double t = Measurements.median(ttft);
            m.put("ttft_s", t);
            m.put("prefill_tok_s", promptLength / t);
            double[] r = run(model, caches, Measurements.tokens(16, vocab, 20), decodeTokens);
            m.put("decode_tok_s", 1 / r[2]);
        }
        m.put("peak_rss_mib", Measurements.peakRssMiB());
        model.close();
    }

    // Returns {seconds to first token, seconds for the remaining tokens, median seconds per decode step}.
    private static double[] run(AbstractModel model, KvBufferCache caches, int[] prompt, int tokens) {
        KvBufferCache.KvBuffer kv = caches.getKvBuffer(UUID.randomUUID());
        AbstractTensor logits = model.makeDenseTensor(model.getConfig().vocabularySize);
        long start = System.nanoTime();
        AbstractTensor last = model.batchForward(prompt, 0, kv);
        int next = model.sample(last.slice(last.shape().first() - 1), 0f, 0f, logits);
        long first = System.nanoTime();
        double[] steps = new double[Math.max(1, tokens - 1)];
        long previous = first;
        for (int i = 1; i < tokens; i++) {
            AbstractTensor out = model.forward(next, prompt.length + i - 1, kv, Optional.empty());
            next = model.sample(out, 0f, 0f, logits);
            out.close();
            long now = System.nanoTime();
            steps[i - 1] = (now - previous) / 1e9;
            previous = now;
        }
        long end = System.nanoTime();
        last.close();
        return new double[] {(first - start) / 1e9, (end - first) / 1e9, Measurements.median(steps)};
    }
}
