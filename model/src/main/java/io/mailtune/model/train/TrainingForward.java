package io.mailtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.mailtune.model.blocks.NdBlocks;
import io.mailtune.model.blocks.RotaryTables;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.lora.LoraTarget;

/**
 * The decoder's forward pass for training: a padded [batch, seq] batch at once, causal and padding masks, no KV
 * cache, so autograd can differentiate it. RMSNorm, RoPE (query pre-scaled by 1/√headDim) and SwiGLU are the
 * runtime's own building blocks ({@code io.mailtune.model.blocks}); attention and LoRA as scale·B·(A·x) are
 * written for the padded batch, and a test keeps the two forwards within 1e-4. Every constant is a long-lived NDArray: scalar operands inside autograd can be freed by a GC before
 * backward runs and turn the gradients into NaN.
 */
public final class TrainingForward implements AutoCloseable {

    private static final float MASKED = -1e9f;

    private final ModelWeights weights;
    private final ModelConfig config;
    private final NDManager constants;
    private final NDArray cosQ;       // [maxSeq, d], scaled by 1/√d
    private final NDArray sinQ;       // [maxSeq, d], scaled by 1/√d
    private final NDArray cosK;       // [maxSeq, d]
    private final NDArray sinK;       // [maxSeq, d]
    private final NDArray rotateHalf; // [d, d]: x·R = concat(-x2, x1)
    private final NDArray eps;        // [1]
    private final NDArray loraScale;  // [1]
    private final NDArray causal;     // [maxSeq, maxSeq]: 0 on and below the diagonal, MASKED above
    private final int maxSeq;

    /** A forward over {@code weights} for sequences of up to {@code maxSeq} tokens. */
    public TrainingForward(ModelWeights weights, int maxSeq) {
        if (maxSeq < 2) {
            throw new IllegalArgumentException("maxSeq must be at least 2, was " + maxSeq);
        }
        this.weights = weights;
        this.config = weights.config();
        this.maxSeq = maxSeq;
        this.constants = weights.manager().newSubManager();
        int d = config.headDim();
        double[] inv = RotaryTables.inverseFrequencies(config);
        float[][] key = RotaryTables.full(inv, maxSeq, 1.0);
        float[][] query = RotaryTables.full(inv, maxSeq, 1.0 / Math.sqrt(d));
        this.cosK = constants.create(key[0], new Shape(maxSeq, d));
        this.sinK = constants.create(key[1], new Shape(maxSeq, d));
        this.cosQ = constants.create(query[0], new Shape(maxSeq, d));
        this.sinQ = constants.create(query[1], new Shape(maxSeq, d));
        this.rotateHalf = constants.create(RotaryTables.rotateHalf(d), new Shape(d, d));
        float[] c = new float[maxSeq * maxSeq];
        for (int i = 0; i < maxSeq; i++) {
            for (int j = i + 1; j < maxSeq; j++) {
                c[i * maxSeq + j] = MASKED;
            }
        }
        this.causal = constants.create(c, new Shape(maxSeq, maxSeq));
        this.eps = constants.create(new float[] {(float) config.rmsNormEps()}, new Shape(1));
        double s = weights.loraConfig() == null ? 1.0 : weights.loraConfig().scale();
        this.loraScale = constants.create(new float[] {(float) s}, new Shape(1));
    }

    /** The longest sequence this forward accepts. */
    public int maxSeq() {
        return maxSeq;
    }

    /**
     * The final hidden states [batch, seq, H] of a right-padded batch: {@code tokens} holds batch·seq ids row by
     * row, {@code lengths} the real length of each row (keys beyond it are masked). Intermediates go to {@code step}.
     */
    public NDArray hidden(NDManager step, int[] tokens, int batch, int seq, int[] lengths) {
        check(tokens, batch, seq, lengths);
        int d = config.headDim();
        NDArray x = gather(step.create(tokens, new Shape(batch, seq)), weights.base("model.embed_tokens.weight"));
        NDArray positions = step.arange(0, seq, 1, ai.djl.ndarray.types.DataType.INT32);
        NDArray cq = gather(positions, cosQ).reshape(1, seq, 1, d);
        NDArray sq = gather(positions, sinQ).reshape(1, seq, 1, d);
        NDArray ck = gather(positions, cosK).reshape(1, seq, 1, d);
        NDArray sk = gather(positions, sinK).reshape(1, seq, 1, d);
        NDArray mask = mask(step, batch, seq, lengths);                         // [batch, 1, 1, seq, seq]
        for (int l = 0; l < config.layers(); l++) {
            // Intermediates of one layer live in their own manager, released when the layer is done: autograd keeps
            // what backward needs by itself, and DJL would otherwise hold every tensor until the step ends.
            try (NDManager layer = step.newSubManager()) {
                x.tempAttach(layer);
                x = block(l, x, cq, sq, ck, sk, mask, batch, seq);
                x.attach(step);
            }
        }
        return rmsNorm(x, weights.base("model.norm.weight"));
    }

