package io.mailtune.model.runtime.vector;

import java.nio.FloatBuffer;

/**
 * A weight matrix [rows, cols] in a layout the decode kernels read directly; {@code y = W·x} for several inputs
 * at once, so one pass over the weights serves every sequence of a decode step.
 */
public sealed interface Matrix permits F32Matrix, Q8Matrix {

    /** Output features. */
    int rows();

    /** Input features. */
    int cols();

    /** Bytes the matrix holds (what one decode step streams from memory). */
    long bytes();

    /** {@code y[b][r] = W[r]·x[b]} for rows {@code from..to} of every input b; x [batch][cols], y [batch][rows]. */
    void multiply(float[][] x, float[][] y, int from, int to);

    /** Row {@code r} as float32 into {@code dst} [cols] (an embedding lookup). */
    void row(int r, float[] dst);

    /** The whole matrix as float32, row-major [rows, cols], put into {@code dst} at its position (lent to prefill). */
    void copyTo(FloatBuffer dst);
}
