package io.mailtune.model.runtime.vector;

import io.mailtune.model.config.ModelConfig;
import java.util.List;

/**
 * The decoder for steps in which every sequence adds one token, on the Java Vector API: weights laid out for its
 * kernels, each matrix read once per step for the whole batch, five synchronisations per layer (q/k/v, attention,
 * output, gate/up, down). Prompts are prefilled elsewhere (DJL's GEMM) and handed over through
 * {@link VectorCache#load}.
 */
public final class VectorDecoder {

    // Multiply-adds a thread's share must reach before a kernel is split: below, waking a thread costs more than it
    // saves (a 256x256 matrix for one token stays on one thread, the 8192x256 head is split).
    private static final int MIN_WORK = 1 << 17;

    private final ModelConfig config;
    private final Matrix embed;   // [V, H]
    private final Matrix lmHead;  // [V, H] (the embedding when tied)
    private final float[] finalNorm;
    private final List<VectorLayer> layers;
    private final Rope rope;
    private final int maxContext;
    private final String format;

    /** A decoder over prepared weights; {@code format} names their layout (for logs and benchmarks). */
    public VectorDecoder(ModelConfig config, Matrix embed, Matrix lmHead, float[] finalNorm, List<VectorLayer> layers,
                         double[] inverseFrequencies, int maxContext, String format) {
        this.config = config;
        this.embed = embed;
        this.lmHead = lmHead;
        this.finalNorm = finalNorm;
        this.layers = List.copyOf(layers);
        this.rope = new Rope(inverseFrequencies, maxContext);
        this.maxContext = maxContext;
        this.format = format;
    }

    /** The weight layout, e.g. "f32" or "q8_0". */
    public String format() {
        return format;
    }

    /** The token embedding [V, H]. */
    public Matrix embedding() {
        return embed;
    }

    /** The output head [V, H] (the embedding itself when tied). */
    public Matrix outputHead() {
        return lmHead;
    }

    /** The final RMSNorm weight [H]. */
    public float[] finalNorm() {
        return finalNorm;
    }

    /** The decoder blocks' weights, first layer first. */
    public List<VectorLayer> layers() {
        return layers;
    }

    /** Bytes of weights one step streams. */
    public long weightBytes() {
        long b = lmHead.bytes();
        for (VectorLayer l : layers) {
            b += l.bytes();
        }
        return b;
    }

    /** A new empty cache for one sequence of up to {@code capacity} tokens. */
    public VectorCache newCache(int capacity) {
        if (capacity > maxContext) {
            throw new IllegalArgumentException("KV cache capacity " + capacity + " exceeds max context " + maxContext);
        }
        return new VectorCache(config.layers(), config.kvHeads(), config.headDim(), capacity);
    }

    /**
     * One decode step: sequence b adds {@code tokens[b]} at position {@code caches[b].length()}, with adapter
     * {@code adapters[b]} (null for none). Appends to every cache and returns logits [batch][V].
     */
    public float[][] step(int[] tokens, VectorCache[] caches, VectorAdapter[] adapters, Workers workers) {
        int n = tokens.length;
        int h = config.hiddenSize();
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int d = config.headDim();
        int qW = config.queryWidth();
        int kvW = config.keyValueWidth();
        int inter = config.intermediateSize();
        float eps = (float) config.rmsNormEps();
        float[][] x = new float[n][h];          // [batch, H] residual stream
        for (int b = 0; b < n; b++) {
            embed.row(tokens[b], x[b]);
        }
        float[][] normed = new float[n][h];     // [batch, H]
        float[][] qkv = new float[n][qW + 2 * kvW];
        float[][] attn = new float[n][qW];
        float[][] out = new float[n][h];
        float[][] gu = new float[n][2 * inter];
        float[][] act = new float[n][inter];
        for (int l = 0; l < layers.size(); l++) {
            VectorLayer w = layers.get(l);
            int layer = l;
            for (int b = 0; b < n; b++) {
                Kernels.rmsNorm(x[b], w.inputNorm(), eps, normed[b]);
            }
            project(w.qkv(), normed, qkv, workers);
            for (int b = 0; b < n; b++) {
                if (w.qkvBias() != null) {
                    Kernels.add(qkv[b], w.qkvBias());
                }
                LoraFactors f = adapters[b] == null ? null : adapters[b].layers().get(l).qkv();
                if (f != null) {
                    f.addTo(normed[b], qkv[b]);
                }
                int pos = caches[b].length();
                rope.apply(qkv[b], 0, heads, pos);
                rope.apply(qkv[b], qW, kvHeads, pos);
                caches[b].put(l, qkv[b], qW, qkv[b], qW + kvW);
            }
            float scale = (float) (1.0 / Math.sqrt(d));
            int group = heads / kvHeads;
            int perHead = (caches[0].length() + 1) * d * 2;
            workers.split(n * heads, Math.max(1, MIN_WORK / perHead), (from, to) -> {
                float[] scores = new float[maxContext];
                for (int i = from; i < to; i++) {
                    int b = i / heads;
                    int head = i % heads;
                    VectorCache c = caches[b];
                    Attention.head(qkv[b], head * d, c.keys(layer), c.values(layer), head / group, c.capacity(), d,
                            c.length() + 1, scale, scores, attn[b], head * d);
                }
            });
            project(w.o(), attn, out, workers);
            for (int b = 0; b < n; b++) {
                LoraFactors f = adapters[b] == null ? null : adapters[b].layers().get(l).o();
                if (f != null) {
                    f.addTo(attn[b], out[b]);
                }
                Kernels.add(x[b], out[b]);
                Kernels.rmsNorm(x[b], w.postNorm(), eps, normed[b]);
            }
            project(w.gateUp(), normed, gu, workers);
            for (int b = 0; b < n; b++) {
                LoraFactors f = adapters[b] == null ? null : adapters[b].layers().get(l).gateUp();
                if (f != null) {
                    f.addTo(normed[b], gu[b]);
                }
                Kernels.swiGlu(gu[b], act[b], inter);
            }
            project(w.down(), act, out, workers);
            for (int b = 0; b < n; b++) {
                LoraFactors f = adapters[b] == null ? null : adapters[b].layers().get(l).down();
                if (f != null) {
                    f.addTo(act[b], out[b]);
                }
                Kernels.add(x[b], out[b]);
            }
        }
        for (VectorCache c : caches) {
            c.advance();
        }
        for (int b = 0; b < n; b++) {
            Kernels.rmsNorm(x[b], finalNorm, eps, normed[b]);
        }
        float[][] logits = new float[n][config.vocabSize()];
        project(lmHead, normed, logits, workers);
        return logits;
    }

    private static void project(Matrix m, float[][] in, float[][] out, Workers workers) {
        int perRow = m.cols() * in.length;
        workers.split(m.rows(), Math.max(1, MIN_WORK / perRow), (from, to) -> m.multiply(in, out, from, to));
    }
}
