package io.mailtune.model.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.model.checkpoint.CheckpointException;
import io.mailtune.model.config.UnsupportedModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An {@code adapter_config.json} as PEFT's {@code LoraConfig} writes it, checked key by key: each key is honoured,
 * has no effect on what the adapter computes at inference, or is refused by name with what to do instead (the table
 * in docs/model.md). Which modules it adapts, and with what rank and alpha, is decided as PEFT 0.21 decides it
 * ({@code check_target_module_exists}, {@code get_pattern_key}), over the module names of an HF Llama/Qwen2 causal LM.
 */
final class PeftAdapterConfig {

    /** What Mailtune does with a key. */
    enum Treatment {
        /** Read and applied. */
        HONOURED,
        /** Read; only some values can be applied, the others are refused by name. */
        SOME_VALUES,
        /** Metadata, or a setting of training or initialisation that the saved weights already reflect. */
        NO_EFFECT,
        /** Refused by name, with advice, whenever it is set (not null, false, empty or PEFT's default). */
        REFUSED
    }

    private static final String MERGE = "merge the adapter into its base with PEFT "
            + "(PeftModel.from_pretrained(base, dir).merge_and_unload().save_pretrained(out)) and load the merged "
            + "checkpoint in Mailtune";

    /** Every key PEFT 0.21's LoraConfig (with PeftConfig's) writes, in the order docs/model.md lists them. */
    static final Map<String, Treatment> KEYS;

    /** Why each always-refused key is refused, and what the user can do. */
    static final Map<String, String> REFUSALS;

    static {
        Map<String, Treatment> k = new LinkedHashMap<>();
        for (String key : List.of("peft_type", "task_type", "base_model_name_or_path", "r", "lora_alpha", "use_rslora",
                "target_modules", "exclude_modules", "layers_to_transform", "layers_pattern", "rank_pattern",
                "alpha_pattern", "lora_bias")) {
            k.put(key, Treatment.HONOURED);
        }
        for (String key : List.of("modules_to_save", "init_lora_weights", "bias")) {
            k.put(key, Treatment.SOME_VALUES);
        }
        for (String key : List.of("peft_version", "revision", "auto_mapping", "inference_mode", "lora_dropout",
                "fan_in_fan_out", "megatron_config", "megatron_core", "loftq_config", "eva_config", "corda_config",
                "lora_ga_config", "velora_config", "monteclora_config", "qalora_group_size", "ensure_weight_tying",
                "runtime_config")) {
            k.put(key, Treatment.NO_EFFECT);
        }
        Map<String, String> r = new LinkedHashMap<>();
        r.put("use_dora", "DoRA rescales every weight column by a learned magnitude that Mailtune does not apply; "
                + MERGE);
        r.put("alora_invocation_tokens", "an activated LoRA acts only from its invocation tokens on, and Mailtune "
                + "would apply it to every token; serve it where aLoRA is supported (PEFT, vLLM) or retrain it as a "
                + "plain LoRA (merging cannot keep the activation)");
        r.put("use_qalora", "QA-LoRA pools the inputs of a GPTQ-quantised base, which Mailtune does not run; retrain "
                + "it as a plain LoRA on the unquantised base");
        r.put("layer_replication", "the adapter belongs to a deeper model made by repeating base layers; " + MERGE
                + " (it holds the repeated layers)");
        r.put("target_parameters", "LoRA on raw parameters (such as MoE experts) is not applied by Mailtune; " + MERGE);
        r.put("trainable_token_indices", "the adapter retrains rows of the token embedding, which Mailtune does not "
                + "apply; " + MERGE);
        r.put("use_bdlora", "block-diagonal LoRA factors are not applied by Mailtune; " + MERGE);
        r.put("arrow_config", "Arrow routes every token between several LoRA experts, and Mailtune applies one "
                + "adapter; serve it with PEFT, or merge the one expert you want");
        r.put("kasa_config", "KaSA changes the base weight's singular values and adds a diagonal between A and B, "
                + "which Mailtune does not apply; " + MERGE);
        for (String key : r.keySet()) {
            k.put(key, Treatment.REFUSED);
        }
        KEYS = Collections.unmodifiableMap(k);
        REFUSALS = Collections.unmodifiableMap(r);
    }

