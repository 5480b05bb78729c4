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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * Reads an adapter directory for a model with the given number of layers. The config is read as PEFT 0.21 reads
     * it (regex or suffix {@code target_modules}, {@code exclude_modules}, {@code layers_to_transform},
     * {@code rank_pattern} / {@code alpha_pattern}, rsLoRA, {@code lora_bias}); an option that would change what
     * the adapter computes and that Mailtune cannot apply fails naming it, with what to do instead.
     */
    public static LoraAdapter read(Path dir, int layers) {
        PeftAdapterConfig config = PeftAdapterConfig.read(dir.resolve(CONFIG_FILE));
        List<PeftAdapterConfig.Module> modules = config.resolve(layers);
        Path weights = dir.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new CheckpointException("no " + WEIGHTS_FILE + " in " + dir);
        }
        SafetensorsFile file = SafetensorsFile.open(weights);
        Set<String> unused = new TreeSet<>(file.entries().keySet());
        unused.removeIf(config::isTrainingState);
        List<Map<LoraTarget, LoraPair>> all = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            all.add(new EnumMap<>(LoraTarget.class));
        }
        Set<LoraTarget> targets = EnumSet.noneOf(LoraTarget.class);
        for (PeftAdapterConfig.Module m : modules) {
            String prefix = tensorPrefix(m.layer(), m.target());
            HostTensor a = take(file, unused, prefix + ".lora_A.weight", m);
            HostTensor b = take(file, unused, prefix + ".lora_B.weight", m);
            HostTensor bias = config.loraBias() ? take(file, unused, prefix + ".lora_B.bias", m) : null;
            if (a.shape().length != 2 || a.shape()[0] != m.rank()) {
                throw new UnsupportedModelException("adapter tensor " + a.name() + " " + Arrays.toString(a.shape())
                        + " does not have the rank " + m.rank() + " that " + CONFIG_FILE + " gives " + m.name()
                        + " (r, rank_pattern)");
            }
            all.get(m.layer()).put(m.target(), new LoraPair(a, b, bias, m.alpha()));
            targets.add(m.target());
        }
        if (!unused.isEmpty()) {
            throw new UnsupportedModelException(unusedTensors(dir, unused, config, layers));
        }
        return new LoraAdapter(new LoraConfig(config.rank(), config.alpha(), targets, config.rsLora(),
                config.baseModel()), all);
    }

    private static HostTensor take(SafetensorsFile file, Set<String> unused, String name,
                                   PeftAdapterConfig.Module m) {
        if (!file.entries().containsKey(name)) {
            throw new UnsupportedModelException(CONFIG_FILE + " adapts " + m.name() + " but " + WEIGHTS_FILE
                    + " has no tensor '" + name + "'");
        }
        unused.remove(name);
        return file.read(name);
    }

    // Says what the tensors no configured module reads are, and what the user can do about them.
    private static String unusedTensors(Path dir, Set<String> unused, PeftAdapterConfig config, int layers) {
        String first = unused.iterator().next();
        String head = "adapter in " + dir + " holds tensors this model cannot use, e.g. '" + first + "' ("
                + unused.size() + " in all; the model has " + layers + " layers)";
        if (unused.stream().anyMatch(n -> n.contains("embed_tokens") || n.contains("lm_head"))) {
            return head + ": the adapter carries embedding or output-head weights (saved by PEFT when the vocabulary "
                    + "was resized or those modules were trained), which Mailtune does not load; merge the adapter "
                    + "into its base with PEFT (merge_and_unload) and load the merged checkpoint";
        }
        if (!config.bias().equals("none") && unused.stream().anyMatch(n -> n.endsWith(".bias"))) {
            return head + ": PEFT option bias='" + config.bias() + "' saved trained biases of the base model, which "
                    + "Mailtune does not load; merge the adapter into its base with PEFT (merge_and_unload) and load "
                    + "the merged checkpoint";
        }
        return head;
    }

    /**
     * Writes an adapter directory as PEFT does (float32 tensors, PEFT's names and shapes); existing files are replaced
     * atomically. The config holds only keys every PEFT since 0.6 reads the same way, plus {@code use_rslora} and
     * {@code lora_bias} when they are on (a PEFT too old to know them then refuses the config, or from 0.14 warns,
     * instead of computing something else), and no {@code peft_version}. Projections with their own rank or alpha are named in both
     * {@code rank_pattern} and {@code alpha_pattern}; an adapter whose layers adapt different projections lists
     * every adapted module by its full name in {@code target_modules}.
     */
    public static void write(LoraAdapter adapter, Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(CONFIG_FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), configJson(adapter));
            List<HostTensor> tensors = new ArrayList<>();
            for (int l = 0; l < adapter.layerCount(); l++) {
                for (Map.Entry<LoraTarget, LoraPair> e : adapter.layer(l).entrySet()) {
                    String prefix = tensorPrefix(l, e.getKey());
                    LoraPair p = e.getValue();
                    tensors.add(new HostTensor(prefix + ".lora_A.weight", p.a().shape(), p.a().data()));
                    tensors.add(new HostTensor(prefix + ".lora_B.weight", p.b().shape(), p.b().data()));
                    if (p.bias() != null) {
                        tensors.add(new HostTensor(prefix + ".lora_B.bias", p.bias().shape(), p.bias().data()));
                    }
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

    // The adapter_config.json for an adapter, keys sorted as PEFT writes them.
    static ObjectNode configJson(LoraAdapter adapter) {
        LoraConfig c = adapter.config();
        Map<String, JsonNode> keys = new TreeMap<>();
        var f = JSON.getNodeFactory();
        keys.put("peft_type", f.textNode("LORA"));
        keys.put("task_type", f.textNode("CAUSAL_LM"));
        keys.put("base_model_name_or_path", f.textNode(c.baseModel()));
        keys.put("r", f.numberNode(c.rank()));
        keys.put("lora_alpha", number(c.alpha()));
        keys.put("lora_dropout", f.numberNode(0.0));
        keys.put("bias", f.textNode("none"));
        keys.put("fan_in_fan_out", f.booleanNode(false));
        keys.put("inference_mode", f.booleanNode(true));
        keys.put("init_lora_weights", f.booleanNode(true));
        keys.put("modules_to_save", f.nullNode());
        keys.put("layers_to_transform", f.nullNode());
        keys.put("layers_pattern", f.nullNode());
        if (c.rsLora()) {
            keys.put("use_rslora", f.booleanNode(true));
        }
        if (adapter.hasBias()) {
            keys.put("lora_bias", f.booleanNode(true));
        }
        boolean sameTargets = true;
        for (int l = 0; l < adapter.layerCount(); l++) {
            sameTargets &= adapter.layer(l).keySet().equals(c.targets());
        }
        ArrayNode targets = f.arrayNode();
        ObjectNode ranks = f.objectNode();
        ObjectNode alphas = f.objectNode();
        Set<String> names = new TreeSet<>();
        for (int l = 0; l < adapter.layerCount(); l++) {
            for (Map.Entry<LoraTarget, LoraPair> e : adapter.layer(l).entrySet()) {
                String tail = "layers." + l + "." + e.getKey().path();
                names.add(sameTargets ? e.getKey().moduleName() : "model." + tail);
                LoraPair p = e.getValue();
                if (p.rank() != c.rank() || p.alpha() != c.alpha()) {
                    // Escaped, so the key names exactly this module in every PEFT version's pattern matching.
                    String key = tail.replace(".", "\\.");
                    ranks.put(key, p.rank());
                    alphas.set(key, number(p.alpha()));
                }
            }
        }
        names.forEach(targets::add);
        keys.put("target_modules", targets);
        keys.put("rank_pattern", ranks);
        keys.put("alpha_pattern", alphas);
        ObjectNode json = f.objectNode();
        keys.forEach(json::set);
        return json;
    }

    private static JsonNode number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? JSON.getNodeFactory().numberNode((long) v)
                : JSON.getNodeFactory().numberNode(v);
    }
}
