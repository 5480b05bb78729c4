package io.mailtune.model.runtime.vector;

import io.mailtune.model.blocks.RotaryTables;

/**
 * Rotary position embedding in HF's rotate-half layout (dimension i pairs with i + headDim/2), from precomputed
 * tables [maxContext, headDim/2].
 */
final class Rope {

    private final int half;
    private final float[] cos; // [maxContext, headDim/2]
    private final float[] sin; // [maxContext, headDim/2]

    /** Tables for positions 0..maxContext-1 from the (already scaled) inverse frequencies [headDim/2]. */
    Rope(double[] inverseFrequencies, int maxContext) {
        this.half = inverseFrequencies.length;
        float[][] tables = RotaryTables.half(inverseFrequencies, maxContext);
        this.cos = tables[0];
        this.sin = tables[1];
    }

    /** Rotates {@code heads} heads of x, starting at {@code off}, to position {@code pos}. */
    void apply(float[] x, int off, int heads, int pos) {
        int t = pos * half;
        for (int h = 0; h < heads; h++) {
            int base = off + h * 2 * half;
            for (int i = 0; i < half; i++) {
                float a = x[base + i];
                float b = x[base + i + half];
                float c = cos[t + i];
                float s = sin[t + i];
                x[base + i] = a * c - b * s;
                x[base + i + half] = b * c + a * s;
            }
        }
    }
}
