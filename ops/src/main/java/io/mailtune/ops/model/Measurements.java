package io.mailtune.ops.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** What a benchmark worker measured, printed as {@code RESULT key=value} lines for the orchestrator. */
final class Measurements {

    private final Map<String, Double> values = new LinkedHashMap<>();

    void put(String key, double value) {
        values.put(key, value);
        System.out.println("RESULT " + key + "=" + value);
        System.out.flush();
    }

    /** Peak resident set size of this process in MiB (VmHWM). */
    static double peakRssMiB() throws IOException {
        return status("VmHWM:");
    }

    /** Resident set size of this process now, in MiB (VmRSS). */
    static double rssMiB() throws IOException {
        return status("VmRSS:");
    }

    private static double status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** Random token ids in [3, vocab), the same for a given seed. */
    static int[] tokens(int count, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = 3 + r.nextInt(vocab - 3);
        }
        return out;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
