package io.mailtune.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.checkpoint.SafetensorsFile;
import io.mailtune.model.checkpoint.SafetensorsWriter;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.UnsupportedModelException;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.AdapterWeights;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.LoadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adapters made by PEFT (ops/peft-fixtures/make_fixtures.py, PEFT 0.21) give the logits HF transformers + PEFT give,
 * within 1e-5, on tiny random Llama and Qwen2 bases; written back by Mailtune they read the same. The adapters
 * written here land in {@code target/peft-written}, where ops/peft-fixtures/check_written.py loads them in PEFT.
 */
class PeftCompatibilityTest {

    private static final double TOLERANCE = 1e-5;
    private static final int PREFILL = 6;
    private static final Path WRITTEN = Path.of("target", "peft-written");

    static Stream<Arguments> honouredCases() {
        List<Arguments> out = new ArrayList<>();
        PeftFixtures.cases().get("honoured").properties()
                .forEach(e -> out.add(Arguments.of(e.getKey(), e.getValue().get("base").asText())));
        return out.stream();
    }

    private static int layers(String base) {
        return ConfigReader.read(PeftFixtures.base(base)).layers();
    }

    private static LanguageModel load(String base) {
        return LanguageModel.load(PeftFixtures.base(base), LoadOptions.defaults().withoutTokenizer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honouredCases")
    void aPeftAdapterGivesPeftsLogits(String name, String base) {
        LoraAdapter adapter = PeftFormat.read(PeftFixtures.adapter(name), layers(base));
        float[][] expected = PeftFixtures.expectedLogits(name);
        try (LanguageModel model = load(base); AdapterWeights w = model.transformer().prepare(adapter)) {
            float[][] actual = PeftFixtures.logits(model.transformer(), PeftFixtures.tokens(), PREFILL, w);
            double diff = PeftFixtures.maxDifference(expected, actual);
            assertTrue(diff <= TOLERANCE, name + ": max |logit difference| " + diff);
            double fromBase = PeftFixtures.maxDifference(PeftFixtures.expectedLogits("base-" + base), actual);
            assertTrue(fromBase > 0.05, name + ": the adapter must change the logits, changed them by " + fromBase);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honouredCases")
    void aPeftAdapterMergedAtLoadGivesPeftsLogitsUnlessItHasBiases(String name, String base) {
        LoraAdapter adapter = PeftFormat.read(PeftFixtures.adapter(name), layers(base));
        LoadOptions options = LoadOptions.defaults().withoutTokenizer().withMergedAdapter(adapter);
        if (adapter.hasBias()) {
            var e = assertThrows(UnsupportedModelException.class, () -> LanguageModel.load(PeftFixtures.base(base), options));
            assertTrue(e.getMessage().contains("lora_bias") && e.getMessage().contains("unmerged"), e.getMessage());
            return;
        }
        try (LanguageModel model = LanguageModel.load(PeftFixtures.base(base), options)) {
            float[][] actual = PeftFixtures.logits(model.transformer(), PeftFixtures.tokens(), PREFILL, null);
            double diff = PeftFixtures.maxDifference(PeftFixtures.expectedLogits(name), actual);
            assertTrue(diff <= TOLERANCE, name + " merged: max |logit difference| " + diff);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honouredCases")
    void writtenBackAPeftAdapterKeepsPeftsTensorNamesShapesAndLogits(String name, String base) throws IOException {
        int layers = layers(base);
        LoraAdapter adapter = PeftFormat.read(PeftFixtures.adapter(name), layers);
        Path out = WRITTEN.resolve(name);
        PeftFormat.write(adapter, out);
        Map<String, List<Integer>> peft = shapes(PeftFixtures.adapter(name), name);
        assertEquals(peft, shapes(out, name), "tensor names and shapes as PEFT wrote them");
        LoraAdapter back = PeftFormat.read(out, layers);
        try (LanguageModel model = load(base);
             AdapterWeights first = model.transformer().prepare(adapter);
             AdapterWeights again = model.transformer().prepare(back)) {
            float[][] a = PeftFixtures.logits(model.transformer(), PeftFixtures.tokens(), PREFILL, first);
            float[][] b = PeftFixtures.logits(model.transformer(), PeftFixtures.tokens(), PREFILL, again);
            for (int t = 0; t < a.length; t++) {
                assertArrayEquals(a[t], b[t], name + " token " + t);
            }
            record(name, base, b);
        }
    }

    @Test
    void theBareBasesGivePeftsLogits() {
        for (String base : List.of("llama", "qwen2")) {
            try (LanguageModel model = load(base)) {
                float[][] actual = PeftFixtures.logits(model.transformer(), PeftFixtures.tokens(), PREFILL, null);
                double diff = PeftFixtures.maxDifference(PeftFixtures.expectedLogits("base-" + base), actual);
                assertTrue(diff <= TOLERANCE, base + ": max |logit difference| " + diff);
            }
        }
    }

    @Test
    void aPeftAdapterWithLoraBiasHotSwapsThroughTheAdapterHandle() {
        LoraAdapter adapter = PeftFormat.read(PeftFixtures.adapter("qwen2-bias-rslora"), 2);
        try (LanguageModel model = load("qwen2")) {
            AdapterHandle handle = new AdapterHandle(model);
            handle.install("peft-qwen2-bias-rslora", adapter);
            try (AdapterHandle.Lease lease = handle.acquire()) {
                float[][] actual = PeftFixtures.logits(model.transformer(), PeftFixtures.tokens(), PREFILL,
                        lease.weights());
                double diff = PeftFixtures.maxDifference(PeftFixtures.expectedLogits("qwen2-bias-rslora"), actual);
                assertTrue(diff <= TOLERANCE, "max |logit difference| " + diff);
            }
            handle.clear();
        }
    }

    @Test
    void freshMailtuneAdaptersAreWrittenForThePeftCheck() {
        record Fresh(String name, String base, LoraConfig config) {
        }
        for (Fresh f : List.of(
                new Fresh("mailtune-all-rslora", "llama", new LoraConfig(4, 8, EnumSet.allOf(LoraTarget.class), true,
                        "mailtune-fixtures/tiny-llama")),
                new Fresh("mailtune-defaults", "qwen2", LoraConfig.defaults("mailtune-fixtures/tiny-qwen2")))) {
            try (LanguageModel model = load(f.base())) {
                LoraAdapter adapter = LoraAdapter.initialise(model.config(), f.config(), 7, true);
                PeftFormat.write(adapter, WRITTEN.resolve(f.name()));
                LoraAdapter back = PeftFormat.read(WRITTEN.resolve(f.name()), model.config().layers());
                assertEquals(adapter.config(), back.config());
                try (AdapterWeights w = model.transformer().prepare(back)) {
                    record(f.name(), f.base(), PeftFixtures.logits(model.transformer(), PeftFixtures.tokens(), PREFILL, w));
                }
            }
        }
    }

    static Stream<Arguments> refusedCases() {
        return Stream.of(
                Arguments.of("dora", "use_dora", "merge_and_unload"),
                Arguments.of("alora", "alora_invocation_tokens", "every token"),
                Arguments.of("embed-lm-head", "lm_head", "merge_and_unload"),
                Arguments.of("trainable-tokens", "trainable_token_indices", "merge_and_unload"),
                Arguments.of("modules-to-save", "modules_to_save", "merge_and_unload"),
                Arguments.of("layer-replication", "layer_replication", "merge_and_unload"),
                Arguments.of("pissa-unconverted", "init_lora_weights='pissa'", "path_initial_model_for_weight_conversion"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCases")
    void aPeftAdapterMailtuneCannotApplyIsRefusedByNameWithAdvice(String name, String option, String advice) {
        var e = assertThrows(UnsupportedModelException.class, () -> PeftFormat.read(PeftFixtures.adapter(name), 3));
        assertTrue(e.getMessage().contains(option), e.getMessage());
        assertTrue(e.getMessage().contains(advice), e.getMessage());
    }

    @Test
    void everyRefusedFixtureIsCoveredAndEveryFixtureConfigHoldsEveryKey() throws IOException {
        List<String> refused = new ArrayList<>();
        refusedCases().forEach(a -> refused.add((String) a.get()[0]));
        List<String> listed = new ArrayList<>();
        PeftFixtures.cases().get("refused").fieldNames().forEachRemaining(listed::add);
        assertEquals(listed.stream().sorted().toList(), refused.stream().sorted().toList());
        var json = (ObjectNode) new ObjectMapper().readTree(PeftFixtures.adapter("lora-bias")
                .resolve(PeftFormat.CONFIG_FILE).toFile());
        List<String> written = new ArrayList<>();
        json.fieldNames().forEachRemaining(written::add);
        List<String> known = new ArrayList<>(PeftAdapterConfig.KEYS.keySet());
        known.remove("runtime_config");                       // PEFT drops it when saving
        assertEquals(known.stream().sorted().toList(), written.stream().sorted().toList(),
                "PeftAdapterConfig.KEYS lists exactly the keys PEFT " + PeftFixtures.cases().get("peft").asText()
                        + " writes");
    }

    private static Map<String, List<Integer>> shapes(Path dir, String name) {
        Map<String, List<Integer>> out = new TreeMap<>();
        SafetensorsFile.open(dir.resolve(PeftFormat.WEIGHTS_FILE)).entries().forEach((n, e) -> {
            // VeLoRA's and MonteCLoRA's training state is not part of what Mailtune keeps or writes.
            if (!n.contains("lora_velora") && !n.contains("lora_monteclora")) {
                out.put(n, Arrays.stream(e.shape()).boxed().toList());
            }
        });
        assertTrue(!out.isEmpty(), name);
        return out;
    }

    // Mailtune's logits next to the adapter it wrote, for ops/peft-fixtures/check_written.py.
    private static void record(String name, String base, float[][] logits) {
        int vocab = logits[0].length;
        float[] flat = new float[logits.length * vocab];
        for (int t = 0; t < logits.length; t++) {
            System.arraycopy(logits[t], 0, flat, t * vocab, vocab);
        }
        try {
            Files.writeString(WRITTEN.resolve(name + ".base"), base + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SafetensorsWriter.write(WRITTEN.resolve(name + ".logits.safetensors"),
                List.of(new HostTensor("logits", new int[] {logits.length, vocab}, flat)), DType.F32, Map.of());
    }
}
