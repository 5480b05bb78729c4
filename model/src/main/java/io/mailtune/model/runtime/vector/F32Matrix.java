package io.mailtune.model.runtime.vector;

import java.nio.FloatBuffer;

/** A float32 matrix, row-major [rows, cols] on the heap. */
public record F32Matrix(int rows, int cols, float[] data) implements Matrix {

    /** Checks the data holds rows·cols values. */
    public F32Matrix {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a [" + rows + ", " + cols + "] matrix needs " + (long) rows * cols
                    + " values, got " + data.length);
        }
    }

    @Override
    public long bytes() {
        return 4L * data.length;
    }

    @Override
    public void multiply(float[][] x, float[][] y, int from, int to) {
        int batch = x.length;
        for (int r = from; r < to; r++) {
            int off = r * cols;
            // The row stays in L1 across the batch: the weights stream from memory once per step, and each weight
            // vector is loaded once for four inputs.
            int b = 0;
            for (; b + 4 <= batch; b += 4) {
                Kernels.dot4(data, off, x[b], x[b + 1], x[b + 2], x[b + 3], cols, y, b, r);
            }
            for (; b < batch; b++) {
                y[b][r] = Kernels.dot(data, off, x[b], 0, cols);
            }
        }
    }

    @Override
    public void copyTo(FloatBuffer dst) {
        dst.put(data);
    }

    @Override
    public void row(int r, float[] dst) {
        System.arraycopy(data, r * cols, dst, 0, cols);
    }
}
