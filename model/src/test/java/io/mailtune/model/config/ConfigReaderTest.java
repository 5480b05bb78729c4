package io.mailtune.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    static final String SMOLLM2_135M = """
            {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
             "bos_token_id": 0, "eos_token_id": 0, "hidden_act": "silu", "hidden_size": 576,
             "initializer_range": 0.041666666666666664, "intermediate_size": 1536, "is_llama_config": true,
             "max_position_embeddings": 8192, "model_type": "llama", "num_attention_heads": 9,
             "num_hidden_layers": 30, "num_key_value_heads": 3, "pretraining_tp": 1, "rms_norm_eps": 1e-05,
             "rope_interleaved": false, "rope_scaling": null, "rope_theta": 100000, "tie_word_embeddings": true,
             "torch_dtype": "bfloat16", "transformers_version": "4.40.1", "use_cache": true, "vocab_size": 49152}
            """;

    static final String LLAMA2_7B = """
            {"architectures": ["LlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
             "hidden_size": 4096, "intermediate_size": 11008, "max_position_embeddings": 4096, "model_type": "llama",
             "num_attention_heads": 32, "num_hidden_layers": 32, "num_key_value_heads": 32, "rms_norm_eps": 1e-05,
             "rope_scaling": null, "tie_word_embeddings": false, "vocab_size": 32000}
            """;

    @Test
    void smolLm2ConfigGivesThePublishedParameterCount() {
        assertEquals(134_515_008L, ParameterCount.total(ConfigReader.parse(SMOLLM2_135M)));
    }

    @Test
    void loraRank8OnQAndVOfLlama2_7bGivesPeftsTrainableCount() {
        LoraConfig lora = new LoraConfig(8, 16, EnumSet.of(LoraTarget.Q, LoraTarget.V), false, "llama-2-7b");
        assertEquals(4_194_304L, ParameterCount.lora(ConfigReader.parse(LLAMA2_7B), lora));
    }

    @Test
    void llama2_7bConfigGivesItsPublishedParameterCount() {
        assertEquals(6_738_415_616L, ParameterCount.total(ConfigReader.parse(LLAMA2_7B)));
    }

    @Test
    void smolLm2ConfigIsReadWithItsShape() {
        ModelConfig c = ConfigReader.parse(SMOLLM2_135M);
        assertEquals(Architecture.LLAMA, c.architecture());
        assertEquals(64, c.headDim());
        assertEquals(3, c.kvHeads());
        assertEquals(100000.0, c.ropeTheta());
        assertTrue(c.tiedEmbeddings());
        assertInstanceOf(RopeScaling.None.class, c.ropeScaling());
    }

    @Test
    void anUnsupportedArchitectureIsRejectedByName() {
        var e = assertThrows(UnsupportedModelException.class,
                () -> ConfigReader.parse(SMOLLM2_135M.replace("\"llama\"", "\"gpt2\"")));
        assertTrue(e.getMessage().contains("gpt2"), e.getMessage());
    }

    @Test
    void anUnsupportedRopeScalingTypeIsRejectedByName() {
        var e = assertThrows(UnsupportedModelException.class, () -> ConfigReader.parse(
                SMOLLM2_135M.replace("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4}")));
        assertTrue(e.getMessage().contains("yarn"), e.getMessage());
    }

    @Test
    void llama3RopeScalingAndThetaInsideRopeParametersAreRead() {
        ModelConfig c = ConfigReader.parse(SMOLLM2_135M.replace("\"rope_scaling\": null, \"rope_theta\": 100000,",
                "\"rope_parameters\": {\"rope_type\": \"llama3\", \"rope_theta\": 500000.0, \"factor\": 32.0,"
                        + " \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0,"
                        + " \"original_max_position_embeddings\": 8192},"));
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(new RopeScaling.Llama3(32, 1, 4, 8192), c.ropeScaling());
    }

    @Test
    void headsThatKvHeadsDoNotDivideAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConfigReader.parse(SMOLLM2_135M.replace("\"num_key_value_heads\": 3", "\"num_key_value_heads\": 4")));
        assertTrue(e.getMessage().contains("num_key_value_heads"), e.getMessage());
    }
}
