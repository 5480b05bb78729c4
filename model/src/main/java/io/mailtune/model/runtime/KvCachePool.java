package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * KV storage shared by up to {@code maxSlots} sequences, one slot each: per layer one array of keys and one of
 * values, so a decode step over several sequences writes and attends with one set of operations per layer.
 * Storage grows with use (slots to the next power of two in use, capacity to the largest open cache's) and is
 * freed when the last cache closes, so an idle pool holds no memory and a lone sequence costs what it needs.
 * Not thread-safe: open, run and close its caches on one thread (the generator's).
 */
public final class KvCachePool {

    private static final int CAPACITY_STEP = 64; // round capacities up so similar requests do not regrow storage

    private final NDManager parent;
    private final int layers;
    private final int kvHeads;
    private final int headDim;
    private final int maxCapacity;
    private final KvCache[] occupants; // by slot; null where free
    private NDManager manager;         // holds the storage; null while the pool is empty
    private NDArray[] keys;            // per layer [slots, kvHeads, capacity, headDim]
    private NDArray[] values;          // per layer [slots, kvHeads, capacity, headDim]
    private int slots;
    private int capacity;

    KvCachePool(NDManager parent, int maxSlots, int layers, int kvHeads, int headDim, int maxCapacity) {
        if (maxSlots <= 0) {
            throw new IllegalArgumentException("a KV cache pool needs at least one slot, was " + maxSlots);
        }
        this.parent = parent;
        this.layers = layers;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.maxCapacity = maxCapacity;
        this.occupants = new KvCache[maxSlots];
    }

    /** A new empty cache for one sequence of up to {@code capacity} tokens, in the lowest free slot. */
    public KvCache open(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("KV cache capacity must be > 0, was " + capacity);
        }
        if (capacity > maxCapacity) {
            throw new IllegalArgumentException("KV cache capacity " + capacity + " exceeds max context " + maxCapacity);
        }
        int slot = 0;
        while (slot < occupants.length && occupants[slot] != null) {
            slot++;
        }
        if (slot == occupants.length) {
            throw new IllegalStateException("all " + occupants.length + " KV cache slots are in use");
        }
        int wantSlots = 1;
        while (wantSlots <= slot) {
            wantSlots *= 2;
        }
        grow(Math.min(wantSlots, occupants.length),
                Math.min(maxCapacity, (capacity + CAPACITY_STEP - 1) / CAPACITY_STEP * CAPACITY_STEP));
        KvCache cache = new KvCache(this, slot, capacity);
        occupants[slot] = cache;
        return cache;
    }

    /** Slots in use. */
    public int inUse() {
        int n = 0;
        for (KvCache c : occupants) {
            n += c == null ? 0 : 1;
        }
        return n;
    }

    /** Values the storage holds now (keys and values, every layer), 0 when empty. */
    public long storedValues() {
        return 2L * layers * slots * kvHeads * capacity * headDim;
    }

    NDArray keys(int layer) {
        return keys[layer];
    }

    NDArray values(int layer) {
        return values[layer];
    }

    void release(KvCache cache) {
        if (occupants[cache.slot()] != cache) {
            return;
        }
        occupants[cache.slot()] = null;
        if (inUse() == 0) {
            manager.close();
            manager = null;
            keys = null;
            values = null;
            slots = 0;
            capacity = 0;
        }
    }

    // Reallocates the storage when it must hold more slots or tokens, copying what the open caches hold; new
    // space is zeroed so masked-out positions are finite (0·garbage could be NaN).
    private void grow(int wantSlots, int wantCapacity) {
        int newSlots = Math.max(slots, wantSlots);
        int newCapacity = Math.max(capacity, wantCapacity);
        if (newSlots == slots && newCapacity == capacity) {
            return;
        }
        NDManager next = parent.newSubManager();
        NDArray[] newKeys = new NDArray[layers];
        NDArray[] newValues = new NDArray[layers];
        Shape shape = new Shape(newSlots, kvHeads, newCapacity, headDim);
        NDIndex old = new NDIndex().addSliceDim(0, slots).addAllDim().addSliceDim(0, capacity);
        try {
            for (int l = 0; l < layers; l++) {
                newKeys[l] = next.zeros(shape);
                newValues[l] = next.zeros(shape);
                if (manager != null) {
                    newKeys[l].set(old, keys[l]);
                    newValues[l].set(old, values[l]);
                }
            }
        } catch (RuntimeException e) {
            next.close(); // the old storage stays in use
            throw e;
        }
        if (manager != null) {
            manager.close();
        }
        next.cap(); // a forward pass cannot leak its intermediates into the storage
        manager = next;
        keys = newKeys;
        values = newValues;
        slots = newSlots;
        capacity = newCapacity;
    }
}