    // init_lora_weights values whose saved factors are the whole adapter: the base stays as it was.
    private static final Set<String> PLAIN_INITS = Set.of("true", "false", "gaussian", "eva", "orthogonal", "mica");

    /** One projection the config adapts, with its rank and alpha as PEFT resolves them. */
    record Module(int layer, LoraTarget target, int rank, double alpha) {

        /** The module's full name in the HF model, e.g. {@code model.layers.0.self_attn.q_proj}. */
        String name() {
            return "model.layers." + layer + "." + target.path();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LLAMA_DEFAULT_TARGETS = List.of("q_proj", "v_proj");

    private final Path file;
    private final int rank;
    private final double alpha;
    private final boolean rsLora;
    private final boolean loraBias;
    private final String bias;
    private final String baseModel;
    private final Pattern targetRegex;          // target_modules as a regex string, or null
    private final Set<String> targetNames;      // target_modules as names (exact or suffix), or null
    private final Pattern excludeRegex;
    private final Set<String> excludeNames;
    private final Set<Integer> layersToTransform; // null: every layer
    private final List<String> layersPattern;     // empty: any
    private final Map<Pattern, Integer> rankPattern;
    private final Map<Pattern, Double> alphaPattern;
    private final List<String> trainingStateTensors; // name parts of tensors that only training reads

    private PeftAdapterConfig(Path file, JsonNode c) {
        this.file = file;
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            Treatment t = KEYS.get(e.getKey());
            if (t == Treatment.REFUSED && isSet(e.getValue())) {
                throw refuse(e.getKey() + "=" + e.getValue(), REFUSALS.get(e.getKey()));
            }
            if (t == null && isSet(e.getValue())) {
                throw refuse("option " + e.getKey() + "=" + e.getValue(), "Mailtune knows the keys of PEFT's "
                        + "LoraConfig up to 0.21; if this newer option does not change what the adapter computes, "
                        + "remove it from " + file.getFileName());
            }
        }
        String type = c.path("peft_type").asText("");
        if (!type.equalsIgnoreCase("LORA")) {
            throw refuse("peft_type '" + type + "'", "Mailtune applies LoRA adapters only");
        }
        JsonNode task = c.path("task_type");
        if (isSet(task) && !task.asText().equals("CAUSAL_LM")) {
            throw refuse("task_type '" + task.asText() + "'", "Mailtune generates text with a causal LM; "
                    + "use an adapter trained with task_type CAUSAL_LM");
        }
        this.rank = positiveInt(c, "r", 8);
        this.alpha = positiveNumber(c.get("lora_alpha"), "lora_alpha", 8);
        this.rsLora = bool(c, "use_rslora");
        this.loraBias = bool(c, "lora_bias");
        this.baseModel = c.path("base_model_name_or_path").isTextual() ? c.get("base_model_name_or_path").asText() : "";
        this.bias = c.path("bias").isNull() || c.path("bias").isMissingNode() ? "none" : c.path("bias").asText();
        if (!List.of("none", "all", "lora_only").contains(bias)) {
            throw refuse("bias='" + bias + "'", "PEFT knows none, all and lora_only");
        }
        checkInit(c.path("init_lora_weights"));
        JsonNode save = c.path("modules_to_save");
        if (isSet(save)) {
            throw refuse("modules_to_save=" + save, "the adapter carries full copies of those modules, which "
                    + "Mailtune does not load; " + MERGE);
        }
        JsonNode targets = c.path("target_modules");
        if (targets.isTextual()) {
            this.targetRegex = targets.asText().equalsIgnoreCase("all-linear") ? null
                    : regex(targets.asText(), "target_modules");
            this.targetNames = targetRegex == null ? allLinear() : null;
        } else if (targets.isArray()) {
            this.targetRegex = null;
            this.targetNames = names(targets, "target_modules");
        } else if (!isSet(targets)) {
            this.targetRegex = null;
            this.targetNames = new LinkedHashSet<>(LLAMA_DEFAULT_TARGETS); // PEFT's default for Llama and Qwen2
        } else {
            throw refuse("target_modules=" + targets, "PEFT takes a list of module names or a regex string");
        }
        JsonNode exclude = c.path("exclude_modules");
        this.excludeRegex = exclude.isTextual() ? regex(exclude.asText(), "exclude_modules") : null;
        this.excludeNames = exclude.isArray() ? names(exclude, "exclude_modules") : Set.of();
        if (isSet(exclude) && !exclude.isTextual() && !exclude.isArray()) {
            throw refuse("exclude_modules=" + exclude, "PEFT takes a list of module names or a regex string");
        }
        JsonNode layers = c.path("layers_to_transform");
        JsonNode pattern = c.path("layers_pattern");
        if (targets.isTextual() && (!layers.isNull() && !layers.isMissingNode() || isSet(pattern))) {
            throw refuse("layers_to_transform/layers_pattern with a string target_modules",
                    "PEFT itself rejects this combination; list the layers in the target_modules regex instead");
        }
        if (isSet(pattern) && (layers.isNull() || layers.isMissingNode())) {
            throw refuse("layers_pattern without layers_to_transform", "PEFT itself rejects this combination");
        }
        this.layersToTransform = layers(layers);
        this.layersPattern = !isSet(pattern) ? List.of()
                : pattern.isTextual() ? List.of(pattern.asText()) : List.copyOf(names(pattern, "layers_pattern"));
        Map<Pattern, Integer> ranks = new LinkedHashMap<>();
        patterns(c.path("rank_pattern"), "rank_pattern", true).forEach((p, v) -> ranks.put(p, v.intValue()));
        this.rankPattern = ranks;
        Map<Pattern, Double> alphas = new LinkedHashMap<>();
        patterns(c.path("alpha_pattern"), "alpha_pattern", false).forEach((p, v) -> alphas.put(p, v.doubleValue()));
        this.alphaPattern = alphas;
        List<String> state = new ArrayList<>();
        if (isSet(c.path("velora_config"))) {
            state.add(".lora_velora_embed");              // VeLoRA's compressed activations, for its backward pass
        }
        if (isSet(c.path("monteclora_config"))) {
            state.add(".lora_monteclora_sampler.");       // MonteCLoRA's sampler, used only while training
        }
        this.trainingStateTensors = List.copyOf(state);
    }