    // One decoder block: attention and SwiGLU with residuals, [batch, seq, H] -> [batch, seq, H].
    private NDArray block(int l, NDArray x, NDArray cq, NDArray sq, NDArray ck, NDArray sk, NDArray mask, int batch,
                          int seq) {
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int d = config.headDim();
        String p = "model.layers." + l + ".";
        NDArray h = rmsNorm(x, weights.base(p + "input_layernorm.weight"));
        NDArray q = project(h, p + "self_attn.q_proj", l, LoraTarget.Q).reshape(batch, seq, heads, d);
        NDArray k = project(h, p + "self_attn.k_proj", l, LoraTarget.K).reshape(batch, seq, kvHeads, d);
        NDArray v = project(h, p + "self_attn.v_proj", l, LoraTarget.V).reshape(batch, seq, kvHeads, d);
        q = NdBlocks.rope(q, cq, sq, rotateHalf);                                // RoPE, q pre-scaled
        k = NdBlocks.rope(k, ck, sk, rotateHalf);
        NDArray attn = attend(q, k, v, mask, batch, seq);                        // [batch, seq, qW]
        x = x.add(project(attn, p + "self_attn.o_proj", l, LoraTarget.O));
        NDArray h2 = rmsNorm(x, weights.base(p + "post_attention_layernorm.weight"));
        NDArray gate = project(h2, p + "mlp.gate_proj", l, LoraTarget.GATE);
        NDArray up = project(h2, p + "mlp.up_proj", l, LoraTarget.UP);
        NDArray act = NdBlocks.swiGlu(gate, up);                                 // SwiGLU, [batch, seq, I]
        return x.add(project(act, p + "mlp.down_proj", l, LoraTarget.DOWN));
    }

    /** Logits [rows, V] for hidden states [rows, H]. */
    public NDArray logits(NDArray hidden) {
        String head = config.tiedEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
        return Linear.linear(hidden, weights.base(head)).head();
    }

    private void check(int[] tokens, int batch, int seq, int[] lengths) {
        if (batch <= 0 || seq <= 0 || seq > maxSeq) {
            throw new IllegalArgumentException("batch must be > 0 and seq within 1.." + maxSeq + ", were " + batch
                    + " and " + seq);
        }
        if (tokens.length != batch * seq || lengths.length != batch) {
            throw new IllegalArgumentException("a [" + batch + ", " + seq + "] batch needs " + batch * seq
                    + " tokens and " + batch + " lengths, got " + tokens.length + " and " + lengths.length);
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + tokens[i] + " at " + i + " is outside the vocabulary of "
                        + config.vocabSize());
            }
        }
        for (int len : lengths) {
            if (len < 1 || len > seq) {
                throw new IllegalArgumentException("row lengths must lie in 1.." + seq + ", got " + len);
            }
        }
    }

    // Grouped-query attention without repeating K/V: the query heads sharing a KV head are stacked along rows.
    private NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, int batch, int seq) {
        int kvHeads = config.kvHeads();
        int group = config.heads() / kvHeads;
        int d = config.headDim();
        NDArray qg = q.reshape(batch, seq, kvHeads, group, d).transpose(0, 2, 3, 1, 4)
                .reshape(batch, kvHeads, (long) group * seq, d);                 // [batch, kvHeads, group·seq, d]
        NDArray kt = k.transpose(0, 2, 3, 1);                                     // [batch, kvHeads, d, seq]
        NDArray vt = v.transpose(0, 2, 1, 3);                                     // [batch, kvHeads, seq, d]
        NDArray scores = qg.matMul(kt).reshape(batch, kvHeads, group, seq, seq).addi(mask); // in place: no copy
        NDArray probs = scores.softmax(-1).reshape(batch, kvHeads, (long) group * seq, seq);
        NDArray out = probs.matMul(vt);                                           // [batch, kvHeads, group·seq, d]
        return out.reshape(batch, kvHeads, group, seq, d).transpose(0, 3, 1, 2, 4)
                .reshape(batch, seq, config.queryWidth());
    }

    // Causal within each row, and keys past a row's length hidden: [batch, 1, 1, seq, seq].
    private NDArray mask(NDManager step, int batch, int seq, int[] lengths) {
        float[] pad = new float[batch * seq];
        for (int b = 0; b < batch; b++) {
            for (int j = lengths[b]; j < seq; j++) {
                pad[b * seq + j] = MASKED;
            }
        }
        NDArray c = causal.get(step, new NDIndex().addSliceDim(0, seq).addSliceDim(0, seq));
        return step.create(pad, new Shape(batch, 1, 1, 1, seq)).add(c);
    }

    private NDArray project(NDArray x, String module, int layer, LoraTarget target) {
        NDArray y = config.attentionBias() && module.contains("self_attn.") && !module.endsWith("o_proj")
                ? Linear.linear(x, weights.base(module + ".weight"), weights.base(module + ".bias")).head()
                : Linear.linear(x, weights.base(module + ".weight")).head();
        NDArray[] ab = weights.lora(layer, target);
        if (ab == null) {
            return y;
        }
        return y.add(Linear.linear(Linear.linear(x, ab[0]).head(), ab[1]).head().mul(loraScale));
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        return NdBlocks.rmsNorm(x, weight, eps);
    }

    static NDArray gather(NDArray indices, NDArray table) {
        return Embedding.embedding(indices, table, SparseFormat.DENSE).head();
    }

    /** Frees the constants (the weights belong to their owner). */
    @Override
    public void close() {
        constants.close();
    }
}
