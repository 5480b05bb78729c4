package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import io.mailtune.model.blocks.NdBlocks;
import io.mailtune.model.blocks.RotaryTables;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.checkpoint.CheckpointException;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraPair;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.VectorLayer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The decoder on DJL PyTorch: weights and the forward pass over a ragged batch (several sequences, each with
 * its own new tokens, KV cache and adapter). Built from plain NDArray operations so autograd can run through it;
 * q/k/v and gate/up are fused and LoRA is applied as two extra matmuls per fused projection.
 */
public final class Transformer implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager root;     // parent of caches and adapters
    private final NDManager manager;  // the weights; capped, so a forward pass cannot leak into it
    private final NDArray embed;      // [V, H]
    private final NDArray lmHead;     // [V, H] (the embedding when tied)
    private final NDArray finalNorm;  // [H]
    private final List<LayerWeights> layers;
    private final List<LayerWeights> halfLayers; // float16 copies for one-row steps, or null
    private final NDArray halfLmHead;             // [V, H] float16, or null
    private final HostedWeights hosted; // the Vector API decoder's weights lent per layer (embed, lmHead, matrices null), or null
    private final NDArray cosTable;   // [maxContext, headDim]
    private final NDArray sinTable;   // [maxContext, headDim]
    private final NDArray rotateHalf; // [headDim, headDim]: x·R = concat(-x2, x1)
    private final NDArray qkScale;    // [heads + kvHeads, 1]: 1/√headDim for query heads, 1 for key heads
    private final NDArray eps;        // [1]
    private final int maxContext;

    private Transformer(ModelConfig config, NDManager root, NDManager manager, NDArray embed, NDArray lmHead, NDArray finalNorm,
                        List<LayerWeights> layers, int maxContext, boolean halfDecode, HostedWeights hosted) {
        this.config = config;
        this.hosted = hosted;
        this.root = root;
        this.manager = manager;
        this.embed = embed;
        this.lmHead = lmHead;
        this.finalNorm = finalNorm;
        this.layers = List.copyOf(layers);
        this.maxContext = maxContext;
        if (halfDecode) {
            List<LayerWeights> half = new ArrayList<>();
            for (LayerWeights w : layers) {
                half.add(new LayerWeights(w.inputNorm(), toHalf(w.qkv()), toHalf(w.qkvBias()), toHalf(w.o()),
                        w.postNorm(), toHalf(w.gateUp()), toHalf(w.down())));
            }
            this.halfLayers = List.copyOf(half);
            this.halfLmHead = toHalf(lmHead);
        } else {
            this.halfLayers = null;
            this.halfLmHead = null;
        }
        int d = config.headDim();
        float[][] tables = RotaryTables.full(RotaryTables.inverseFrequencies(config), maxContext, 1.0);
        this.cosTable = manager.create(tables[0], new Shape(maxContext, d));
        this.sinTable = manager.create(tables[1], new Shape(maxContext, d));
        this.rotateHalf = manager.create(RotaryTables.rotateHalf(d), new Shape(d, d));
        float[] scale = new float[config.heads() + config.kvHeads()];
        for (int h = 0; h < scale.length; h++) {
            scale[h] = h < config.heads() ? (float) (1.0 / Math.sqrt(d)) : 1f;
        }
        this.qkScale = manager.create(scale, new Shape(scale.length, 1));
        this.eps = manager.create(new float[] {(float) config.rmsNormEps()}, new Shape(1));
        manager.cap();
    }

    /**
     * Loads the weights of a checkpoint, checking every tensor's presence and shape against the config.
     * A non-null {@code merged} adapter is added into the base weights before they reach the device.
     */
    static Transformer load(ModelConfig c, CheckpointTensors tensors, NDManager parent, int maxContext,
                            LoraAdapter merged, boolean halfDecode) {
        if (merged != null) {
            merged.checkFits(c);
        }
        NDManager m = parent.newSubManager();
        try {
            int h = c.hiddenSize();
            int qW = c.queryWidth();
            int kvW = c.keyValueWidth();
            int inter = c.intermediateSize();
            Loader load = new Loader(tensors, m, merged);
            NDArray embed = load.tensor(c.vocabSize(), h, "model.embed_tokens.weight");
            List<LayerWeights> layers = new ArrayList<>();
            for (int l = 0; l < c.layers(); l++) {
                String p = "model.layers." + l + ".";
                NDArray qkvBias = c.attentionBias() ? load.vector(qW + 2 * kvW, new int[] {qW, kvW, kvW},
                        p + "self_attn.q_proj.bias", p + "self_attn.k_proj.bias", p + "self_attn.v_proj.bias") : null;
                layers.add(new LayerWeights(
                        load.vector(h, new int[] {h}, p + "input_layernorm.weight"),
                        load.fused(l, h, new int[] {qW, kvW, kvW}, new LoraTarget[] {LoraTarget.Q, LoraTarget.K, LoraTarget.V},
                                p + "self_attn.q_proj.weight", p + "self_attn.k_proj.weight", p + "self_attn.v_proj.weight"),
                        qkvBias,
                        load.fused(l, qW, new int[] {h}, new LoraTarget[] {LoraTarget.O}, p + "self_attn.o_proj.weight"),
                        load.vector(h, new int[] {h}, p + "post_attention_layernorm.weight"),
                        load.fused(l, h, new int[] {inter, inter}, new LoraTarget[] {LoraTarget.GATE, LoraTarget.UP},
                                p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight"),
                        load.fused(l, inter, new int[] {h}, new LoraTarget[] {LoraTarget.DOWN}, p + "mlp.down_proj.weight")));
            }
            NDArray norm = load.vector(h, new int[] {h}, "model.norm.weight");
            NDArray head = c.tiedEmbeddings() ? embed : load.tensor(c.vocabSize(), h, "lm_head.weight");
            return new Transformer(c, parent, m, embed, head, norm, layers, maxContext, halfDecode, null);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * A forward pass over the Vector API decoder's weights instead of device copies of its own: only norms and biases
     * stay on the device; each layer's matrices are lent for the pass (see {@link HostedWeights}), so prompts prefill
     * on DJL while the model holds its weights once.
     */
    static Transformer hosted(ModelConfig c, VectorDecoder decoder, NDManager parent, int maxContext) {
        NDManager m = parent.newSubManager();
        try {
            List<LayerWeights> norms = new ArrayList<>();
            for (VectorLayer w : decoder.layers()) {
                norms.add(new LayerWeights(vector(m, w.inputNorm()), null,
                        w.qkvBias() == null ? null : vector(m, w.qkvBias()), null, vector(m, w.postNorm()), null, null));
            }
            return new Transformer(c, parent, m, null, null, vector(m, decoder.finalNorm()), norms, maxContext, false,
                    new HostedWeights(decoder));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static NDArray vector(NDManager m, float[] values) {
        return m.create(values, new Shape(values.length));
    }

    // Reads tensors straight into direct native-order buffers that become the device arrays (PyTorch uses such a
    // buffer in place), stacking fused projections row-wise, so loading holds each weight in memory once.
    private record Loader(CheckpointTensors tensors, NDManager manager, LoraAdapter merged) {

        NDArray tensor(int rows, int cols, String name) {
            ByteBuffer buf = allocate((long) rows * cols);
            tensors.readInto(name, buf, rows, cols);
            return create(buf, rows, cols);
        }

        NDArray vector(int length, int[] parts, String... names) {
            ByteBuffer buf = allocate(length);
            for (int i = 0; i < names.length; i++) {
                tensors.readInto(names[i], buf, parts[i]);
            }
            return create(buf, length);
        }

        // Projections [out_i, in] stacked into [sum(out_i), in], each with a merged adapter added when asked.
        NDArray fused(int layer, int in, int[] outs, LoraTarget[] targets, String... names) {
            int rows = 0;
            for (int o : outs) {
                rows += o;
            }
            ByteBuffer buf = allocate((long) rows * in);
            for (int i = 0; i < names.length; i++) {
                int start = buf.position();
                tensors.readInto(names[i], buf, outs[i], in);
                if (merged != null && merged.config().targets().contains(targets[i])) {
                    merged.mergeInto(layer, targets[i], buf.slice(start, outs[i] * in * 4)
                            .order(ByteOrder.nativeOrder()).asFloatBuffer());
                }
            }
            return create(buf, rows, in);
        }

        private static ByteBuffer allocate(long floats) {
            if (floats * 4 > Integer.MAX_VALUE) {
                throw new CheckpointException("a weight of " + floats + " values exceeds 2 GiB");
            }
            return ByteBuffer.allocateDirect((int) (floats * 4)).order(ByteOrder.nativeOrder());
        }

        private NDArray create(ByteBuffer buf, long... shape) {
            buf.rewind();
            return manager.create(buf, new Shape(shape), DataType.FLOAT32);
        }
    }

    /** The model's shape. */
    public ModelConfig config() {
        return config;
    }

    /** The longest sequence (prompt plus generated tokens) a cache may hold. */
    public int maxContext() {
        return maxContext;
    }

    /** A new empty KV cache for one sequence of up to {@code capacity} tokens, in a pool of its own. */
    public KvCache newCache(int capacity) {
        return newCachePool(1).open(capacity);
    }

    /** A pool of KV caches for up to {@code slots} sequences that decode together with batched attention. */
    public KvCachePool newCachePool(int slots) {
        return new KvCachePool(root, slots, config.layers(), config.kvHeads(), config.headDim(), maxContext);
    }

    /** Places an adapter on the device in the fused layout; the caller closes it. */
    public AdapterWeights prepare(LoraAdapter adapter) {
        adapter.checkFits(config);
        NDManager m = root.newSubManager();
        List<LayerAdapter> out = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            NDArray[] qkv = fused(m, adapter, l, LoraTarget.Q, LoraTarget.K, LoraTarget.V);
            NDArray[] o = fused(m, adapter, l, LoraTarget.O);
            NDArray[] gu = fused(m, adapter, l, LoraTarget.GATE, LoraTarget.UP);
            NDArray[] down = fused(m, adapter, l, LoraTarget.DOWN);
            out.add(new LayerAdapter(qkv[0], qkv[1], o[0], o[1], gu[0], gu[1], down[0], down[1],
                    qkv[2], o[2], gu[2], down[2]));
        }
        m.cap();
        return new AdapterWeights(adapter, m, out);
    }

    // Stacks the A factors of the given projections and places their B factors, each times its own scale,
    // block-diagonally, so the fused projection's delta is B·(A·x) (+ bias) with outputs in the fused order;
    // projections the layer skips get zero rows in B and the bias. Returns {A, B, bias or null}, all null when none
    // of them is adapted.
    private NDArray[] fused(NDManager m, LoraAdapter adapter, int l, LoraTarget... parts) {
        Map<LoraTarget, LoraPair> layer = adapter.layer(l);
        int rankSum = 0;
        int outSum = 0;
        int in = -1;
        for (LoraTarget t : parts) {
            int[] io = ParameterCount.projectionShape(config, t);
            in = io[0];
            outSum += io[1];
            if (layer.containsKey(t)) {
                rankSum += layer.get(t).rank();
            }
        }
        if (rankSum == 0) {
            return new NDArray[3];
        }
        float[] a = new float[rankSum * in];
        float[] b = new float[outSum * rankSum];
        float[] bias = adapter.hasBias() ? new float[outSum] : null;
        int rankAt = 0;
        int outAt = 0;
        for (LoraTarget t : parts) {
            int out = ParameterCount.projectionShape(config, t)[1];
            LoraPair p = layer.get(t);
            if (p != null) {
                int r = p.rank();
                float scale = (float) adapter.scale(l, t);
                System.arraycopy(p.a().data(), 0, a, rankAt * in, r * in);
                float[] pb = p.b().data();
                for (int row = 0; row < out; row++) {
                    for (int k = 0; k < r; k++) {
                        b[(outAt + row) * rankSum + rankAt + k] = pb[row * r + k] * scale;
                    }
                    if (bias != null) {
                        bias[outAt + row] = p.bias().data()[row] * scale;
                    }
                }
                rankAt += r;
            }
            outAt += out;
        }
        return new NDArray[] {m.create(a, new Shape(rankSum, in)), m.create(b, new Shape(outSum, rankSum)),
                bias == null ? null : m.create(bias, new Shape(outSum))};
    }

    /**
     * Runs the decoder over a ragged batch and appends every segment's keys and values to its cache.
     * When every segment adds one token and all caches share a pool, attention runs once for the whole batch.
     * Returns logits [segments, V] for each segment's last token, or [rows, V] for every row with
     * {@code allLogits}. Every intermediate is attached to {@code step}, which the caller closes.
     */
    public NDArray forward(NDManager step, int[] tokens, List<Segment> segments, boolean allLogits) {
        if (hosted == null) {
            return run(step, tokens, segments, allLogits);
        }
        if (JniUtils.isGradMode()) {
            throw new IllegalStateException("autograd cannot run through weights lent one layer at a time; "
                    + "load with DecodeFormat.TORCH to train through this model");
        }
        synchronized (hosted) {
            return run(step, tokens, segments, allLogits);
        }
    }

    private NDArray run(NDManager step, int[] tokens, List<Segment> segments, boolean allLogits) {
        int rows = tokens.length;
        checkBatch(rows, segments);
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int d = config.headDim();
        int qW = config.queryWidth();
        int kvW = config.keyValueWidth();
        int[] positions = new int[rows];
        for (Segment s : segments) {
            for (int i = 0; i < s.count(); i++) {
                positions[s.start() + i] = s.cache().length() + i;
            }
        }
        NDArray x = hosted != null ? hosted.embed(step, tokens) : gather(step.create(tokens), embed); // [rows, H]
        NDArray pos = step.create(positions);
        NDArray cos = gather(pos, cosTable).expandDims(1).mul(qkScale);     // [rows, heads+kvHeads, d]
        NDArray sin = gather(pos, sinTable).expandDims(1).mul(qkScale);     // [rows, heads+kvHeads, d]
        List<NDArray> masks = masks(step, segments);
        DecodeBatch batch = DecodeBatch.of(step, segments);
        boolean whole = segments.size() == 1;
        boolean half = halfLayers != null && rows == 1;
        // Without autograd each layer's intermediates are freed when the layer ends, so a long prompt's memory
        // peaks at one layer's activations instead of thirty.
        boolean release = !JniUtils.isGradMode();
        for (int l = 0; l < layers.size(); l++) {
            NDManager scope = release ? step.newSubManager() : step;
            if (release) {
                scope.tempAttachAll(x);
            }
            LayerWeights w = half ? halfLayers.get(l) : hosted != null ? hosted.layer(scope, l, layers.get(l)) : layers.get(l);
            NDArray h = rmsNorm(x, w.inputNorm());
            NDArray qkv = project(h, w.qkv(), w.qkvBias());
            qkv = addLora(scope, qkv, h, segments, l, Projection.QKV);              // [rows, qW + 2kvW]
            NDArray qk = qkv.get(new NDIndex().addAllDim().addSliceDim(0, qW + kvW))
                    .reshape(rows, heads + kvHeads, d);
            qk = NdBlocks.rope(qk, cos, sin, rotateHalf);                             // RoPE, q pre-scaled
            NDArray q = qk.get(new NDIndex().addAllDim().addSliceDim(0, heads));    // [rows, heads, d]
            NDArray k = qk.get(new NDIndex().addAllDim().addSliceDim(heads, heads + kvHeads)); // [rows, kvHeads, d]
            NDArray v = qkv.get(new NDIndex().addAllDim().addSliceDim(qW + kvW, qW + 2 * kvW))
                    .reshape(rows, kvHeads, d);
            NDArray attn;                                                           // [rows, qW]
            if (batch != null) {
                attn = attendBatch(scope, batch, l, q, k, v);
            } else {
                NDList outputs = new NDList(segments.size());
                for (int s = 0; s < segments.size(); s++) {
                    Segment seg = segments.get(s);
                    outputs.add(attend(scope, seg, l, whole ? q : rowsOf(q, seg), whole ? k : rowsOf(k, seg),
                            whole ? v : rowsOf(v, seg), masks.get(s)));
                }
                attn = whole ? outputs.head() : NDArrays.concat(outputs);
            }
            x = x.add(addLora(scope, project(attn, w.o(), null), attn, segments, l, Projection.O));
            NDArray h2 = rmsNorm(x, w.postNorm());
            NDArray gu = addLora(scope, project(h2, w.gateUp(), null), h2, segments, l, Projection.GATE_UP); // [rows, 2I]
            NDList parts = gu.split(2, 1);
            NDArray gate = parts.get(0);
            NDArray act = NdBlocks.swiGlu(gate, parts.get(1));                    // SwiGLU, [rows, I]
            x = x.add(addLora(scope, project(act, w.down(), null), act, segments, l, Projection.DOWN));
            if (release) {
                x.attach(step);
                scope.close();
            }
        }
        for (Segment s : segments) {
            s.cache().advance(s.count());
        }
        if (!allLogits && rows != segments.size()) {
            int[] last = new int[segments.size()];
            for (int s = 0; s < last.length; s++) {
                last[s] = segments.get(s).start() + segments.get(s).count() - 1;
            }
            x = gather(step.create(last), x);
        }
        NDArray normed = rmsNorm(x, finalNorm);
        if (hosted != null) {
            return hosted.logits(step, normed);                                   // [rows or segments, V]
        }
        return half ? project(normed, halfLmHead, null) : linear(normed, lmHead);  // [rows or segments, V]
    }

    private void checkBatch(int rows, List<Segment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one segment");
        }
        int at = 0;
        for (Segment s : segments) {
            if (s.start() != at) {
                throw new IllegalArgumentException("segments must cover the rows in order; expected start " + at
                        + ", was " + s.start());
            }
            at += s.count();
        }
        if (at != rows) {
            throw new IllegalArgumentException("segments cover " + at + " rows but the batch has " + rows + " tokens");
        }
    }

    // One causal mask per multi-token segment: [groups·count, length], row g·count + i sees positions <= offset + i.
    private List<NDArray> masks(NDManager step, List<Segment> segments) {
        List<NDArray> out = new ArrayList<>(segments.size());
        int group = config.heads() / config.kvHeads();
        for (Segment s : segments) {
            if (s.count() == 1) {
                out.add(null);
                continue;
            }
            int n = s.count();
            int offset = s.cache().length();
            int len = offset + n;
            float[] mask = new float[group * n * len];
            for (int g = 0; g < group; g++) {
                for (int i = 0; i < n; i++) {
                    int row = (g * n + i) * len;
                    for (int j = offset + i + 1; j < len; j++) {
                        mask[row + j] = Float.NEGATIVE_INFINITY;
                    }
                }
            }
            out.add(step.create(mask, new Shape(group * n, len)));
        }
        return out;
    }

    // Attention of one sequence's new rows over its cached and new keys, grouped so no K/V repeat is needed.
    private NDArray attend(NDManager step, Segment seg, int layer, NDArray q, NDArray k, NDArray v, NDArray mask) {
        int n = seg.count();
        int kvHeads = config.kvHeads();
        int group = config.heads() / kvHeads;
        int d = config.headDim();
        int offset = seg.cache().length();
        int len = offset + n;
        int slot = seg.cache().slot();
        NDIndex fresh = new NDIndex().addIndices(slot).addAllDim().addSliceDim(offset, len);
        NDArray keys = seg.cache().keys(layer);                                   // [slots, kvHeads, capacity, d]
        NDArray values = seg.cache().values(layer);
        keys.set(fresh, k.transpose(1, 0, 2));                                    // [kvHeads, n, d]
        values.set(fresh, v.transpose(1, 0, 2));
        NDIndex upTo = new NDIndex().addIndices(slot).addAllDim().addSliceDim(0, len);
        NDArray kAll = keys.get(step, upTo);                                       // [kvHeads, len, d]
        NDArray vAll = values.get(step, upTo);                                     // [kvHeads, len, d]
        NDArray qg = n == 1 ? q.reshape(kvHeads, group, d)
                : q.reshape(n, kvHeads, group, d).transpose(1, 2, 0, 3).reshape(kvHeads, group * n, d);
        NDArray scores = qg.matMul(kAll.transpose(0, 2, 1));                       // [kvHeads, group·n, len]
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray out = scores.softmax(-1).matMul(vAll);                             // [kvHeads, group·n, d]
        return n == 1 ? out.reshape(1, (long) config.queryWidth())
                : out.reshape(kvHeads, group, n, d).transpose(2, 0, 1, 3).reshape(n, config.queryWidth());
    }

    // Attention of a step in which every sequence adds one token: the same dozen operations for any batch size,
    // over every covered slot up to the longest length, each slot masked to its own length.
    private NDArray attendBatch(NDManager step, DecodeBatch b, int layer, NDArray q, NDArray k, NDArray v) {
        int kvHeads = config.kvHeads();
        int group = config.heads() / kvHeads;
        int d = config.headDim();
        int qW = config.queryWidth();
        int rows = (int) q.getShape().get(0);
        int covered = b.to() - b.from();
        NDIndex fresh = new NDIndex("{}, :, {}", b.slots(), b.positions());
        NDArray keys = b.pool().keys(layer);                                        // [slots, kvHeads, capacity, d]
        NDArray values = b.pool().values(layer);
        keys.set(fresh, k);                                                         // [rows, kvHeads, d]
        values.set(fresh, v);
        NDIndex window = new NDIndex().addSliceDim(b.from(), b.to()).addAllDim().addSliceDim(0, b.length());
        NDArray kAll = keys.get(step, window);                                      // [covered, kvHeads, length, d]
        NDArray vAll = values.get(step, window);                                    // [covered, kvHeads, length, d]
        NDArray qRows = q.reshape(rows, qW);
        NDArray qs = (b.slotRows() == null ? qRows : qRows.get(step, new NDIndex("{}", b.slotRows())))
                .reshape(covered, kvHeads, group, d);
        NDArray scores = qs.matMul(kAll.transpose(0, 1, 3, 2)).add(b.mask());     // [covered, kvHeads, group, length]
        NDArray out = scores.softmax(-1).matMul(vAll).reshape(covered, qW);         // [covered, qW]
        return b.rowSlots() == null ? out : out.get(step, new NDIndex("{}", b.rowSlots()));
    }

    private static NDArray rowsOf(NDArray a, Segment seg) {
        return a.get(new NDIndex().addSliceDim(seg.start(), seg.start() + seg.count()));
    }

    private enum Projection { QKV, O, GATE_UP, DOWN }

    // Adds scale·B·(A·x) for every run of consecutive segments that share an adapter; rows without one get none.
    private NDArray addLora(NDManager step, NDArray y, NDArray x, List<Segment> segments, int layer, Projection p) {
        AdapterWeights first = segments.get(0).adapter();
        boolean uniform = true;
        boolean any = first != null;
        for (Segment s : segments) {
            uniform &= s.adapter() == first;
            any |= s.adapter() != null;
        }
        if (!any || (first != null && a(first, layer, p) == null && uniform)) {
            return y;
        }
        if (uniform) {
            return y.add(delta(x, first, layer, p));
        }
        NDList deltas = new NDList();
        int i = 0;
        while (i < segments.size()) {
            AdapterWeights adapter = segments.get(i).adapter();
            int start = segments.get(i).start();
            int end = start;
            while (i < segments.size() && segments.get(i).adapter() == adapter) {
                end += segments.get(i).count();
                i++;
            }
            NDArray rowsX = x.get(new NDIndex().addSliceDim(start, end));
            NDArray d = adapter == null || a(adapter, layer, p) == null
                    ? step.zeros(new Shape(end - start, y.getShape().get(1))) : delta(rowsX, adapter, layer, p);
            deltas.add(d);
        }
        return y.add(NDArrays.concat(deltas));
    }

    private static NDArray a(AdapterWeights w, int layer, Projection p) {
        LayerAdapter la = w.layer(layer);
        return switch (p) {
            case QKV -> la.qkvA();
            case O -> la.oA();
            case GATE_UP -> la.gateUpA();
            case DOWN -> la.downA();
        };
    }

    private static NDArray delta(NDArray x, AdapterWeights w, int layer, Projection p) {
        LayerAdapter la = w.layer(layer);
        NDArray b = switch (p) {
            case QKV -> la.qkvB();
            case O -> la.oB();
            case GATE_UP -> la.gateUpB();
            case DOWN -> la.downB();
        };
        NDArray bias = switch (p) {
            case QKV -> la.qkvBias();
            case O -> la.oBias();
            case GATE_UP -> la.gateUpBias();
            case DOWN -> la.downBias();
        };
        NDArray ax = linear(x, a(w, layer, p));
        return bias == null ? linear(ax, b) : Linear.linear(ax, b, bias).head();
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        return NdBlocks.rmsNorm(x, weight, eps);
    }

    // x·Wᵀ (+ b); with float16 weights the input is narrowed and the output widened back to float32.
    private static NDArray project(NDArray x, NDArray weight, NDArray bias) {
        if (weight.getDataType() == DataType.FLOAT16) {
            NDArray narrow = x.toType(DataType.FLOAT16, false);
            NDArray y = bias == null ? linear(narrow, weight) : Linear.linear(narrow, weight, bias).head();
            return y.toType(DataType.FLOAT32, false);
        }
        return bias == null ? linear(x, weight) : Linear.linear(x, weight, bias).head();
    }

    private static NDArray toHalf(NDArray a) {
        return a == null ? null : a.toType(DataType.FLOAT16, true);
    }

    private static NDArray linear(NDArray x, NDArray weight) {
        return Linear.linear(x, weight).head();
    }

    private static NDArray gather(NDArray indices, NDArray table) {
        return Embedding.embedding(indices, table, SparseFormat.DENSE).head();
    }

    /** Frees the weights and every cache and adapter made from this model. */
    @Override
    public void close() {
        manager.close();
    }
}
