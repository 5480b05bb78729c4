package io.mailtune.model.runtime;

/**
 * One sequence's share of a ragged batch: its new tokens occupy rows [start, start + count) and continue the
 * sequence held in its cache, modified by its adapter (null for the base model).
 *
 * @param cache   the sequence's KV cache; positions continue from its length
 * @param start   first row in the batch
 * @param count   number of new tokens
 * @param adapter LoRA weights on the device, or null
 */
public record Segment(KvCache cache, int start, int count, AdapterWeights adapter) {

    /** Validates the row range. */
    public Segment {
        if (cache == null) {
            throw new IllegalArgumentException("segment needs a KV cache");
        }
        if (start < 0 || count <= 0) {
            throw new IllegalArgumentException("segment rows must be start >= 0, count > 0, were " + start + ", " + count);
        }
        if (cache.length() + count > cache.capacity()) {
            throw new IllegalArgumentException("segment of " + count + " tokens overflows its KV cache ("
                    + cache.length() + " of " + cache.capacity() + " used)");
        }
    }
}
