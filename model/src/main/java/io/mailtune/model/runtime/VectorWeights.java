package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import io.mailtune.model.runtime.vector.LoraFactors;
import io.mailtune.model.runtime.vector.VectorAdapter;
import java.util.ArrayList;
import java.util.List;

/** Copies adapters from their DJL (fused) form to the Vector API decoder's heap form. */
final class VectorWeights {

    private VectorWeights() {
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
