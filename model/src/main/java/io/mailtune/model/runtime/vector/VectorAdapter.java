package io.mailtune.model.runtime.vector;

import java.util.List;

/** A LoRA adapter in the decode path's form: per layer the factors of each fused projection, null where absent. */
public record VectorAdapter(List<Layer> layers) {

    /**
     * One layer's factors.
     *
     * @param qkv    over q, k, v stacked
     * @param o      attention output
     * @param gateUp over gate and up stacked
     * @param down   MLP output
     */
    public record Layer(LoraFactors qkv, LoraFactors o, LoraFactors gateUp, LoraFactors down) {
    }

    /** Copies the layer list. */
    public VectorAdapter {
        layers = List.copyOf(layers);
    }
}
