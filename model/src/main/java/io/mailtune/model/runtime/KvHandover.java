package io.mailtune.model.runtime;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.mailtune.model.runtime.vector.VectorCache;

/** Moves a prefilled sequence's keys and values from its DJL cache slot to the Vector API decoder's cache. */
final class KvHandover {

    private KvHandover() {
    }

    /** Copies every layer's [kvHeads, length, headDim] of {@code from} into {@code to}. */
    static void copy(KvCache from, VectorCache to, int layers) {
        int len = from.length();
        float[][] keys = new float[layers][];
        float[][] values = new float[layers][];
        NDIndex held = new NDIndex().addIndices(from.slot()).addAllDim().addSliceDim(0, len);
        try (NDManager scratch = NDManager.newBaseManager("PyTorch")) {
            for (int l = 0; l < layers; l++) {
                keys[l] = from.keys(l).get(scratch, held).toFloatArray();
                values[l] = from.values(l).get(scratch, held).toFloatArray();
            }
        }
        to.load(keys, values, len);
    }
}
