package io.mailtune.demo.synthetic;

/** Seed mixing, so neighbouring seeds and indices give unrelated random streams. */
final class Seeds {

    private Seeds() {
    }

    /** SplitMix64 of seed and index. */
    static long mix(long seed, int index) {
        return splitMix(seed ^ splitMix(index + 0x9E3779B97F4A7C15L));
    }

    static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
