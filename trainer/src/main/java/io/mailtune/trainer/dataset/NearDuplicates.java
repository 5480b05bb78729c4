package io.mailtune.trainer.dataset;

import io.mailtune.core.id.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Near-identical text detection: character 5-gram shingles of the normalised text (lower case, whitespace runs as
 * one space, digits as 0), a 32-value MinHash signature cut into 8 bands of 4, and exact Jaccard for the candidates
 * that share a band. Two texts with Jaccard 0.9 share at least one band with probability above 0.999; texts below
 * 0.5 rarely do, so the exact check runs on few pairs.
 */
public final class NearDuplicates {

    /** Values in a signature. */
    public static final int HASHES = 32;
    /** Bands the signature is cut into; each band key is stored. */
    public static final int BANDS = 8;

    private static final int SHINGLE = 5;
    private static final long[] SEEDS = new long[HASHES];

    static {
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < HASHES; i++) {
            x = mix(x + i);
            SEEDS[i] = x;
        }
    }

    private NearDuplicates() {
    }

    /** The text as compared: lower case, whitespace collapsed, digits folded to 0. */
    public static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("\\d", "0").strip();
    }

    /** SHA-256 of the normalised text: the exact-duplicate key. */
    public static String contentHash(String text) {
        return Hashing.sha256Hex(normalise(text));
    }

    /** The shingles of a normalised text. */
    public static Set<Long> shingles(String normalised) {
        Set<Long> out = new HashSet<>();
        if (normalised.length() < SHINGLE) {
            out.add(hash(normalised));
            return out;
        }
        for (int i = 0; i + SHINGLE <= normalised.length(); i++) {
            out.add(hash(normalised.substring(i, i + SHINGLE)));
        }
        return out;
    }

    /** Jaccard similarity of two texts' shingle sets. */
    public static double jaccard(String a, String b) {
        Set<Long> x = shingles(normalise(a));
        Set<Long> y = shingles(normalise(b));
        int common = 0;
        for (Long s : x) {
            if (y.contains(s)) {
                common++;
            }
        }
        int union = x.size() + y.size() - common;
        return union == 0 ? 1 : (double) common / union;
    }

    /** The band keys of a text: band index in the top byte, the band's hash below. */
    public static long[] bandKeys(String text) {
        Set<Long> shingles = shingles(normalise(text));
        long[] signature = new long[HASHES];
        java.util.Arrays.fill(signature, Long.MAX_VALUE);
        for (long s : shingles) {
            for (int i = 0; i < HASHES; i++) {
                long h = mix(s ^ SEEDS[i]);
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        int rows = HASHES / BANDS;
        long[] keys = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = b;
            for (int r = 0; r < rows; r++) {
                h = mix(h * 31 + signature[b * rows + r]);
            }
            keys[b] = ((long) b << 56) | (h & 0x00FFFFFFFFFFFFFFL);
        }
        return keys;
    }

    private static long hash(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        long h = 0xCBF29CE484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001B3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
