package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;

/** One sequence's keys and values for every layer: a slot of a {@link KvCachePool}, up to a fixed capacity. */
public final class KvCache implements AutoCloseable {

    private final KvCachePool pool;
    private final int slot;
    private final int capacity;
    private int length;

    KvCache(KvCachePool pool, int slot, int capacity) {
        this.pool = pool;
        this.slot = slot;
        this.capacity = capacity;
    }

    /** Tokens held. */
    public int length() {
        return length;
    }

    /** Tokens it can hold. */
    public int capacity() {
        return capacity;
    }

    KvCachePool pool() {
        return pool;
    }

    int slot() {
        return slot;
    }

    // The pool's storage, [slots, kvHeads, poolCapacity, headDim]: this cache is row slot(). Fetch per step, since
    // the pool reallocates it when it grows.
    NDArray keys(int layer) {
        return pool.keys(layer);
    }

    NDArray values(int layer) {
        return pool.values(layer);
    }

    void advance(int tokens) {
        if (length + tokens > capacity) {
            throw new IllegalStateException("KV cache overflow: " + length + " + " + tokens + " > " + capacity);
        }
        length += tokens;
    }

    /** Frees the slot; the pool frees its storage when no slot is in use. */
    @Override
    public void close() {
        pool.release(this);
    }
}
