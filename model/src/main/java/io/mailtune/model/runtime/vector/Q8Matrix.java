package io.mailtune.model.runtime.vector;

import java.nio.FloatBuffer;

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
        return quantise(rows, cols, FloatBuffer.wrap(w));
    }

    /**
     * Quantises a float32 matrix [rows, cols] (row-major) read in place from {@code w} (e.g. a view of the device
     * array), so no float32 copy is made.
     */
    public static Q8Matrix quantise(int rows, int cols, FloatBuffer w) {
        Q8Matrix m = empty(rows, cols);
        m.quantiseRows(0, rows, w);
        return m;
    }

    /** A matrix of zeros to be filled with {@link #quantiseRows}. */
    public static Q8Matrix empty(int rows, int cols) {
        return new Q8Matrix(rows, cols, new byte[rows * cols], new float[rows * blocks(cols)]);
    }

    /**
     * Quantises rows {@code [first, first + count)} of this matrix from {@code w}, which holds those rows as float32
     * [count, cols] from index 0: a checkpoint can be quantised a few rows at a time as it is read.
     */
    public void quantiseRows(int first, int count, FloatBuffer w) {
        int blocks = blocks(cols);
        float[] block = new float[BLOCK];
        for (int r = 0; r < count; r++) {
            int row = first + r;
            for (int k = 0; k < blocks; k++) {
                int n = Math.min(BLOCK, cols - k * BLOCK);
                w.get(r * cols + k * BLOCK, block, 0, n);
                float max = 0;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, Math.abs(block[i]));
                }
                float scale = max / 127f;
                scales[row * blocks + k] = scale;
                float inv = scale == 0 ? 0 : 1f / scale;
                int start = row * cols + k * BLOCK;
                for (int i = 0; i < n; i++) {
                    quants[start + i] = (byte) Math.round(block[i] * inv);
                }
            }
        }
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
            int b = 0;
            for (; b + 4 <= batch; b += 4) {
                dot4(r, x[b], x[b + 1], x[b + 2], x[b + 3], y, b);
            }
            for (; b < batch; b++) {
                y[b][r] = dot(r, x[b]);
            }
        }
    }

    // Row r against four inputs: each block is widened to float32 once and used for all four.
    private void dot4(int r, float[] x0, float[] x1, float[] x2, float[] x3, float[][] y, int b) {
        int blocks = blocks(cols);
        int full = cols / BLOCK;
        int rowOff = r * cols;
        int scaleOff = r * blocks;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        for (int k = 0; k < full; k++) {
            int o = k * BLOCK;
            FloatVector p0 = FloatVector.zero(F);
            FloatVector p1 = FloatVector.zero(F);
            FloatVector p2 = FloatVector.zero(F);
            FloatVector p3 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += L) {
                FloatVector w = (FloatVector) ByteVector.fromArray(B, quants, rowOff + o + j)
                        .convertShape(VectorOperators.B2F, F, 0);
                p0 = w.fma(FloatVector.fromArray(F, x0, o + j), p0);
                p1 = w.fma(FloatVector.fromArray(F, x1, o + j), p1);
                p2 = w.fma(FloatVector.fromArray(F, x2, o + j), p2);
                p3 = w.fma(FloatVector.fromArray(F, x3, o + j), p3);
            }
            FloatVector s = FloatVector.broadcast(F, scales[scaleOff + k]);
            a0 = p0.fma(s, a0);
            a1 = p1.fma(s, a1);
            a2 = p2.fma(s, a2);
            a3 = p3.fma(s, a3);
        }
        float r0 = a0.reduceLanes(VectorOperators.ADD);
        float r1 = a1.reduceLanes(VectorOperators.ADD);
        float r2 = a2.reduceLanes(VectorOperators.ADD);
        float r3 = a3.reduceLanes(VectorOperators.ADD);
        if (full < blocks) {
            float t0 = 0;
            float t1 = 0;
            float t2 = 0;
            float t3 = 0;
            for (int i = full * BLOCK; i < cols; i++) {
                float q = quants[rowOff + i];
                t0 += q * x0[i];
                t1 += q * x1[i];
                t2 += q * x2[i];
                t3 += q * x3[i];
            }
            float s = scales[scaleOff + full];
            r0 += t0 * s;
            r1 += t1 * s;
            r2 += t2 * s;
            r3 += t3 * s;
        }
        y[b][r] = r0;
        y[b + 1][r] = r1;
        y[b + 2][r] = r2;
        y[b + 3][r] = r3;
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
    public void copyTo(FloatBuffer dst) {
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            row(r, row);
            dst.put(row);
        }
    }

    @Override
    public void row(int r, float[] dst) {
        int blocks = blocks(cols);
        for (int i = 0; i < cols; i++) {
            dst[i] = quants[r * cols + i] * scales[r * blocks + i / BLOCK];
        }
    }
}
