package io.mailtune.ops.model;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.ParameterCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loading benchmark (issue 15): writes random-weight checkpoints of a real 1–1.5B shape in F32, BF16 and F16
 * safetensors files, then loads each on each decode path in a JVM of its own and prints the load time and the load
 * peak (VmHWM after load minus VmRSS with PyTorch started) in multiples of the weights, in float32 and in the path's
 * own format. With {@code --draft}, each load is followed by a 4-token draft, an adapter install, a draft on it, a
 * hot swap and a draft on the second adapter.
 *
 * <p>Options: {@code --dir <work dir>} (default target/load-bench), {@code --shape llama-3.2-1b|tinyllama-1.1b|
 * qwen2.5-1.5b}, {@code --dtypes F32,BF16,F16}, {@code --modes torch,f32,q8}, {@code --max-heap 8g} (the worker
 * JVMs' -Xmx: the Vector API paths keep the weights on the heap), {@code --threads 2}, {@code --draft}.
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    /** Runs the benchmark. */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--draft")) {
                opts.put("draft", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Path.of(opts.getOrDefault("dir", "target/load-bench")).toAbsolutePath();
        String shapeName = opts.getOrDefault("shape", "llama-3.2-1b");
        RandomCheckpoint.Shape shape = RandomCheckpoint.Shape.valueOf(
                shapeName.toUpperCase().replace('-', '_').replace('.', '_'));
        List<String> dtypes = List.of(opts.getOrDefault("dtypes", "F32,BF16,F16").split(","));
        List<String> modes = List.of(opts.getOrDefault("modes", "torch,f32,q8").split(","));
        String maxHeap = opts.getOrDefault("max-heap", "8g");
        String threads = opts.getOrDefault("threads", "2");
        boolean draft = opts.containsKey("draft");
        Map<String, Map<String, Double>> results = new HashMap<>();
        long parameters = 0;
        for (String dtype : dtypes) {
            Path dir = work.resolve(shapeName + "-" + dtype.toLowerCase());
            System.out.println("checkpoint " + dir);
            ModelConfig config = RandomCheckpoint.write(dir, shape, DType.valueOf(dtype), 15);
            parameters = ParameterCount.total(config);
            for (String mode : modes) {
                results.put(dtype + "/" + mode, ModelBenchmark.child(LoadWorker.class, threads, maxHeap,
                        List.of(dir.toString(), mode, draft ? "draft" : "load", threads)));
            }
        }
        System.out.printf("%n%s shape, %,d parameters (%.2f GiB in float32); worker JVMs -Xmx%s%n%n", shapeName,
                parameters, parameters * 4.0 / (1L << 30), maxHeap);
        List<String> keys = new ArrayList<>(List.of("load_s", "load_peak_mib", "load_peak_x_f32_weights",
                "load_peak_x_own_weights", "resident_after_load_mib", "peak_rss_mib"));
        if (draft) {
            keys.addAll(List.of("draft_base_s", "draft_base_prompt_tokens", "draft_adapter1_s", "hot_swap_s",
                    "draft_adapter2_s"));
        }
        StringBuilder header = new StringBuilder("| measure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String dtype : dtypes) {
            for (String mode : modes) {
                header.append(' ').append(dtype).append(" file, ").append(mode).append(" |");
                rule.append("---:|");
            }
        }
        System.out.println(header);
        System.out.println(rule);
        for (String key : keys) {
            StringBuilder row = new StringBuilder("| " + key + " |");
            for (String dtype : dtypes) {
                for (String mode : modes) {
                    Double v = results.get(dtype + "/" + mode).get(key + "_" + mode);
                    row.append(' ').append(v == null ? "-" : String.format(v >= 100 ? "%,.0f" : "%.2f", v)).append(" |");
                }
            }
            System.out.println(row);
        }
    }
}
