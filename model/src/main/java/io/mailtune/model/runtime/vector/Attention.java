package io.mailtune.model.runtime.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/** Causal attention of one new query head over a sequence's cached keys and values (grouped-query heads share). */
final class Attention {

    private Attention() {
    }

    /**
     * out[outOff..+d] = softmax(q·Kᵀ·scale)·V over positions 0..length-1 of kv head {@code kvHead};
     * keys/values [kvHeads, capacity, d], q read from {@code q[qOff..+d]}; {@code scores} is scratch of ≥ length.
     */
    static void head(float[] q, int qOff, float[] keys, float[] values, int kvHead, int capacity, int d, int length,
                     float scale, float[] scores, float[] out, int outOff) {
        int base = kvHead * capacity * d;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < length; t++) {
            float s = Kernels.dot(q, qOff, keys, base + t * d, d) * scale;
            scores[t] = s;
            max = Math.max(max, s);
        }
        float sum = 0;
        for (int t = 0; t < length; t++) {
            float e = (float) Math.exp(scores[t] - max);
            scores[t] = e;
            sum += e;
        }
        Arrays.fill(out, outOff, outOff + d, 0f);
        for (int t = 0; t < length; t++) {
            Kernels.axpy(scores[t], values, base + t * d, out, outOff, d);
        }
        float inv = 1f / sum;
        int L = Kernels.F.length();
        int i = 0;
        for (; i + L <= d; i += L) {
            FloatVector.fromArray(Kernels.F, out, outOff + i).mul(inv).intoArray(out, outOff + i);
        }
        for (; i < d; i++) {
            out[outOff + i] *= inv;
        }
    }
}
