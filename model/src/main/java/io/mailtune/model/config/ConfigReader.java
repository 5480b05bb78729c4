package io.mailtune.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads HF's {@code config.json} into a {@link ModelConfig}, rejecting what the runtime cannot run. */
public final class ConfigReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigReader() {
    }

    /** Reads {@code config.json} from a checkpoint directory. */
    public static ModelConfig read(Path checkpointDir) {
        Path file = checkpointDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new UnsupportedModelException("no config.json in " + checkpointDir);
        }
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses the JSON text of a config. */
    public static ModelConfig parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new UnsupportedModelException("config.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static ModelConfig parse(JsonNode c) {
        Architecture architecture = Architecture.fromModelType(text(c, "model_type"));
        if (architecture == Architecture.LLAMA && (c.path("attention_bias").asBoolean(false)
                || c.path("mlp_bias").asBoolean(false))) {
            throw new UnsupportedModelException("unsupported llama variant: attention_bias/mlp_bias=true");
        }
        if (c.path("use_sliding_window").asBoolean(false)) {
            throw new UnsupportedModelException("unsupported: use_sliding_window=true");
        }
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new UnsupportedModelException("unsupported hidden_act='" + act + "'; only silu (SwiGLU)");
        }
        int hidden = required(c, "hidden_size");
        int heads = required(c, "num_attention_heads");
        int kvHeads = c.has("num_key_value_heads") && !c.get("num_key_value_heads").isNull()
                ? c.get("num_key_value_heads").asInt() : heads;
        int headDim = c.has("head_dim") && !c.get("head_dim").isNull() ? c.get("head_dim").asInt() : hidden / heads;
        JsonNode ropeParams = c.path("rope_parameters");
        double theta = c.has("rope_theta") ? c.get("rope_theta").asDouble()
                : ropeParams.path("rope_theta").asDouble(10000.0);
        JsonNode scaling = c.has("rope_scaling") && !c.get("rope_scaling").isNull() ? c.get("rope_scaling")
                : ropeParams.isObject() ? ropeParams : null;
        return new ModelConfig(architecture,
                required(c, "vocab_size"),
                hidden,
                required(c, "intermediate_size"),
                required(c, "num_hidden_layers"),
                heads,
                kvHeads,
                headDim,
                c.path("rms_norm_eps").asDouble(1e-6),
                theta,
                ropeScaling(scaling),
                c.path("tie_word_embeddings").asBoolean(false),
                c.path("max_position_embeddings").asInt(2048),
                c.path("bos_token_id").isInt() ? c.get("bos_token_id").asInt() : -1,
                ids(c.path("eos_token_id")));
    }

    private static RopeScaling ropeScaling(JsonNode s) {
        if (s == null) {
            return new RopeScaling.None();
        }
        String type = s.has("rope_type") ? s.get("rope_type").asText() : s.path("type").asText("default");
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "default", "" -> new RopeScaling.None();
            case "linear" -> new RopeScaling.Linear(s.path("factor").asDouble(1.0));
            case "llama3" -> new RopeScaling.Llama3(
                    s.path("factor").asDouble(8.0),
                    s.path("low_freq_factor").asDouble(1.0),
                    s.path("high_freq_factor").asDouble(4.0),
                    s.path("original_max_position_embeddings").asInt(8192));
            default -> throw new UnsupportedModelException("unsupported rope_scaling type '" + type
                    + "'; supported: default, linear, llama3");
        };
    }

    private static List<Integer> ids(JsonNode node) {
        List<Integer> out = new ArrayList<>();
        if (node.isInt()) {
            out.add(node.asInt());
        } else if (node.isArray()) {
            node.forEach(n -> out.add(n.asInt()));
        }
        return out;
    }

    private static String text(JsonNode c, String field) {
        return c.has(field) && !c.get(field).isNull() ? c.get(field).asText() : null;
    }

    private static int required(JsonNode c, String field) {
        if (!c.has(field) || !c.get(field).canConvertToInt()) {
            throw new UnsupportedModelException("config.json lacks integer field '" + field + "'");
        }
        return c.get(field).asInt();
    }
}
