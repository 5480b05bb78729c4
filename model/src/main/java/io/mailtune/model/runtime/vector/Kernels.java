package io.mailtune.model.runtime.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vectorised float32 building blocks of the decode path: dot products, RMSNorm, SiLU gating. */
final class Kernels {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private Kernels() {
    }

    /** Σ a[aOff + i]·b[bOff + i] over n values, four accumulators to hide the FMA latency. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            s0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), s0);
            s1 = FloatVector.fromArray(F, a, aOff + i + L).fma(FloatVector.fromArray(F, b, bOff + i + L), s1);
            s2 = FloatVector.fromArray(F, a, aOff + i + 2 * L).fma(FloatVector.fromArray(F, b, bOff + i + 2 * L), s2);
            s3 = FloatVector.fromArray(F, a, aOff + i + 3 * L).fma(FloatVector.fromArray(F, b, bOff + i + 3 * L), s3);
        }
        for (; i + L <= n; i += L) {
            s0 = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), s0);
        }
        float sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /**
     * Four dot products of one weight row with four inputs, each weight vector loaded once:
     * y[b + j][r] = w[off..off+n]·x_j for j = 0..3.
     */
    static void dot4(float[] w, int off, float[] x0, float[] x1, float[] x2, float[] x3, int n, float[][] y, int b, int r) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        FloatVector s2 = FloatVector.zero(F);
        FloatVector s3 = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector wv = FloatVector.fromArray(F, w, off + i);
            s0 = wv.fma(FloatVector.fromArray(F, x0, i), s0);
            s1 = wv.fma(FloatVector.fromArray(F, x1, i), s1);
            s2 = wv.fma(FloatVector.fromArray(F, x2, i), s2);
            s3 = wv.fma(FloatVector.fromArray(F, x3, i), s3);
        }
        float r0 = s0.reduceLanes(VectorOperators.ADD);
        float r1 = s1.reduceLanes(VectorOperators.ADD);
        float r2 = s2.reduceLanes(VectorOperators.ADD);
        float r3 = s3.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float wi = w[off + i];
            r0 += wi * x0[i];
            r1 += wi * x1[i];
            r2 += wi * x2[i];
            r3 += wi * x3[i];
        }
        y[b][r] = r0;
        y[b + 1][r] = r1;
        y[b + 2][r] = r2;
        y[b + 3][r] = r3;
    }

    /** y[yOff + i] += s·x[xOff + i] over n values. */
    static void axpy(float s, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector sv = FloatVector.broadcast(F, s);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, xOff + i).fma(sv, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += s * x[xOff + i];
        }
    }

    /** out = x / √(mean(x²) + eps) · weight; x, weight, out [n]. */
    static void rmsNorm(float[] x, float[] weight, float eps, float[] out) {
        int n = x.length;
        float inv = (float) (1.0 / Math.sqrt(dot(x, 0, x, 0, n) / n + eps));
        FloatVector iv = FloatVector.broadcast(F, inv);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, i).mul(iv).mul(FloatVector.fromArray(F, weight, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] * inv * weight[i];
        }
    }

    /** out[i] = silu(gu[i])·gu[n + i] (SwiGLU over gate and up stacked); gu [2n], out [n]. */
    static void swiGlu(float[] gu, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            float g = gu[i];
            out[i] = g / (1f + (float) Math.exp(-g)) * gu[n + i];
        }
    }

    /** x[i] += d[i]; both [n]. */
    static void add(float[] x, float[] d) {
        int n = x.length;
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, i).add(FloatVector.fromArray(F, d, i)).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] += d[i];
        }
    }
}
