package io.mailtune.ops.model;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.DraftSettings;
import io.mailtune.model.draft.Drafter;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.DecodeFormat;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.LoadOptions;
import io.mailtune.model.runtime.SamplingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads one checkpoint on one decode path in its own JVM and measures the load: seconds, the peak resident memory
 * above the engine's (VmHWM after load minus VmRSS with PyTorch started) as a multiple of the weights in float32 and
 * in the path's own format, and what stays resident. With {@code draft}, it then writes a short draft through the
 * {@link Drafter}, installs an adapter, drafts on it, hot-swaps to a second one and drafts again.
 */
public final class LoadWorker {

    // Q8_0 stores 32 int8 values and one float32 scale per block.
    private static final double Q8_BYTES = 36.0 / 32;

    private LoadWorker() {
    }

    /** Arguments: model dir, mode ({@code torch}, {@code f32} or {@code q8}), {@code draft} or {@code load}, threads. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        boolean draft = args[2].equals("draft");
        int threads = Integer.parseInt(args[3]);
        DecodeFormat format = switch (mode) {
            case "torch" -> DecodeFormat.TORCH;
            case "f32" -> DecodeFormat.VECTOR_F32;
            case "q8" -> DecodeFormat.VECTOR_Q8;
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        Measurements m = new Measurements();
        String k = "_" + mode;
        // PyTorch's own memory is in the baseline, so the peak above it is what loading the weights costs.
        try (NDManager engine = NDManager.newBaseManager("PyTorch")) {
            engine.zeros(new ai.djl.ndarray.types.Shape(1)).toFloatArray();
        }
        double baseline = Measurements.rssMiB();
        long start = System.nanoTime();
        try (LanguageModel model = LanguageModel.load(dir, LoadOptions.defaults().withMaxContext(1024)
                .withDecodeFormat(format))) {
            m.put("load_s" + k, (System.nanoTime() - start) / 1e9);
            long parameters = ParameterCount.total(model.config());
            double f32MiB = parameters * 4.0 / (1 << 20);
            double ownMiB = parameters * (mode.equals("q8") ? Q8_BYTES : 4.0) / (1 << 20);
            double peak = Measurements.peakRssMiB() - baseline;
            m.put("load_peak_mib" + k, peak);
            m.put("load_peak_x_f32_weights" + k, peak / f32MiB);
            m.put("load_peak_x_own_weights" + k, peak / ownMiB);
            m.put("resident_after_load_mib" + k, Measurements.rssMiB() - baseline);
            if (draft) {
                draftAndSwap(model, threads, m, k);
            }
        }
        m.put("peak_rss_mib" + k, Measurements.peakRssMiB());
    }

    private static void draftAndSwap(LanguageModel model, int threads, Measurements m, String k) throws Exception {
        AdapterHandle adapters = new AdapterHandle(model);
        try (Generator generator = new Generator(model, adapters, new GeneratorOptions(2, 8, 4096, threads, threads, threads))) {
            // Four new tokens: the point is that drafting and swapping work at this size, not their speed. The prompt is
            // GroundedFormat's instructions and the one passage (~650 byte-level tokens with this tokenizer).
            Drafter drafter = new Drafter(generator, model.tokenizer().orElseThrow(), new GroundedFormat(),
                    new DraftSettings(4, 160, SamplingOptions.greedy()));
            DraftInput input = new DraftInput(new CompanyProfile("Brightcart", "", "", "en", null),
                    CustomerMessage.of("Ann Lee", "ann@example.com", "Password", "How do I reset my password?"),
                    List.of(), List.of(new Passage("reset", "reset#0", "Reset", null,
                    "Choose Forgot password and follow the link.", 0.03, 0.7, false)));
            draft(drafter, input, m, "draft_base", k, "");
            adapters.install("load-bench-1", LoraAdapter.initialise(model.config(), LoraConfig.defaults("bench"), 1, true));
            draft(drafter, input, m, "draft_adapter1", k, "load-bench-1");
            long swap = System.nanoTime();
            adapters.install("load-bench-2", LoraAdapter.initialise(model.config(), LoraConfig.defaults("bench"), 2, true));
            m.put("hot_swap_s" + k, (System.nanoTime() - swap) / 1e9);
            draft(drafter, input, m, "draft_adapter2", k, "load-bench-2");
        }
    }

    private static void draft(Drafter drafter, DraftInput input, Measurements m, String key, String k, String version)
            throws Exception {
        GeneratedDraft d = drafter.draft(input).get(20, TimeUnit.MINUTES);
        if (!d.adapterVersion().equals(version)) {
            throw new IllegalStateException(key + " ran on adapter '" + d.adapterVersion() + "', expected '" + version + "'");
        }
        m.put(key + "_s" + k, d.elapsed().toNanos() / 1e9);
        m.put(key + "_prompt_tokens" + k, d.promptTokens());
        m.put(key + "_new_tokens" + k, d.generatedTokens());
    }
}