    /** Reads and checks a config file; an option Mailtune cannot apply fails with its name and advice. */
    static PeftAdapterConfig read(Path file) {
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (c == null || !c.isObject()) {
            throw new CheckpointException(file + " does not hold a JSON object");
        }
        return new PeftAdapterConfig(file, c);
    }

    /** PEFT's r: the rank of modules rank_pattern does not name. */
    int rank() {
        return rank;
    }

    /** PEFT's lora_alpha: the alpha of modules alpha_pattern does not name. */
    double alpha() {
        return alpha;
    }

    boolean rsLora() {
        return rsLora;
    }

    boolean loraBias() {
        return loraBias;
    }

    /** PEFT's bias setting: none, or all / lora_only (trained base biases, which the weights file would hold). */
    String bias() {
        return bias;
    }

    String baseModel() {
        return baseModel;
    }

    /** Whether a tensor is training state of an honoured LoRA variant that inference does not read. */
    boolean isTrainingState(String tensorName) {
        return trainingStateTensors.stream().anyMatch(tensorName::contains);
    }

    /**
     * The projections adapted in a model of {@code layers} layers, in layer then target order. Fails, naming the
     * module, when the targets also match a module that is not one of a layer's seven linear projections, and when
     * they match nothing.
     */
    List<Module> resolve(int layers) {
        List<Module> out = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (String name : moduleNames(layers)) {
            if (!targets(name)) {
                continue;
            }
            int[] at = projection(name);
            if (at == null) {
                unsupported.add(name);
                continue;
            }
            LoraTarget target = LoraTarget.values()[at[1]];
            out.add(new Module(at[0], target, lookup(rankPattern, name, rank), lookup(alphaPattern, name, alpha)));
        }
        if (!unsupported.isEmpty()) {
            boolean embeddings = unsupported.contains("lm_head") || unsupported.contains("model.embed_tokens");
            throw refuse("target_modules matching " + unsupported, embeddings
                    ? "Mailtune adapts only the seven linear projections of each layer, not the embedding or the "
                    + "output head; " + MERGE
                    : "only the linear projections q/k/v/o_proj and gate/up/down_proj can carry LoRA "
                    + "(PEFT rejects the others too)");
        }
        if (out.isEmpty()) {
            throw refuse("target_modules", "with exclude_modules and layers_to_transform it matches no projection "
                    + "of a " + layers + "-layer model");
        }
        for (Module m : out) {
            if (m.rank() <= 0 || !(m.alpha() > 0)) {
                throw refuse("rank/alpha of " + m.name(), "r and lora_alpha must be > 0, were " + m.rank()
                        + " and " + m.alpha());
            }
        }
        return out;
    }

