package io.mailtune.model.runtime.vector;

/**
 * One sequence's keys and values for the decode path, per layer [kvHeads, capacity, headDim] float32 on the heap,
 * so a head's keys are contiguous for the attention kernel.
 */
public final class VectorCache {

    private final int kvHeads;
    private final int headDim;
    private final int capacity;
    private final float[][] keys;   // [layers][kvHeads·capacity·headDim]
    private final float[][] values; // [layers][kvHeads·capacity·headDim]
    private int length;

    /** An empty cache for up to {@code capacity} tokens. */
    public VectorCache(int layers, int kvHeads, int headDim, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("KV cache capacity must be > 0, was " + capacity);
        }
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.capacity = capacity;
        this.keys = new float[layers][kvHeads * capacity * headDim];
        this.values = new float[layers][kvHeads * capacity * headDim];
    }

    /** Tokens held. */
    public int length() {
        return length;
    }

    /** Tokens it can hold. */
    public int capacity() {
        return capacity;
    }

    /**
     * Takes over keys and values computed elsewhere (a prefill on DJL): per layer [kvHeads, tokens, headDim],
     * replacing what the cache held.
     */
    public void load(float[][] layerKeys, float[][] layerValues, int tokens) {
        if (tokens > capacity) {
            throw new IllegalStateException("KV cache overflow: " + tokens + " > " + capacity);
        }
        for (int l = 0; l < keys.length; l++) {
            for (int h = 0; h < kvHeads; h++) {
                System.arraycopy(layerKeys[l], h * tokens * headDim, keys[l], h * capacity * headDim, tokens * headDim);
                System.arraycopy(layerValues[l], h * tokens * headDim, values[l], h * capacity * headDim, tokens * headDim);
            }
        }
        length = tokens;
    }

    // Stores the new token's keys and values [kvHeads·headDim] at position length() of a layer.
    void put(int layer, float[] k, int kOff, float[] v, int vOff) {
        if (length >= capacity) {
            throw new IllegalStateException("KV cache overflow: " + length + " + 1 > " + capacity);
        }
        for (int h = 0; h < kvHeads; h++) {
            int at = (h * capacity + length) * headDim;
            System.arraycopy(k, kOff + h * headDim, keys[layer], at, headDim);
            System.arraycopy(v, vOff + h * headDim, values[layer], at, headDim);
        }
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }

    void advance() {
        length++;
    }
}
