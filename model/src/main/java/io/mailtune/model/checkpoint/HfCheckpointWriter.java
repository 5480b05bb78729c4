package io.mailtune.model.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.checkpoint.SafetensorsWriter;
import io.mailtune.model.config.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a Llama checkpoint in HF layout: {@code config.json}, {@code generation_config.json}, {@code model.safetensors}. */
public final class HfCheckpointWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HfCheckpointWriter() {
    }

    /** The {@code config.json} of a Llama model with tied embeddings, as transformers writes it. */
    public static ObjectNode llamaConfig(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads,
                                         int maxPositions, int bosId, int eosId) {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("vocab_size", vocab);
        c.put("hidden_size", hidden);
        c.put("intermediate_size", intermediate);
        c.put("num_hidden_layers", layers);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("head_dim", hidden / heads);
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", maxPositions);
        c.put("rms_norm_eps", 1e-5);
        c.put("rope_theta", 10000.0);
        c.put("tie_word_embeddings", true);
        c.put("attention_bias", false);
        c.put("mlp_bias", false);
        c.put("bos_token_id", bosId);
        c.put("eos_token_id", eosId);
        c.put("torch_dtype", "float16");
        return c;
    }

    /** Writes config.json and generation_config.json (greedy by default, stopping at {@code eosId}). */
    public static void writeConfigs(Path dir, ObjectNode config) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve("config.json").toFile(), config);
            ObjectNode gen = JSON.createObjectNode();
            gen.put("bos_token_id", config.get("bos_token_id").asInt());
            gen.put("eos_token_id", config.get("eos_token_id").asInt());
            gen.put("do_sample", false);
            JSON.writeValue(dir.resolve("generation_config.json").toFile(), gen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write configs to " + dir, e);
        }
    }

    /** Writes the weights as {@code model.safetensors} in the given type (F16 for the bundled model). */
    public static void writeWeights(Path dir, ModelConfig config, List<HostTensor> tensors, DType dtype) {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, dtype, Map.of("format", "pt"));
    }
}
