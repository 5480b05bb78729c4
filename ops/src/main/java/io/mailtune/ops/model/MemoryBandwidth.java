package io.mailtune.ops.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Read bandwidth of this machine: threads summing disjoint halves of a 1 GiB float array, the best of a few
 * passes, with the
 * Vector API and four independent accumulators so the loop is bound by memory, not by adds.
 */
final class MemoryBandwidth {

    private MemoryBandwidth() {
    }

    /** Gigabytes (1e9 bytes) per second read by {@code threads} threads. */
    static double measure(int threads, int passes) throws Exception {
        float[] data = new float[1 << 28]; // 1 GiB
        for (int i = 0; i < data.length; i++) {
            data[i] = (i & 1023) * 1e-3f;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double best = 0;
        double sink = 0;
        try {
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                List<Future<Double>> parts = new ArrayList<>();
                int chunk = data.length / threads;
                for (int t = 0; t < threads; t++) {
                    int from = t * chunk;
                    int to = t == threads - 1 ? data.length : from + chunk;
                    parts.add(pool.submit(() -> sum(data, from, to)));
                }
                for (Future<Double> f : parts) {
                    sink += f.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, data.length * 4.0 / seconds / 1e9);
            }
        } finally {
            pool.shutdown();
        }
        if (sink == 42) {
            System.out.println("unlikely");
        }
        return best;
    }

    private static double sum(float[] a, int from, int to) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        int step = species.length() * 4;
        FloatVector s0 = FloatVector.zero(species);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int i = from;
        for (; i + step <= to; i += step) {
            s0 = s0.add(FloatVector.fromArray(species, a, i));
            s1 = s1.add(FloatVector.fromArray(species, a, i + species.length()));
            s2 = s2.add(FloatVector.fromArray(species, a, i + 2 * species.length()));
            s3 = s3.add(FloatVector.fromArray(species, a, i + 3 * species.length()));
        }
        double s = s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }
}
