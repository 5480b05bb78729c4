package io.mailtune.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.SafetensorsFile;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.UnsupportedModelException;
import io.mailtune.model.fixtures.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeftFormatTest {

    @TempDir
    Path dir;

    private ModelConfig model() {
        return TinyModel.write(dir.resolve("model"), TinyModel.llamaConfig(true), 1, DType.F32).config();
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
        JsonNode json = new ObjectMapper().readTree(dir.resolve("adapter").resolve("adapter_config.json").toFile());
        assertEquals("LORA", json.get("peft_type").asText());
        assertEquals("CAUSAL_LM", json.get("task_type").asText());
        assertEquals(4, json.get("r").asInt());
        assertEquals(8, json.get("lora_alpha").asInt());
        assertTrue(json.get("use_rslora").asBoolean());
        assertEquals("HuggingFaceTB/SmolLM2-135M", json.get("base_model_name_or_path").asText());
        assertEquals("[\"down_proj\",\"q_proj\",\"v_proj\"]", json.get("target_modules").toString());
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

    @Test
    void unsupportedPeftOptionsAreRejectedByName() throws Exception {
        ModelConfig c = model();
        PeftFormat.write(LoraAdapter.initialise(c, LoraConfig.defaults("tiny"), 1, false), dir.resolve("adapter"));
        Path config = dir.resolve("adapter").resolve("adapter_config.json");
        Files.writeString(config, Files.readString(config).replace("\"use_dora\" : false", "\"use_dora\" : true"));
        var e = assertThrows(UnsupportedModelException.class, () -> PeftFormat.read(dir.resolve("adapter"), 2));
        assertTrue(e.getMessage().contains("use_dora"), e.getMessage());
    }

    @Test
    void anUnknownTargetModuleIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> LoraTarget.fromModuleName("c_attn"));
        assertTrue(e.getMessage().contains("c_attn"), e.getMessage());
    }
}
