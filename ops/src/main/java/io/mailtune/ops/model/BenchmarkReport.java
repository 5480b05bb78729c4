package io.mailtune.ops.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The model runtime benchmark's Markdown table: one column per decode path, Jlama beside, ratios and rooflines. */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    // Bytes per weight each path streams in a decode step: Q8_0 holds 32 int8 values and one float32 scale per block.
    private static double bytesPerWeight(String mode) {
        return switch (mode) {
            case "half" -> 2;
            case "q8" -> 36.0 / 32;
            default -> 4;
        };
    }

    private static String label(String mode) {
        return switch (mode) {
            case "torch" -> "DJL f32";
            case "half" -> "DJL f16 copies";
            case "f32" -> "Vector API f32";
            case "q8" -> "Vector API Q8_0";
            default -> mode;
        };
    }

    static String table(Map<String, Double> bw, Map<String, Double> ours, Map<String, Double> jlama, List<String> modes,
                        long parameters, String threads, String prompt, String decode, String concurrent) {
        double gbs = bw.get("bandwidth_gb_s");
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nmemory bandwidth: %.1f GB/s (%s threads), %.1f GB/s (1 thread); %,d parameters, "
                + "f32 roofline %.1f tokens/s%n%n", gbs, threads, bw.get("bandwidth_1t_gb_s"), parameters,
                gbs * 1e9 / (4.0 * parameters)));
        out.append("| measure |");
        modes.forEach(m -> out.append(' ').append(label(m)).append(" |"));
        out.append(jlama.isEmpty() ? "\n" : " Jlama 0.8.4 f32 |\n");
        out.append("|---|").append("---:|".repeat(modes.size() + (jlama.isEmpty() ? 0 : 1))).append('\n');
        Double jd = jlama.get("decode_tok_s");
        boolean withJlama = !jlama.isEmpty();
        row(out, "single-stream decode, tokens/s (" + decode + " tokens)", modes, m -> fmt(ours.get("decode_tok_s_" + m)), withJlama ? fmt(jd) : null);
        row(out, "share of its own roofline", modes, m -> pct(ours.get("decode_tok_s_" + m)
                / (gbs * 1e9 / (bytesPerWeight(m) * parameters))), withJlama ? pct(jd / (gbs * 1e9 / (4.0 * parameters))) : null);
        if (jd != null) {
            row(out, "x Jlama's decode", modes, m -> ratio(ours.get("decode_tok_s_" + m) / jd), "1.00 x");
        }
        row(out, concurrent + " concurrent requests, aggregate tokens/s", modes, m -> fmt(ours.get("aggregate_tok_s_" + m)), withJlama ? "-" : null);
        row(out, "aggregate / single-stream", modes, m -> ratio(ours.get("aggregate_tok_s_" + m) / ours.get("decode_tok_s_" + m)), withJlama ? "-" : null);
        row(out, "with a LoRA adapter (r=8, q/v, unmerged) / without", modes,
                m -> ratio(ours.get("decode_lora_tok_s_" + m) / ours.get("decode_tok_s_" + m)), withJlama ? "-" : null);
        row(out, "prefill, tokens/s (" + prompt + "-token prompt)", modes, m -> fmt(ours.get("prefill_tok_s_" + m)), withJlama ? fmt(jlama.get("prefill_tok_s")) : null);
        row(out, "time to first token, s", modes, m -> fmt(ours.get("ttft_s_" + m)), withJlama ? fmt(jlama.get("ttft_s")) : null);
        row(out, "peak RSS, MiB", modes, m -> fmt(ours.get("peak_rss_mib_" + m)), withJlama ? fmt(jlama.get("peak_rss_mib")) : null);
        row(out, "load peak RSS above the engine's, x the float32 weights", modes,
                m -> fmt(ours.get("load_peak_x_f32_weights_" + m)), withJlama ? "-" : null);
        row(out, "load, s", modes, m -> fmt(ours.get("load_s_" + m)), withJlama ? fmt(jlama.get("load_s")) : null);
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<String> modes, Function<String, String> cell,
                            String jlama) { // jlama: the Jlama cell, null when Jlama did not run
        out.append("| ").append(name).append(" |");
        modes.forEach(m -> out.append(' ').append(cell.apply(m)).append(" |"));
        out.append(jlama == null ? "\n" : " " + jlama + " |\n");
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format("%,.2f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.0f %%", 100 * v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f x", v);
    }
}
