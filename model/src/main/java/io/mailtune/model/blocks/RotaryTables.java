package io.mailtune.model.blocks;

import io.mailtune.model.config.ModelConfig;

/**
 * RoPE's tables, one definition for every decoder (the runtime's DJL and Vector API paths and training): HF's
 * rotate-half layout, dimension i paired with i + headDim/2, frequencies scaled as the config's rope_scaling says.
 */
public final class RotaryTables {

    private RotaryTables() {
    }

    /** Inverse frequencies [headDim/2]: θ^(-2i/headDim), then rope_scaling. */
    public static double[] inverseFrequencies(ModelConfig config) {
        int d = config.headDim();
        double[] inv = new double[d / 2];
        for (int i = 0; i < d / 2; i++) {
            inv[i] = 1.0 / Math.pow(config.ropeTheta(), 2.0 * i / d);
        }
        return config.ropeScaling().apply(inv);
    }

    /** {cos, sin} [positions, headDim/2] of position·frequency. */
    public static float[][] half(double[] inverseFrequencies, int positions) {
        int half = inverseFrequencies.length;
        float[] cos = new float[positions * half];
        float[] sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * inverseFrequencies[i];
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        return new float[][] {cos, sin};
    }

    /** {cos, sin} [positions, headDim], each half repeated, times {@code scale} (1/√headDim pre-scales queries). */
    public static float[][] full(double[] inverseFrequencies, int positions, double scale) {
        int half = inverseFrequencies.length;
        int d = 2 * half;
        float[] cos = new float[positions * d];
        float[] sin = new float[positions * d];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < d; i++) {
                double angle = p * inverseFrequencies[i % half];
                cos[p * d + i] = (float) (Math.cos(angle) * scale);
                sin[p * d + i] = (float) (Math.sin(angle) * scale);
            }
        }
        return new float[][] {cos, sin};
    }

    /** R [headDim, headDim] with x·R = concat(-x2, x1), so RoPE is x·cos + (x·R)·sin in matrix operations. */
    public static float[] rotateHalf(int headDim) {
        int d = headDim;
        float[] r = new float[d * d];
        for (int j = 0; j < d / 2; j++) {
            r[(j + d / 2) * d + j] = -1;
            r[j * d + j + d / 2] = 1;
        }
        return r;
    }
}
