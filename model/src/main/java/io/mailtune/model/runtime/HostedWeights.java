package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mailtune.model.runtime.vector.Matrix;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.VectorLayer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Vector API decoder's heap weights lent to the DJL forward pass (prefill) one layer at a time, so the model
 * holds its weights once: each layer's matrices are copied (int8 ones widened) into four direct buffers that
 * PyTorch uses in place, reused by every layer; the embedding is gathered row by row and the output head runs on
 * the heap. Not thread-safe: the {@link Transformer} runs one forward pass at a time over it.
 */
final class HostedWeights {

    private final VectorDecoder decoder;
    private final ByteBuffer qkv;    // [qW + 2·kvW, H] float32
    private final ByteBuffer o;      // [H, qW]
    private final ByteBuffer gateUp; // [2·I, H]
    private final ByteBuffer down;   // [H, I]

    HostedWeights(VectorDecoder decoder) {
        this.decoder = decoder;
        VectorLayer first = decoder.layers().get(0);
        this.qkv = scratch(first.qkv());
        this.o = scratch(first.o());
        this.gateUp = scratch(first.gateUp());
        this.down = scratch(first.down());
    }

    /** Bytes of the scratch buffers (one layer's matrices in float32). */
    long scratchBytes() {
        return (long) qkv.capacity() + o.capacity() + gateUp.capacity() + down.capacity();
    }

    /**
     * Layer {@code l}'s matrices as device arrays over the scratch buffers, attached to {@code scope} (close it before
     * the next layer is lent), with the resident norms and bias of {@code norms}.
     */
    LayerWeights layer(NDManager scope, int l, LayerWeights norms) {
        VectorLayer w = decoder.layers().get(l);
        return new LayerWeights(norms.inputNorm(), lend(scope, w.qkv(), qkv), norms.qkvBias(), lend(scope, w.o(), o),
                norms.postNorm(), lend(scope, w.gateUp(), gateUp), lend(scope, w.down(), down));
    }

    /** The embedding rows of {@code tokens}, [tokens, H]. */
    NDArray embed(NDManager step, int[] tokens) {
        Matrix e = decoder.embedding();
        int h = e.cols();
        float[] out = new float[tokens.length * h];
        float[] row = new float[h];
        for (int i = 0; i < tokens.length; i++) {
            e.row(tokens[i], row);
            System.arraycopy(row, 0, out, i * h, h);
        }
        return step.create(out, new Shape(tokens.length, h));
    }

    /** Logits [rows, V] of the final-normed hidden states [rows, H], by the decoder's output head on the heap. */
    NDArray logits(NDManager step, NDArray normed) {
        Matrix head = decoder.outputHead();
        int rows = (int) normed.getShape().get(0);
        int h = head.cols();
        float[] flat = normed.toFloatArray();
        float[][] x = new float[rows][h];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * h, x[r], 0, h);
        }
        float[][] y = new float[rows][head.rows()];
        head.multiply(x, y, 0, head.rows());
        float[] out = new float[rows * head.rows()];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(y[r], 0, out, r * head.rows(), head.rows());
        }
        return step.create(out, new Shape(rows, head.rows()));
    }

    private static NDArray lend(NDManager scope, Matrix m, ByteBuffer buf) {
        buf.clear();
        m.copyTo(buf.asFloatBuffer());
        return scope.create(buf, new Shape(m.rows(), m.cols()), DataType.FLOAT32);
    }

    private static ByteBuffer scratch(Matrix m) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(4 * m.rows(), m.cols())).order(ByteOrder.nativeOrder());
    }
}
