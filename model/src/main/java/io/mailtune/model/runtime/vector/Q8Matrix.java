package io.mailtune.model.runtime.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * An int8 matrix in the manner of llama.cpp's Q8_0: each row in blocks of 32 values sharing one float32 scale
 * (max |w| / 127), so a step streams ~1.1 bytes per weight instead of 4. A row's last block may be short.
 *
 * @param quants [rows, cols] int8
 * @param scales [rows, blocksPerRow] float32
 */
public record Q8Matrix(int rows, int cols, byte[] quants, float[] scales) implements Matrix {

    /** Values per block. */
    public static final int BLOCK = 32;

    private static final VectorSpecies<Float> F = Kernels.F;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));
    private static final int L = F.length();

    /** Quantises a float32 matrix [rows, cols] (row-major) block by block. */
    public static Q8Matrix quantise(int rows, int cols, float[] w) {
        int blocks = blocks(cols);
        byte[] q = new byte[rows * cols];
        float[] s = new float[rows * blocks];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < blocks; k++) {
                int start = r * cols + k * BLOCK;
                int end = Math.min(start + BLOCK, (r + 1) * cols);
                float max = 0;
                for (int i = start; i < end; i++) {
                    max = Math.max(max, Math.abs(w[i]));
                }
                float scale = max / 127f;
                s[r * blocks + k] = scale;
                float inv = scale == 0 ? 0 : 1f / scale;
                for (int i = start; i < end; i++) {
                    q[i] = (byte) Math.round(w[i] * inv);
                }
            }
        }
        return new Q8Matrix(rows, cols, q, s);
    }

    static int blocks(int cols) {
        return (cols + BLOCK - 1) / BLOCK;
    }

    @Override
    public long bytes() {
        return quants.length + 4L * scales.length;
    }

    @Override
    public void multiply(float[][] x, float[][] y, int from, int to) {
        int batch = x.length;
        for (int r = from; r < to; r++) {
            for (int b = 0; b < batch; b++) {
                y[b][r] = dot(r, x[b]);
            }
        }
    }

    // Full blocks vectorised (int8 widened to float32 lanes, one FMA by the block's scale), the short tail scalar.
    private float dot(int r, float[] x) {
        int blocks = blocks(cols);
        int full = cols / BLOCK;
        int rowOff = r * cols;
        int scaleOff = r * blocks;
        FloatVector acc = FloatVector.zero(F);
        for (int k = 0; k < full; k++) {
            int o = k * BLOCK;
            FloatVector part = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += L) {
                FloatVector w = (FloatVector) ByteVector.fromArray(B, quants, rowOff + o + j)
                        .convertShape(VectorOperators.B2F, F, 0);
                part = w.fma(FloatVector.fromArray(F, x, o + j), part);
            }
            acc = part.fma(FloatVector.broadcast(F, scales[scaleOff + k]), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        if (full < blocks) {
            float tail = 0;
            for (int i = full * BLOCK; i < cols; i++) {
                tail += quants[rowOff + i] * x[i];
            }
            sum += tail * scales[scaleOff + full];
        }
        return sum;
    }

    @Override
    public void row(int r, float[] dst) {
        int blocks = blocks(cols);
        for (int i = 0; i < cols; i++) {
            dst[i] = quants[r * cols + i] * scales[r * blocks + i / BLOCK];
        }
    }
}
