package io.mailtune.ops.model;

/** Measures the machine's read bandwidth in its own JVM (so the 1 GiB array never shares a heap with a model). */
public final class BandwidthWorker {

    private BandwidthWorker() {
    }

    /** Arguments: threads. */
    public static void main(String[] args) throws Exception {
        Measurements m = new Measurements();
        int threads = Integer.parseInt(args[0]);
        m.put("bandwidth_1t_gb_s", MemoryBandwidth.measure(1, 4));
        m.put("bandwidth_gb_s", MemoryBandwidth.measure(threads, 4));
    }
}
