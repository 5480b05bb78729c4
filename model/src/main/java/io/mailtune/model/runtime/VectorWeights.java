package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import io.mailtune.model.blocks.RotaryTables;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.runtime.vector.F32Matrix;
import io.mailtune.model.runtime.vector.LoraFactors;
import io.mailtune.model.runtime.vector.Matrix;
import io.mailtune.model.runtime.vector.Q8Matrix;
import io.mailtune.model.runtime.vector.VectorAdapter;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.VectorLayer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/** Builds the Vector API decoder's weights and adapters from the DJL ones (merged adapters already folded in). */
final class VectorWeights {

    private VectorWeights() {
    }

    /** The decoder over a copy of the transformer's weights in {@code format} (VECTOR_F32 or VECTOR_Q8). */
    static VectorDecoder decoder(Transformer t, DecodeFormat format) {
        boolean q8 = format == DecodeFormat.VECTOR_Q8;
        ModelConfig c = t.config();
        List<VectorLayer> layers = new ArrayList<>();
        for (LayerWeights w : t.layerWeights()) {
            layers.add(new VectorLayer(w.inputNorm().toFloatArray(), matrix(w.qkv(), q8),
                    w.qkvBias() == null ? null : w.qkvBias().toFloatArray(), matrix(w.o(), q8),
                    w.postNorm().toFloatArray(), matrix(w.gateUp(), q8), matrix(w.down(), q8)));
        }
        Matrix embed = matrix(t.embedWeights(), q8);
        Matrix head = c.tiedEmbeddings() ? embed : matrix(t.lmHeadWeights(), q8);
        return new VectorDecoder(c, embed, head, t.finalNormWeights().toFloatArray(), layers,
                RotaryTables.inverseFrequencies(c), t.maxContext(), q8 ? "q8_0" : "f32");
    }

    // Read through a view of the device array's memory: the float32 copy is the only allocation (F32), or none is
    // made beside the int8 one (Q8_0), so loading peaks at the weights plus what the decoder keeps.
    private static Matrix matrix(NDArray w, boolean q8) {
        int rows = (int) w.getShape().get(0);
        int cols = (int) w.getShape().get(1);
        FloatBuffer view = w.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (q8) {
            return Q8Matrix.quantise(rows, cols, view);
        }
        float[] data = new float[rows * cols];
        view.get(0, data);
        return new F32Matrix(rows, cols, data);
    }

    /** An adapter's fused factors copied to the heap. */
    static VectorAdapter adapter(List<LayerAdapter> layers) {
        List<VectorAdapter.Layer> out = new ArrayList<>(layers.size());
        for (LayerAdapter la : layers) {
            out.add(new VectorAdapter.Layer(factors(la.qkvA(), la.qkvB(), la.qkvBias()),
                    factors(la.oA(), la.oB(), la.oBias()), factors(la.gateUpA(), la.gateUpB(), la.gateUpBias()),
                    factors(la.downA(), la.downB(), la.downBias())));
        }
        return new VectorAdapter(out);
    }

    private static LoraFactors factors(NDArray a, NDArray b, NDArray bias) {
        if (a == null) {
            return null;
        }
        int rank = (int) a.getShape().get(0);
        int in = (int) a.getShape().get(1);
        int out = (int) b.getShape().get(0);
        return new LoraFactors(rank, in, out, a.toFloatArray(), b.toFloatArray(), bias == null ? null : bias.toFloatArray());
    }
}
