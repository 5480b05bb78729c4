package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * A step in which several sequences of one pool each add one token, so every layer writes their keys and values
 * and attends over all their slots at once: where each row goes and the per-slot length mask, made once per step.
 *
 * @param pool      the pool every row's cache is a slot of
 * @param slots     [rows] int64: each row's slot
 * @param positions [rows] int64: each row's position, its cache's length
 * @param from      first slot attention covers
 * @param to        one past the last slot attention covers
 * @param length    positions attention covers: the longest sequence's, its new token included
 * @param mask      [to - from, 1, 1, length]: 0 up to each slot's new token, -inf beyond (a free slot sees position 0)
 * @param slotRows  [to - from] int64: the row whose query each covered slot uses, or null when slot from + i is row i
 * @param rowSlots  [rows] int64: each row's slot minus {@code from}, or null likewise
 */
record DecodeBatch(KvCachePool pool, NDArray slots, NDArray positions, int from, int to, int length, NDArray mask,
                   NDArray slotRows, NDArray rowSlots) {

    /** The batch for a step of single-token segments sharing a pool, or null when the step is not one. */
    static DecodeBatch of(NDManager step, List<Segment> segments) {
        int rows = segments.size();
        if (rows < 2) {
            return null;
        }
        KvCachePool pool = segments.get(0).cache().pool();
        long[] slots = new long[rows];
        long[] positions = new long[rows];
        int from = Integer.MAX_VALUE;
        int to = 0;
        int length = 0;
        for (int r = 0; r < rows; r++) {
            Segment s = segments.get(r);
            if (s.count() != 1 || s.cache().pool() != pool) {
                return null;
            }
            slots[r] = s.cache().slot();
            positions[r] = s.cache().length();
            from = Math.min(from, s.cache().slot());
            to = Math.max(to, s.cache().slot() + 1);
            length = Math.max(length, s.cache().length() + 1);
        }
        int covered = to - from;
        long[] slotRows = new long[covered]; // free slots borrow row 0's query; their output is dropped
        long[] rowSlots = new long[rows];
        int[] seen = new int[covered];        // positions each covered slot sees, 1 for a free slot
        Arrays.fill(seen, 1);
        boolean identity = covered == rows;
        for (int r = 0; r < rows; r++) {
            int c = (int) slots[r] - from;
            slotRows[c] = r;
            rowSlots[r] = c;
            seen[c] = (int) positions[r] + 1;
            identity &= c == r;
        }
        float[] mask = new float[covered * length];
        for (int c = 0; c < covered; c++) {
            Arrays.fill(mask, c * length + seen[c], (c + 1) * length, Float.NEGATIVE_INFINITY);
        }
        return new DecodeBatch(pool, step.create(slots), step.create(positions), from, to, length,
                step.create(mask, new Shape(covered, 1, 1, length)),
                identity ? null : step.create(slotRows), identity ? null : step.create(rowSlots));
    }
}