    // PEFT's check_target_module_exists for one module name.
    private boolean targets(String name) {
        if (excludeRegex != null ? excludeRegex.matcher(name).matches() : matchesName(excludeNames, name)) {
            return false;
        }
        if (targetRegex != null) {
            return targetRegex.matcher(name).matches();
        }
        if (targetNames.contains(name)) {
            return true;                                  // an exact name is taken whatever layers_to_transform says
        }
        if (!matchesName(targetNames, name)) {
            return false;
        }
        if (layersToTransform == null) {
            return true;
        }
        Integer layer = layerIndex(name);
        return layer != null && layersToTransform.contains(layer);
    }

    private static boolean matchesName(Set<String> names, String name) {
        return names.contains(name) || names.stream().anyMatch(n -> name.endsWith("." + n));
    }

    // PEFT: the first number after "<pattern>." (any pattern when none is given).
    private Integer layerIndex(String name) {
        for (String p : layersPattern.isEmpty() ? List.of("[^.]*") : layersPattern) {
            var m = regex(".*?\\." + p + "\\.(\\d+)\\.", "layers_pattern '" + p + "'").matcher(name);
            if (m.lookingAt()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    // PEFT's get_pattern_key: the first key that matches a dot-separated tail of the name.
    private static <T> T lookup(Map<Pattern, T> patterns, String name, T fallback) {
        for (Map.Entry<Pattern, T> e : patterns.entrySet()) {
            if (e.getKey().matcher(name).lookingAt()) {
                return e.getValue();
            }
        }
        return fallback;
    }

    // The module names an HF LlamaForCausalLM / Qwen2ForCausalLM has (named_modules, the root left out).
    static List<String> moduleNames(int layers) {
        List<String> names = new ArrayList<>(List.of("model", "model.embed_tokens", "model.layers"));
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l;
            names.addAll(List.of(p, p + ".self_attn", p + ".self_attn.q_proj", p + ".self_attn.k_proj",
                    p + ".self_attn.v_proj", p + ".self_attn.o_proj", p + ".mlp", p + ".mlp.gate_proj",
                    p + ".mlp.up_proj", p + ".mlp.down_proj", p + ".mlp.act_fn", p + ".input_layernorm",
                    p + ".post_attention_layernorm"));
        }
        names.addAll(List.of("model.norm", "model.rotary_emb", "lm_head"));
        return names;
    }

    // {layer, target ordinal} for a projection's module name, or null for any other module.
    private static int[] projection(String name) {
        var m = Pattern.compile("model\\.layers\\.(\\d+)\\.(self_attn|mlp)\\.(\\w+)").matcher(name);
        if (!m.matches()) {
            return null;
        }
        for (LoraTarget t : LoraTarget.values()) {
            if (t.path().equals(m.group(2) + "." + m.group(3))) {
                return new int[] {Integer.parseInt(m.group(1)), t.ordinal()};
            }
        }
        return null;
    }

    private static Set<String> allLinear() {
        Set<String> out = new LinkedHashSet<>();
        for (LoraTarget t : LoraTarget.values()) {
            out.add(t.moduleName());
        }
        return out;
    }

    private void checkInit(JsonNode init) {
        if (init.isMissingNode() || init.isNull() || init.isBoolean()) {
            return;
        }
        String value = init.asText().toLowerCase(Locale.ROOT);
        if (PLAIN_INITS.contains(value)) {
            return;
        }
        if (value.startsWith("pissa") || value.equals("olora") || value.equals("corda") || value.equals("lora_ga")) {
            throw refuse("init_lora_weights='" + init.asText() + "'", "this initialisation changed the base "
                    + "weights, and the saved factors only make sense on that changed base; save the adapter again "
                    + "with PEFT's save_pretrained(dir, path_initial_model_for_weight_conversion=<the adapter saved "
                    + "before training>), which converts it to a plain LoRA (init_lora_weights=true), or " + MERGE);
        }
        if (value.equals("loftq")) {
            throw refuse("init_lora_weights='loftq'", "a LoftQ adapter corrects the quantised base LoftQ wrote, not "
                    + "the original weights; " + MERGE.replace("its base", "the LoftQ base"));
        }
        throw refuse("init_lora_weights='" + init.asText() + "'", "Mailtune knows PEFT's initialisations up to "
                + "0.21");
    }

    private UnsupportedModelException refuse(String what, String advice) {
        return new UnsupportedModelException("unsupported PEFT " + what + " in " + file + ": " + advice);
    }

    // Not null, false, empty, zero-length: what PEFT writes for an option that is off.
    private static boolean isSet(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isContainerNode()) {
            return !v.isEmpty();
        }
        return !v.isTextual() || !v.asText().isEmpty();
    }

    private int positiveInt(JsonNode c, String key, int fallback) {
        JsonNode v = c.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw refuse(key + "=" + v, key + " must be a positive integer");
        }
        return v.asInt();
    }

