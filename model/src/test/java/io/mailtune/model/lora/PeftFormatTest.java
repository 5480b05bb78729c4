package io.mailtune.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.checkpoint.SafetensorsFile;
import io.mailtune.model.checkpoint.SafetensorsWriter;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.UnsupportedModelException;
import io.mailtune.model.fixtures.TinyModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeftFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The keys PEFT 0.6 and every later version read the same way (LoraConfig and PeftConfig of 0.6).
    private static final Set<String> PEFT_0_6_KEYS = Set.of("peft_type", "task_type", "base_model_name_or_path",
            "revision", "inference_mode", "auto_mapping", "r", "target_modules", "lora_alpha", "lora_dropout",
            "fan_in_fan_out", "bias", "modules_to_save", "init_lora_weights", "layers_to_transform", "layers_pattern",
            "rank_pattern", "alpha_pattern");

    @TempDir
    Path dir;

    private ModelConfig model() {
        return TinyModel.write(dir.resolve("model"), TinyModel.llamaConfig(true), 1, DType.F32).config();
    }

    // A Mailtune-written adapter (r=4, alpha 8, q/v/down, both layers) whose config the test then edits.
    private Path adapter(Consumer<ObjectNode> edit) {
        Path out = dir.resolve("adapter");
        PeftFormat.write(LoraAdapter.initialise(model(), new LoraConfig(4, 8,
                EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), false, "tiny"), 3, true), out);
        editConfig(out, edit);
        return out;
    }

    private static void editConfig(Path adapter, Consumer<ObjectNode> edit) {
        try {
            Path file = adapter.resolve(PeftFormat.CONFIG_FILE);
            ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
            edit.accept(json);
            JSON.writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRefused(Path adapter, String... parts) {
        var e = assertThrows(UnsupportedModelException.class, () -> PeftFormat.read(adapter, 2));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void aWrittenAdapterUsesPeftTensorNamesShapesAndConfig() throws Exception {
        ModelConfig c = model();
        LoraAdapter adapter = LoraAdapter.initialise(c, new LoraConfig(4, 8,
                EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), true, "HuggingFaceTB/SmolLM2-135M"), 1, true);
        PeftFormat.write(adapter, dir.resolve("adapter"));
        SafetensorsFile file = SafetensorsFile.open(dir.resolve("adapter").resolve("adapter_model.safetensors"));
        Set<String> expected = new HashSet<>();
        for (int l = 0; l < 2; l++) {
            for (String m : new String[] {"self_attn.q_proj", "self_attn.v_proj", "mlp.down_proj"}) {
                expected.add("base_model.model.model.layers." + l + "." + m + ".lora_A.weight");
                expected.add("base_model.model.model.layers." + l + "." + m + ".lora_B.weight");
            }
        }
        assertEquals(expected, file.entries().keySet());
        assertArrayEquals(new int[] {4, 32}, file.entries().get("base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight").shape());
        assertArrayEquals(new int[] {16, 4}, file.entries().get("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight").shape());
        assertArrayEquals(new int[] {4, 48}, file.entries().get("base_model.model.model.layers.0.mlp.down_proj.lora_A.weight").shape());
        assertEquals(DType.F32, file.entries().get("base_model.model.model.layers.0.mlp.down_proj.lora_B.weight").dtype());
        assertEquals(Map.of("format", "pt"), file.metadata());
        JsonNode json = JSON.readTree(dir.resolve("adapter").resolve("adapter_config.json").toFile());
        assertEquals("LORA", json.get("peft_type").asText());
        assertEquals("CAUSAL_LM", json.get("task_type").asText());
        assertEquals(4, json.get("r").asInt());
        assertEquals(8, json.get("lora_alpha").asInt());
        assertTrue(json.get("use_rslora").asBoolean());
        assertEquals("HuggingFaceTB/SmolLM2-135M", json.get("base_model_name_or_path").asText());
        assertEquals("[\"down_proj\",\"q_proj\",\"v_proj\"]", json.get("target_modules").toString());
    }

    @Test
    void aWrittenConfigHoldsOnlyKeysEveryPeftSince06ReadsAndNoPeftVersion() throws Exception {
        PeftFormat.write(LoraAdapter.initialise(model(), LoraConfig.defaults("tiny"), 1, false), dir.resolve("a"));
        JsonNode json = JSON.readTree(dir.resolve("a").resolve(PeftFormat.CONFIG_FILE).toFile());
        Set<String> keys = new TreeSet<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertTrue(PEFT_0_6_KEYS.containsAll(keys), "keys beyond PEFT 0.6's: " + keys);
        assertFalse(json.has("peft_version"));
        assertFalse(json.has("use_dora"), "a key older PEFTs warn about, though it is off");
        assertEquals(JSON.createObjectNode(), json.get("rank_pattern"));
        assertEquals(new ArrayList<>(keys), keys.stream().toList(), "sorted as PEFT writes them");
    }

    @Test
    void anAdapterReadBackHoldsExactlyWhatWasWritten() {
        ModelConfig c = model();
        LoraAdapter adapter = LoraAdapter.initialise(c, new LoraConfig(2, 5, EnumSet.allOf(LoraTarget.class), false, "x"), 3, true);
        PeftFormat.write(adapter, dir.resolve("adapter"));
        LoraAdapter back = PeftFormat.read(dir.resolve("adapter"), c.layers());
        assertEquals(adapter.config(), back.config());
        for (int l = 0; l < c.layers(); l++) {
            for (LoraTarget t : LoraTarget.values()) {
                assertArrayEquals(adapter.layer(l).get(t).a().data(), back.layer(l).get(t).a().data());
                assertArrayEquals(adapter.layer(l).get(t).b().data(), back.layer(l).get(t).b().data());
            }
        }
    }

    @Test
    void anAdapterWithItsOwnRankAlphaAndLayersPerProjectionIsWrittenSoItReadsBackTheSame() throws Exception {
        ModelConfig c = model();
        LoraAdapter uniform = LoraAdapter.initialise(c, new LoraConfig(4, 8, EnumSet.of(LoraTarget.Q, LoraTarget.O),
                true, "x"), 3, true);
        List<Map<LoraTarget, LoraPair>> layers = new ArrayList<>();
        Map<LoraTarget, LoraPair> first = new EnumMap<>(LoraTarget.class);
        LoraPair q = uniform.layer(0).get(LoraTarget.Q);
        first.put(LoraTarget.Q, new LoraPair(q.a(), q.b(), bias(q.b().name(), 32), 8));
        LoraPair o = uniform.layer(0).get(LoraTarget.O);
        first.put(LoraTarget.O, new LoraPair(rows(o.a(), 2), cols(o.b(), 2), bias(o.b().name(), 32), 3));
        layers.add(first);
        Map<LoraTarget, LoraPair> second = new EnumMap<>(LoraTarget.class);
        LoraPair q1 = uniform.layer(1).get(LoraTarget.Q);
        second.put(LoraTarget.Q, new LoraPair(q1.a(), q1.b(), bias(q1.b().name(), 32), 8));
        layers.add(second);
        LoraAdapter adapter = new LoraAdapter(uniform.config(), layers);
        PeftFormat.write(adapter, dir.resolve("mixed"));
        JsonNode json = JSON.readTree(dir.resolve("mixed").resolve(PeftFormat.CONFIG_FILE).toFile());
        assertEquals("[\"model.layers.0.self_attn.o_proj\",\"model.layers.0.self_attn.q_proj\","
                + "\"model.layers.1.self_attn.q_proj\"]", json.get("target_modules").toString());
        assertEquals("{\"layers\\\\.0\\\\.self_attn\\\\.o_proj\":2}", json.get("rank_pattern").toString());
        assertEquals("{\"layers\\\\.0\\\\.self_attn\\\\.o_proj\":3}", json.get("alpha_pattern").toString());
        assertTrue(json.get("lora_bias").asBoolean());
        assertTrue(SafetensorsFile.open(dir.resolve("mixed").resolve(PeftFormat.WEIGHTS_FILE)).entries()
                .containsKey("base_model.model.model.layers.0.self_attn.o_proj.lora_B.bias"));
        LoraAdapter back = PeftFormat.read(dir.resolve("mixed"), 2);
        assertEquals(adapter.config(), back.config());
        for (int l = 0; l < 2; l++) {
            assertEquals(adapter.layer(l).keySet(), back.layer(l).keySet());
            for (var e : adapter.layer(l).entrySet()) {
                LoraPair b = back.layer(l).get(e.getKey());
                assertEquals(e.getValue().rank(), b.rank());
                assertEquals(e.getValue().alpha(), b.alpha());
                assertEquals(adapter.scale(l, e.getKey()), back.scale(l, e.getKey()));
                assertArrayEquals(e.getValue().a().data(), b.a().data());
                assertArrayEquals(e.getValue().bias().data(), b.bias().data());
            }
        }
    }

    private static HostTensor bias(String bName, int out) {
        float[] v = new float[out];
        for (int i = 0; i < out; i++) {
            v[i] = 0.01f * i;
        }
        return new HostTensor(bName.replace(".weight", ".bias"), new int[] {out}, v);
    }

    private static HostTensor rows(HostTensor a, int r) {
        float[] d = Arrays.copyOf(a.data(), r * a.shape()[1]);
        return new HostTensor(a.name(), new int[] {r, a.shape()[1]}, d);
    }

    private static HostTensor cols(HostTensor b, int r) {
        int out = b.shape()[0];
        float[] d = new float[out * r];
        for (int o = 0; o < out; o++) {
            System.arraycopy(b.data(), o * b.shape()[1], d, o * r, r);
        }
        return new HostTensor(b.name(), new int[] {out, r}, d);
    }

    @Test
    void peftDefaultsAreRank8Alpha8OnQAndVWithAZeroB() {
        ModelConfig c = model();
        LoraAdapter fresh = LoraAdapter.initialise(c, LoraConfig.defaults("tiny"), 1, false);
        assertEquals(Set.of(LoraTarget.Q, LoraTarget.V), fresh.config().targets());
        assertEquals(1.0, fresh.config().scale());
        for (float b : fresh.layer(0).get(LoraTarget.Q).b().data()) {
            assertEquals(0f, b);
        }
        assertEquals(2L * (8 * (32 + 32) + 8 * (32 + 16)), fresh.parameterCount());
    }

    @Test
    void anAdapterForAnotherModelFailsNamingTheTensor() {
        ModelConfig c = model();
        PeftFormat.write(LoraAdapter.initialise(c, LoraConfig.defaults("tiny"), 1, false), dir.resolve("adapter"));
        var e = assertThrows(UnsupportedModelException.class, () -> PeftFormat.read(dir.resolve("adapter"), 1));
        assertTrue(e.getMessage().contains("base_model.model.model.layers.1."), e.getMessage());
    }

    static Stream<Arguments> refusedKeys() {
        return Stream.of(
                Arguments.of("use_dora", "true"),
                Arguments.of("alora_invocation_tokens", "[5, 9]"),
                Arguments.of("use_qalora", "true"),
                Arguments.of("layer_replication", "[[0, 2], [1, 2]]"),
                Arguments.of("target_parameters", "[\"mlp.experts.gate_up_proj\"]"),
                Arguments.of("trainable_token_indices", "[3, 4]"),
                Arguments.of("use_bdlora", "{\"nblocks\": 2}"),
                Arguments.of("arrow_config", "{\"top_k\": 3}"),
                Arguments.of("kasa_config", "{\"beta\": 0.1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void anOptionMailtuneCannotApplyIsRefusedByNameWithWhatToDoInstead(String key, String value) {
        assertEquals(PeftAdapterConfig.REFUSALS.keySet(), new HashSet<>(refusedKeys().map(a -> (String) a.get()[0]).toList()));
        Path a = adapter(json -> json.set(key, parse(value)));
        var e = assertThrows(UnsupportedModelException.class, () -> PeftFormat.read(a, 2));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(PeftAdapterConfig.REFUSALS.get(key)), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeys")
    void aRefusedOptionThatIsOffIsHarmless(String key) {
        Path a = adapter(json -> json.set(key, key.startsWith("use_") ? JSON.getNodeFactory().booleanNode(false)
                : JSON.getNodeFactory().nullNode()));
        assertEquals(3, PeftFormat.read(a, 2).config().targets().size());
    }

    static Stream<Arguments> noEffectKeys() {
        return Stream.of(
                Arguments.of("peft_version", "\"0.21.0@abc\""), Arguments.of("revision", "\"main\""),
                Arguments.of("auto_mapping", "{\"base_model_class\": \"LlamaForCausalLM\"}"),
                Arguments.of("inference_mode", "false"), Arguments.of("lora_dropout", "0.1"),
                Arguments.of("fan_in_fan_out", "true"), Arguments.of("megatron_config", "{\"tp\": 2}"),
                Arguments.of("megatron_core", "\"megatron.core\""), Arguments.of("loftq_config", "{\"loftq_bits\": 4}"),
                Arguments.of("eva_config", "{\"rho\": 2.0}"), Arguments.of("corda_config", "{\"corda_method\": \"ipm\"}"),
                Arguments.of("lora_ga_config", "{\"direction\": \"ArB2r\"}"),
                Arguments.of("velora_config", "{\"num_groups\": 4}"), Arguments.of("monteclora_config", "{\"num_samples\": 2}"),
                Arguments.of("qalora_group_size", "32"), Arguments.of("ensure_weight_tying", "true"),
                Arguments.of("runtime_config", "{\"ephemeral_gpu_offload\": true}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noEffectKeys")
    void anOptionWithoutEffectAtInferenceChangesNothing(String key, String value) {
        List<String> noEffect = PeftAdapterConfig.KEYS.entrySet().stream()
                .filter(e -> e.getValue() == PeftAdapterConfig.Treatment.NO_EFFECT).map(Map.Entry::getKey).toList();
        assertEquals(new TreeSet<>(noEffect), new TreeSet<>(noEffectKeys().map(a -> (String) a.get()[0]).toList()));
        LoraAdapter plain = PeftFormat.read(adapter(json -> { }), 2);
        LoraAdapter with = PeftFormat.read(adapter(json -> json.set(key, parse(value))), 2);
        assertEquals(plain.config(), with.config());
        assertArrayEquals(plain.layer(1).get(LoraTarget.DOWN).b().data(), with.layer(1).get(LoraTarget.DOWN).b().data());
    }

    @Test
    void anUnknownOptionIsRefusedByNameWhenSetAndIgnoredWhenNull() {
        assertRefused(adapter(json -> json.put("lora_future_trick", 3)), "lora_future_trick=3", "up to 0.21");
        assertEquals(3, PeftFormat.read(adapter(json -> json.putNull("lora_future_trick")), 2).config().targets().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "\"gaussian\"", "\"eva\"", "\"orthogonal\"", "\"mica\""})
    void anInitialisationThatLeavesTheBaseAloneIsHonoured(String value) {
        assertEquals(8.0, PeftFormat.read(adapter(json -> json.set("init_lora_weights", parse(value))), 2)
                .config().alpha());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pissa", "pissa_niter_4", "olora", "corda", "lora_ga"})
    void anInitialisationThatChangedTheBaseIsRefusedWithTheConversionToUse(String value) {
        assertRefused(adapter(json -> json.put("init_lora_weights", value)), "init_lora_weights='" + value + "'",
                "path_initial_model_for_weight_conversion", "merge_and_unload");
    }

    @Test
    void aLoftqAdapterIsRefusedByName() {
        assertRefused(adapter(json -> json.put("init_lora_weights", "loftq")), "init_lora_weights='loftq'",
                "merge_and_unload");
    }

    @Test
    void emptyOrNullModulesToSaveIsHarmlessAndAListIsRefused() {
        assertEquals(3, PeftFormat.read(adapter(json -> json.putArray("modules_to_save")), 2).config().targets().size());
        assertEquals(3, PeftFormat.read(adapter(json -> json.putNull("modules_to_save")), 2).config().targets().size());
        assertRefused(adapter(json -> json.putArray("modules_to_save").add("lm_head")), "modules_to_save=[\"lm_head\"]",
                "merge_and_unload");
    }

    @Test
    void biasAllWithoutSavedBaseBiasesReadsAsNoneAndWithThemIsRefused() throws Exception {
        assertEquals(3, PeftFormat.read(adapter(json -> json.put("bias", "all")), 2).config().targets().size());
        Path a = adapter(json -> json.put("bias", "lora_only"));
        Path weights = a.resolve(PeftFormat.WEIGHTS_FILE);
        SafetensorsFile file = SafetensorsFile.open(weights);
        List<HostTensor> tensors = new ArrayList<>();
        for (String name : file.entries().keySet()) {
            tensors.add(file.read(name));
        }
        tensors.add(new HostTensor("base_model.model.model.layers.0.self_attn.q_proj.bias", new int[] {32}, new float[32]));
        SafetensorsWriter.write(weights, tensors, DType.F32, Map.of("format", "pt"));
        assertRefused(a, "bias='lora_only'", "merge_and_unload");
    }

    // Keeps only the tensors of the adapter's weights file that {@code keep} accepts.
    private static Path keepTensors(Path a, Predicate<String> keep) {
        Path weights = a.resolve(PeftFormat.WEIGHTS_FILE);
        SafetensorsFile file = SafetensorsFile.open(weights);
        List<HostTensor> tensors = new ArrayList<>();
        for (String name : file.entries().keySet()) {
            if (keep.test(name)) {
                tensors.add(file.read(name));
            }
        }
        SafetensorsWriter.write(weights, tensors, DType.F32, Map.of("format", "pt"));
        return a;
    }

    @Test
    void suffixNamesAndRegexesSelectModulesAsPeftDoes() {
        LoraAdapter suffixes = PeftFormat.read(keepTensors(adapter(json -> json.putArray("target_modules")
                .add("self_attn.q_proj").add("mlp.down_proj")), n -> !n.contains("v_proj")), 2);
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.DOWN), suffixes.layer(0).keySet());
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.DOWN), suffixes.layer(1).keySet());
        LoraAdapter regex = PeftFormat.read(keepTensors(adapter(json -> json.put("target_modules",
                "model\\.layers\\.(?P<layer>1)\\.self_attn\\.(q|v)_proj")),
                n -> n.contains("layers.1.self_attn")), 2);
        assertEquals(Set.of(), regex.layer(0).keySet());
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.V), regex.layer(1).keySet());
        LoraAdapter byDefault = PeftFormat.read(keepTensors(adapter(json -> json.putNull("target_modules")),
                n -> !n.contains("down_proj")), 2);
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.V), byDefault.config().targets(), "PEFT's Llama default");
    }

    @Test
    void layersToTransformKeepsTheListedLayersAndAnExactNameBypassesItAsInPeft() {
        Path a = adapter(json -> {
            json.putArray("target_modules").add("q_proj").add("v_proj").add("model.layers.0.mlp.down_proj");
            json.putArray("layers_to_transform").add(1);
            json.put("layers_pattern", "layers");
        });
        LoraAdapter read = PeftFormat.read(keepTensors(a,
                n -> n.contains("layers.1.") ? !n.contains("down_proj") : n.contains("down_proj")), 2);
        assertEquals(Set.of(LoraTarget.DOWN), read.layer(0).keySet());
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.V), read.layer(1).keySet());
    }

    @Test
    void layerSelectionPeftRejectsIsRefused() {
        assertRefused(adapter(json -> {
            json.put("target_modules", ".*q_proj");
            json.putArray("layers_to_transform").add(0);
        }), "layers_to_transform", "rejects");
        assertRefused(adapter(json -> json.put("layers_pattern", "layers")), "layers_pattern without");
        assertRefused(adapter(json -> {
            json.putArray("layers_to_transform").add(0);
            json.put("layers_pattern", "h");
        }), "matches no projection");
    }

    @Test
    void excludeModulesAsNamesOrRegexLeavesThoseModulesOut() {
        Predicate<String> kept = n -> !n.contains("layers.0.self_attn.q_proj") && !n.contains("layers.1.mlp.down_proj");
        LoraAdapter byName = PeftFormat.read(keepTensors(adapter(json -> json.putArray("exclude_modules")
                .add("model.layers.0.self_attn.q_proj").add("layers.1.mlp.down_proj")), kept), 2);
        assertEquals(EnumSet.of(LoraTarget.V, LoraTarget.DOWN), byName.layer(0).keySet());
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.V), byName.layer(1).keySet());
        LoraAdapter byRegex = PeftFormat.read(keepTensors(adapter(json -> json.put("exclude_modules",
                ".*\\.0\\.self_attn\\.q_proj|.*1\\.mlp\\.down_proj")), kept), 2);
        assertEquals(EnumSet.of(LoraTarget.V, LoraTarget.DOWN), byRegex.layer(0).keySet());
        assertEquals(EnumSet.of(LoraTarget.Q, LoraTarget.V), byRegex.layer(1).keySet());
        assertRefused(adapter(json -> json.put("exclude_modules", ".*_proj")), "matches no projection");
    }

    @Test
    void rankAndAlphaPatternsGiveModulesTheirOwnAndMustAgreeWithTheTensors() {
        LoraAdapter read = PeftFormat.read(adapter(json -> {
            json.putObject("alpha_pattern").put("down_proj", 2).put("model\\.layers\\.1\\.self_attn\\.q_proj", 16);
            json.putObject("rank_pattern").put("layers.9.self_attn.v_proj", 16);
        }), 2);
        assertEquals(2.0, read.layer(0).get(LoraTarget.DOWN).alpha());
        assertEquals(0.5, read.scale(1, LoraTarget.DOWN));
        assertEquals(4.0, read.scale(1, LoraTarget.Q));
        assertEquals(2.0, read.scale(0, LoraTarget.Q));
        assertRefused(adapter(json -> json.putObject("rank_pattern").put("v_proj", 2)),
                "base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight [4, 32]", "rank 2");
    }

    @Test
    void anEmbeddingOrOutputHeadTargetIsRefusedWithHowToUseTheAdapter() {
        assertRefused(adapter(json -> json.putArray("target_modules").add("q_proj").add("lm_head")),
                "[lm_head]", "merge_and_unload", "merged checkpoint");
        assertRefused(adapter(json -> json.put("target_modules", ".*norm")), "model.layers.0.input_layernorm",
                "linear projections");
    }

    @Test
    void anAdapterForAnotherTaskIsRefusedByName() {
        assertRefused(adapter(json -> json.put("task_type", "SEQ_CLS")), "task_type 'SEQ_CLS'", "CAUSAL_LM");
        assertEquals(3, PeftFormat.read(adapter(json -> json.putNull("task_type")), 2).config().targets().size());
    }

    @Test
    void theKeyTableCoversHonouredSomeValuesNoEffectAndRefusedKeys() {
        assertEquals(42, PeftAdapterConfig.KEYS.size(), "PEFT 0.21's 41 saved keys plus runtime_config");
        for (String key : PeftAdapterConfig.REFUSALS.keySet()) {
            assertEquals(PeftAdapterConfig.Treatment.REFUSED, PeftAdapterConfig.KEYS.get(key), key);
        }
    }

    @Test
    void anUnknownTargetModuleIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> LoraTarget.fromModuleName("c_attn"));
        assertTrue(e.getMessage().contains("c_attn"), e.getMessage());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
