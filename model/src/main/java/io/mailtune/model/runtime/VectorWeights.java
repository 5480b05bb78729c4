package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.mailtune.model.blocks.RotaryTables;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.runtime.vector.F32Matrix;
import io.mailtune.model.runtime.vector.LoraFactors;
import io.mailtune.model.runtime.vector.Matrix;
import io.mailtune.model.runtime.vector.Q8Matrix;
import io.mailtune.model.runtime.vector.VectorAdapter;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.VectorLayer;
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

    // Rows quantised per slice of ~1M values, so loading holds no float32 copy of a whole matrix beside the int8 one.
    private static final int SLICE_VALUES = 1 << 20;

    private static Matrix matrix(NDArray w, boolean q8) {
        int rows = (int) w.getShape().get(0);
        int cols = (int) w.getShape().get(1);
        if (!q8) {
            return new F32Matrix(rows, cols, w.toFloatArray());
        }
        Q8Matrix m = Q8Matrix.empty(rows, cols);
        int step = Math.max(1, SLICE_VALUES / cols);
        for (int r = 0; r < rows; r += step) {
            try (NDManager scratch = NDManager.newBaseManager("PyTorch")) {
                m.quantiseRows(r, w.get(scratch, new NDIndex().addSliceDim(r, Math.min(rows, r + step))).toFloatArray());
            }
        }
        return m;
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
