package io.mailtune.model.runtime.vector;

/**
 * One fused projection's LoRA delta kept unmerged: {@code y += B·(A·x) (+ bias)}, with each part's scale folded
 * into B. Costs (rank·in + out·rank) multiply-adds per token, a few percent of the projection.
 *
 * @param a    [rank, in]
 * @param b    [out, rank], scaled
 * @param bias [out], scaled, or null
 */
public record LoraFactors(int rank, int in, int out, float[] a, float[] b, float[] bias) {

    /** Checks the factor sizes. */
    public LoraFactors {
        if (a.length != rank * in || b.length != out * rank || (bias != null && bias.length != out)) {
            throw new IllegalArgumentException("LoRA factors do not match rank " + rank + ", in " + in + ", out " + out);
        }
    }

    /** Adds the delta of input x [in] to y [out]. */
    void addTo(float[] x, float[] y) {
        float[] ax = new float[rank];
        for (int k = 0; k < rank; k++) {
            ax[k] = Kernels.dot(a, k * in, x, 0, in);
        }
        for (int r = 0; r < out; r++) {
            y[r] += Kernels.dot(b, r * rank, ax, 0, rank) + (bias == null ? 0 : bias[r]);
        }
    }
}