    private double positiveNumber(JsonNode v, String key, double fallback) {
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !(v.asDouble() > 0)) {
            throw refuse(key + "=" + v, key + " must be a number > 0");
        }
        return v.asDouble();
    }

    private boolean bool(JsonNode c, String key) {
        JsonNode v = c.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw refuse(key + "=" + v, key + " must be true or false");
        }
        return v.asBoolean();
    }

    private Set<String> names(JsonNode array, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                throw refuse(key + "=" + array, key + " must list module names");
            }
            out.add(n.asText());
        }
        return out;
    }

    private Set<Integer> layers(JsonNode v) {
        if (v.isNull() || v.isMissingNode() || v.isArray() && v.isEmpty()) {
            return null;                                  // PEFT: an empty list transforms every layer
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode n : v.isArray() ? v : JSON.createArrayNode().add(v)) {
            if (!n.isIntegralNumber()) {
                throw refuse("layers_to_transform=" + v, "layers_to_transform must be a layer index or a list of them");
            }
            out.add(n.asInt());
        }
        return out;
    }

    private Map<Pattern, Number> patterns(JsonNode v, String key, boolean integral) {
        Map<Pattern, Number> out = new LinkedHashMap<>();
        if (v.isNull() || v.isMissingNode()) {
            return out;
        }
        if (!v.isObject()) {
            throw refuse(key + "=" + v, key + " must map module names or regexes to values");
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonNode n = e.getValue();
            if (integral ? !n.isIntegralNumber() || n.asInt() <= 0 : !n.isNumber() || !(n.asDouble() > 0)) {
                throw refuse(key + " entry '" + e.getKey() + "': " + n, key + " values must be "
                        + (integral ? "positive integers" : "numbers > 0"));
            }
            out.put(tailPattern(e.getKey(), key), integral ? (Number) n.asInt() : (Number) n.asDouble());
        }
        return out;
    }

    // PEFT's get_pattern_key matches re.match(rf"(.*\.)?({key})$", name).
    private Pattern tailPattern(String key, String option) {
        return regex("(.*\\.)?(" + key + ")$", option + " key '" + key + "'");
    }

    // Python's re syntax as java.util.regex reads it: named groups are the only difference PEFT configs show.
    private Pattern regex(String python, String what) {
        String java = python.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>").replace("\\Z", "\\z");
        try {
            return Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw refuse(what + " '" + python + "'", "it is not a regular expression Java can read: "
                    + e.getDescription());
        }
    }
}
