package io.mailtune.model.runtime.vector;

/**
 * One decoder block's weights for the decode path, fused like the DJL path's.
 *
 * @param inputNorm [H]
 * @param qkv       [qW + 2·kvW, H]
 * @param qkvBias   [qW + 2·kvW] (Qwen2), or null
 * @param o         [H, qW]
 * @param postNorm  [H]
 * @param gateUp    [2·I, H]
 * @param down      [H, I]
 */
public record VectorLayer(float[] inputNorm, Matrix qkv, float[] qkvBias, Matrix o, float[] postNorm, Matrix gateUp,
                          Matrix down) {

    /** Bytes of the matrices (norms and biases are negligible). */
    public long bytes() {
        return qkv.bytes() + o.bytes() + gateUp.bytes() + down.bytes();
    }
}
