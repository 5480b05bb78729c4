package io.mailtune.model.runtime;

import io.mailtune.model.blocks.RotaryTables;
import io.mailtune.model.checkpoint.CheckpointException;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.runtime.vector.F32Matrix;
import io.mailtune.model.runtime.vector.Matrix;
import io.mailtune.model.runtime.vector.Q8Matrix;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.VectorLayer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a checkpoint straight into the Vector API decoder's layout, one tensor at a time: float32 values go from the
 * file (widened from BF16/F16 a chunk at a time) into the decoder's arrays, int8 ones are quantised a few rows at a
 * time, so loading holds the decode weights once plus at most one tensor (one with a merged adapter) in float32.
 */
final class DecoderLoader {

    // Values quantised per read: a [V, H] embedding is converted a few rows at a time through one small buffer.
    private static final int Q8_CHUNK_VALUES = 1 << 18;

    private final ModelConfig config;
    private final CheckpointTensors tensors;
    private final LoraAdapter merged;
    private final boolean q8;
    private final float[] chunk; // float32 rows on their way to int8, reused by every matrix

    private DecoderLoader(ModelConfig config, CheckpointTensors tensors, LoraAdapter merged, boolean q8) {
        this.config = config;
        this.tensors = tensors;
        this.merged = merged;
        this.q8 = q8;
        this.chunk = q8 ? new float[Math.max(Q8_CHUNK_VALUES, config.intermediateSize())] : null;
    }

    /** The decoder over the checkpoint's weights in {@code format} (VECTOR_F32 or VECTOR_Q8), {@code merged} folded in. */
    static VectorDecoder load(ModelConfig c, CheckpointTensors tensors, int maxContext, LoraAdapter merged,
                              DecodeFormat format) {
        if (merged != null) {
            merged.checkFits(c);
        }
        DecoderLoader load = new DecoderLoader(c, tensors, merged, format == DecodeFormat.VECTOR_Q8);
        int h = c.hiddenSize();
        int qW = c.queryWidth();
        int kvW = c.keyValueWidth();
        int inter = c.intermediateSize();
        Matrix embed = load.matrix(-1, h, new int[] {c.vocabSize()}, new LoraTarget[1], "model.embed_tokens.weight");
        List<VectorLayer> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            String p = "model.layers." + l + ".";
            float[] qkvBias = c.attentionBias() ? load.vector(new int[] {qW, kvW, kvW},
                    p + "self_attn.q_proj.bias", p + "self_attn.k_proj.bias", p + "self_attn.v_proj.bias") : null;
            layers.add(new VectorLayer(
                    load.vector(new int[] {h}, p + "input_layernorm.weight"),
                    load.matrix(l, h, new int[] {qW, kvW, kvW}, new LoraTarget[] {LoraTarget.Q, LoraTarget.K, LoraTarget.V},
                            p + "self_attn.q_proj.weight", p + "self_attn.k_proj.weight", p + "self_attn.v_proj.weight"),
                    qkvBias,
                    load.matrix(l, qW, new int[] {h}, new LoraTarget[] {LoraTarget.O}, p + "self_attn.o_proj.weight"),
                    load.vector(new int[] {h}, p + "post_attention_layernorm.weight"),
                    load.matrix(l, h, new int[] {inter, inter}, new LoraTarget[] {LoraTarget.GATE, LoraTarget.UP},
                            p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight"),
                    load.matrix(l, inter, new int[] {h}, new LoraTarget[] {LoraTarget.DOWN}, p + "mlp.down_proj.weight")));
        }
        float[] norm = load.vector(new int[] {h}, "model.norm.weight");
        Matrix head = c.tiedEmbeddings() ? embed
                : load.matrix(-1, h, new int[] {c.vocabSize()}, new LoraTarget[1], "lm_head.weight");
        return new VectorDecoder(c, embed, head, norm, layers, RotaryTables.inverseFrequencies(c), maxContext,
                load.q8 ? "q8_0" : "f32");
    }

    // Vectors [parts_i] concatenated (norm weights, q/k/v biases).
    private float[] vector(int[] parts, String... names) {
        int length = 0;
        for (int n : parts) {
            length += n;
        }
        float[] out = new float[length];
        FloatBuffer dst = FloatBuffer.wrap(out);
        for (int i = 0; i < names.length; i++) {
            tensors.readInto(names[i], dst, parts[i]);
        }
        return out;
    }

    // Projections [out_i, in] stacked row-wise into [sum(out_i), in], each with the merged adapter added when it
    // targets it (layer -1: the embedding or the head, which no merged adapter targets).
    private Matrix matrix(int layer, int in, int[] outs, LoraTarget[] targets, String... names) {
        int rows = 0;
        for (int o : outs) {
            rows += o;
        }
        if ((long) rows * in > Integer.MAX_VALUE) {
            throw new CheckpointException("a weight of " + (long) rows * in + " values exceeds a Java array");
        }
        if (!q8) {
            float[] data = new float[rows * in];
            int at = 0;
            for (int i = 0; i < names.length; i++) {
                FloatBuffer part = FloatBuffer.wrap(data, at * in, outs[i] * in).slice();
                tensors.readInto(names[i], part.duplicate(), outs[i], in);
                if (mergesInto(layer, targets[i])) {
                    merged.mergeInto(layer, targets[i], part);
                }
                at += outs[i];
            }
            return new F32Matrix(rows, in, data);
        }
        Q8Matrix m = Q8Matrix.empty(rows, in);
        int at = 0;
        for (int i = 0; i < names.length; i++) {
            if (mergesInto(layer, targets[i])) {
                float[] part = new float[outs[i] * in];
                tensors.readInto(names[i], FloatBuffer.wrap(part), outs[i], in);
                merged.mergeInto(layer, targets[i], FloatBuffer.wrap(part));
                m.quantiseRows(at, outs[i], FloatBuffer.wrap(part));
            } else {
                int step = Math.max(1, chunk.length / in);
                for (int r = 0; r < outs[i]; r += step) {
                    int n = Math.min(step, outs[i] - r);
                    FloatBuffer dst = FloatBuffer.wrap(chunk, 0, n * in);
                    tensors.readRange(names[i], (long) r * in, n * in, dst, outs[i], in);
                    m.quantiseRows(at + r, n, FloatBuffer.wrap(chunk, 0, n * in));
                }
            }
            at += outs[i];
        }
        return m;
    }

    private boolean mergesInto(int layer, LoraTarget target) {
        return layer >= 0 && merged != null && merged.config().targets().contains(target);
    }
}
