package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** One sequence's keys and values for every layer, preallocated to a fixed capacity. */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;   // per layer [kvHeads, capacity, headDim]
    private final NDArray[] values; // per layer [kvHeads, capacity, headDim]
    private final int capacity;
    private int length;

    KvCache(NDManager parent, int layers, int kvHeads, int headDim, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("KV cache capacity must be > 0, was " + capacity);
        }
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            keys[l] = manager.zeros(new Shape(kvHeads, capacity, headDim));
            values[l] = manager.zeros(new Shape(kvHeads, capacity, headDim));
        }
        this.capacity = capacity;
        manager.cap();
    }

    /** Tokens held. */
    public int length() {
        return length;
    }

    /** Tokens it can hold. */
    public int capacity() {
        return capacity;
    }

    NDArray keys(int layer) {
        return keys[layer];
    }

    NDArray values(int layer) {
        return values[layer];
    }

    void advance(int tokens) {
        if (length + tokens > capacity) {
            throw new IllegalStateException("KV cache overflow: " + length + " + " + tokens + " > " + capacity);
        }
        length += tokens;
    }

    @Override
    public void close() {
        manager.close();
    }
}
