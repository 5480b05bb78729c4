package io.mailtune.model.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.model.checkpoint.CheckpointException;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.checkpoint.SafetensorsFile;
import io.mailtune.model.checkpoint.SafetensorsWriter;
import io.mailtune.model.config.UnsupportedModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes adapters in PEFT's format: {@code adapter_config.json} plus {@code adapter_model.safetensors}
 * with tensors named {@code base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight} ([r, in]) and
 * {@code ...lora_B.weight} ([out, r]), so adapters move to and from PEFT and vLLM unchanged.
 */
public final class PeftFormat {

    /** The adapter config file name. */
    public static final String CONFIG_FILE = "adapter_config.json";
    /** The adapter weights file name. */
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PeftFormat() {
    }

    /** PEFT's name prefix for one layer's projection, e.g. {@code base_model.model.model.layers.3.self_attn.q_proj}. */
    public static String tensorPrefix(int layer, LoraTarget target) {
        return "base_model.model.model.layers." + layer + "." + target.path();
    }

    /** Reads an adapter directory for a model with the given number of layers. */
    public static LoraAdapter read(Path dir, int layers) {
        LoraConfig config = readConfig(dir.resolve(CONFIG_FILE));
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new CheckpointException("no " + WEIGHTS_FILE + " in " + dir);
        }
        SafetensorsFile file = SafetensorsFile.open(weights);
        Set<String> unused = new HashSet<>(file.entries().keySet());
        List<Map<LoraTarget, LoraPair>> all = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            Map<LoraTarget, LoraPair> layer = new EnumMap<>(LoraTarget.class);
            for (LoraTarget t : config.targets()) {
                String prefix = tensorPrefix(l, t);
                String a = prefix + ".lora_A.weight";
                String b = prefix + ".lora_B.weight";
                unused.remove(a);
                unused.remove(b);
                layer.put(t, new LoraPair(file.read(a), file.read(b)));
            }
            all.add(layer);
        }
        if (!unused.isEmpty()) {
            throw new UnsupportedModelException("adapter in " + dir + " holds tensors this model cannot use, e.g. '"
                    + new TreeSet<>(unused).first() + "' (" + unused.size()
                    + " in all; the model has " + layers + " layers)");
        }
        return new LoraAdapter(config, all);
    }

    /** Reads and validates {@code adapter_config.json}; unsupported PEFT options fail with their name. */
    public static LoraConfig readConfig(Path file) {
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String type = c.path("peft_type").asText("");
        if (!type.equalsIgnoreCase("LORA")) {
            throw new UnsupportedModelException("unsupported peft_type '" + type + "' in " + file + "; only LORA");
        }
        if (c.path("use_dora").asBoolean(false)) {
            throw new UnsupportedModelException("unsupported PEFT option use_dora=true in " + file);
        }
        String bias = c.path("bias").asText("none");
        if (!bias.equals("none")) {
            throw new UnsupportedModelException("unsupported PEFT option bias='" + bias + "' in " + file);
        }
        for (String field : List.of("rank_pattern", "alpha_pattern")) {
            if (c.path(field).isObject() && !c.path(field).isEmpty()) {
                throw new UnsupportedModelException("unsupported PEFT option " + field + " in " + file);
            }
        }
        if (c.hasNonNull("modules_to_save") || c.hasNonNull("layers_to_transform")) {
            throw new UnsupportedModelException("unsupported PEFT option modules_to_save/layers_to_transform in " + file);
        }
        return new LoraConfig(c.path("r").asInt(8), c.path("lora_alpha").asDouble(8), targets(c.path("target_modules"), file),
                c.path("use_rslora").asBoolean(false), c.path("base_model_name_or_path").asText(""));
    }

    private static Set<LoraTarget> targets(JsonNode node, Path file) {
        if (node.isTextual() && node.asText().toLowerCase(Locale.ROOT).equals("all-linear")) {
            return EnumSet.allOf(LoraTarget.class);
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new UnsupportedModelException("target_modules in " + file
                    + " must be a list of module names or 'all-linear', was " + node);
        }
        Set<LoraTarget> out = EnumSet.noneOf(LoraTarget.class);
        node.forEach(n -> out.add(LoraTarget.fromModuleName(n.asText())));
        return out;
    }

    /** Writes an adapter directory as PEFT does (float32 tensors); existing files are replaced atomically. */
    public static void write(LoraAdapter adapter, Path dir) {
        try {
            Files.createDirectories(dir);
            LoraConfig c = adapter.config();
            ObjectNode json = JSON.createObjectNode();
            json.put("peft_type", "LORA");
            json.put("task_type", "CAUSAL_LM");
            json.put("base_model_name_or_path", c.baseModel());
            json.put("r", c.rank());
            if (c.alpha() == Math.rint(c.alpha())) {
                json.put("lora_alpha", (long) c.alpha());
            } else {
                json.put("lora_alpha", c.alpha());
            }
            json.put("lora_dropout", 0.0);
            json.put("use_rslora", c.rsLora());
            json.put("use_dora", false);
            json.put("bias", "none");
            json.put("fan_in_fan_out", false);
            json.put("inference_mode", true);
            json.put("init_lora_weights", true);
            json.putNull("modules_to_save");
            json.putNull("layers_to_transform");
            ArrayNode targets = json.putArray("target_modules");
            c.targets().stream().map(LoraTarget::moduleName).sorted().forEach(targets::add);
            Path tmp = dir.resolve(CONFIG_FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), json);
            List<HostTensor> tensors = new ArrayList<>();
            for (int l = 0; l < adapter.layerCount(); l++) {
                for (Map.Entry<LoraTarget, LoraPair> e : adapter.layer(l).entrySet()) {
                    String prefix = tensorPrefix(l, e.getKey());
                    tensors.add(new HostTensor(prefix + ".lora_A.weight", e.getValue().a().shape(), e.getValue().a().data()));
                    tensors.add(new HostTensor(prefix + ".lora_B.weight", e.getValue().b().shape(), e.getValue().b().data()));
                }
            }
            tensors.sort((x, y) -> x.name().compareTo(y.name()));
            SafetensorsWriter.write(dir.resolve(WEIGHTS_FILE), tensors, DType.F32, Map.of("format", "pt"));
            Files.move(tmp, dir.resolve(CONFIG_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CheckpointException("cannot write adapter to " + dir + ": " + e.getMessage(), e);
        }
    }
}
