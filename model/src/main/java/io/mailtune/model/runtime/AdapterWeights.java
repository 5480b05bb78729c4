package io.mailtune.model.runtime;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.runtime.vector.VectorAdapter;
import java.util.List;

/** A LoRA adapter placed on the device for one model, in the fused layout the forward pass uses. */
public final class AdapterWeights implements AutoCloseable {

    private final LoraAdapter adapter;
    private final NDManager manager;
    private final List<LayerAdapter> layers;
    private VectorAdapter vectorForm; // the heap copy the Vector API decoder uses, made on first use

    /**
     * Wraps per-layer factors already on the device (the trainer builds them from trainable arrays); closing this
     * closes {@code manager}. {@code adapter} is the Java-memory copy, or null when there is none.
     */
    public AdapterWeights(LoraAdapter adapter, NDManager manager, List<LayerAdapter> layers) {
        this.adapter = adapter;
        this.manager = manager;
        this.layers = List.copyOf(layers);
    }

    /** The adapter in Java memory (for saving, counting, merging). */
    public LoraAdapter adapter() {
        return adapter;
    }

    LayerAdapter layer(int index) {
        return layers.get(index);
    }

    synchronized VectorAdapter vectorForm() {
        if (vectorForm == null) {
            vectorForm = VectorWeights.adapter(layers);
        }
        return vectorForm;
    }

    /** Frees the device arrays. */
    @Override
    public void close() {
        manager.close();
    }
}
