package io.mailtune.ops.model;

import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.ParameterCount;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model runtime benchmark: on a random-weight checkpoint with SmolLM2-135M's exact config, measures in one run
 * the machine's memory bandwidth, then Mailtune's runtime and Jlama 0.8.4 side by side, each in its own JVM so
 * peak RSS is per engine. Prints a Markdown table with the ratios the goals are stated in.
 *
 * <p>Options: {@code --dir <work dir>} (default target/model-bench), {@code --threads 2}, {@code --prompt 512},
 * {@code --decode 128}, {@code --concurrent 8}, {@code --mailtune-threads 1} (PyTorch intra-op threads of the
 * generator's decode steps on DJL), {@code --vector-threads 2} (the Vector API decoder's threads),
 * {@code --mailtune-prefill-threads 2} (its prefill steps), {@code --rounds 2} (alternating rounds; each figure is the
 * engine's best), {@code --modes torch,half,f32,q8} (decode paths), {@code --skip-jlama}, {@code --bundled} (the
 * bundled 4.4M model instead of the SmolLM2-shaped one; no Jlama).
 */
public final class ModelBenchmark {

    private ModelBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--skip-jlama") || args[i].equals("--bundled")) {
                opts.put(args[i].substring(2), "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Path.of(opts.getOrDefault("dir", "target/model-bench")).toAbsolutePath();
        String threads = opts.getOrDefault("threads", "2");
        String prompt = opts.getOrDefault("prompt", "512");
        String decode = opts.getOrDefault("decode", "128");
        String concurrent = opts.getOrDefault("concurrent", "8");
        boolean bundled = opts.containsKey("bundled");
        Path checkpoint;
        if (bundled) {
            checkpoint = BundledModel.extractTo(work);
            opts.put("skip-jlama", "true");
        } else {
            checkpoint = work.resolve("smollm2-135m-random");
            System.out.println("writing checkpoint to " + checkpoint);
            SmolCheckpoint.write(checkpoint, 135);
        }
        long parameters = ParameterCount.total(ConfigReader.read(checkpoint));
        List<String> modes = List.of(opts.getOrDefault("modes", "torch,half,f32,q8").split(","));
        String vectorThreads = opts.getOrDefault("vector-threads", "2");

        String ourThreads = opts.getOrDefault("mailtune-threads", "1");
        String ourPrefillThreads = opts.getOrDefault("mailtune-prefill-threads", "2");
        String childThreads = String.valueOf(Math.max(Integer.parseInt(ourThreads), Integer.parseInt(ourPrefillThreads)));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
        // The machine is shared: engines run alternately, several rounds, and each keeps its best figure.
        Map<String, Double> bw = new HashMap<>();
        Map<String, Double> ours = new HashMap<>();
        Map<String, Double> jlama = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            keepBest(bw, child(BandwidthWorker.class, threads, List.of(threads)));
            for (String mode : modes) {
                boolean vector = mode.equals("f32") || mode.equals("q8");
                keepBest(ours, child(MailtuneWorker.class, childThreads, List.of(checkpoint.toString(), prompt, decode,
                        concurrent, vector ? vectorThreads : ourThreads, mode, ourPrefillThreads)));
            }
            if (!opts.containsKey("skip-jlama")) {
                keepBest(jlama, child(JlamaWorker.class, threads, List.of(checkpoint.toString(),
                        work.resolve("jlama-work").toString(), threads, prompt, decode)));
            }
        }
        System.out.printf("%nMailtune: %s PyTorch intra-op thread(s) to decode (torch, half), %s Vector API decode thread(s)"
                + " (f32, q8), %s to prefill; Jlama: %s threads; best of %d alternating rounds%n",
                ourThreads, vectorThreads, ourPrefillThreads, threads, rounds);
        System.out.print(BenchmarkReport.table(bw, ours, jlama, modes, parameters, threads, prompt, decode, concurrent));
    }

    // Rates keep their maximum; times (*_s) and memory keep their minimum.
    private static void keepBest(Map<String, Double> best, Map<String, Double> round) {
        round.forEach((key, value) -> best.merge(key, value, key.contains("tok_s") || key.endsWith("gb_s")
                ? Math::max : Math::min));
    }

    // Runs a worker main class in a fresh JVM with this classpath and collects its RESULT lines.
    private static Map<String, Double> child(Class<?> main, String threads, List<String> args) throws Exception {
        return child(main, threads, "6g", args);
    }

    // The same with a given maximum heap (the Vector API decoder keeps the weights on the heap).
    static Map<String, Double> child(Class<?> main, String threads, String maxHeap, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + maxHeap, "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1", "-cp", classpath(), main.getName()));
        cmd.addAll(args);
        System.out.println("running " + main.getSimpleName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OMP_NUM_THREADS", threads);
        // Idle OpenMP workers sleep instead of spinning: on a shared 2-core machine spinning starves the other thread.
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        Map<String, Double> results = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("RESULT ")) {
                    String[] kv = line.substring(7).split("=", 2);
                    results.put(kv[0], Double.parseDouble(kv[1]));
                    System.out.println("  " + line.substring(7));
                } else if (!line.startsWith("WARNING")) {
                    System.out.println("  | " + line);
                }
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(main.getSimpleName() + " exited with " + code);
        }
        return results;
    }

    // Under exec:java the project classpath lives in the context class loader, not in java.class.path.
    private static String classpath() throws URISyntaxException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 1) {
            List<String> parts = new ArrayList<>();
            for (URL u : urls.getURLs()) {
                parts.add(Path.of(u.toURI()).toString());
            }
            return String.join(File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }
}
