package io.mailtune.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraPair;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Arrays;
import java.util.Collections;

/**
 * The tensors a training run works on, by their HF names (base weights) and PEFT names (LoRA factors), on the
 * device. Which of them are trainable depends on the {@link TrainingMode}: all base weights for full training,
 * only the LoRA factors otherwise (the base then never receives a gradient and stays bit-identical).
 */
public final class ModelWeights implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> base;
    private LoraConfig loraConfig;
    private List<Map<LoraTarget, NDArray[]>> lora = List.of(); // per layer: target -> {A [r, in], B [out, r]}

    private ModelWeights(ModelConfig config, NDManager manager, Map<String, NDArray> base) {
        this.config = config;
        this.manager = manager;
        this.base = base;
    }

    /** The base weights of a checkpoint directory, shapes checked against the config. */
    public static ModelWeights fromCheckpoint(ModelConfig config, CheckpointTensors tensors, NDManager parent) {
        NDManager m = parent.newSubManager();
        try {
            Map<String, NDArray> base = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : shapes(config).entrySet()) {
                HostTensor t = tensors.read(e.getKey(), e.getValue());
                base.put(e.getKey(), m.create(t.data(), shape(t.shape())));
            }
            return new ModelWeights(config, m, base);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Fresh weights for pre-training from scratch, as HF initialises Llama: every matrix normal(0, 0.02), norms one;
     * the same seed gives the same weights.
     */
    public static ModelWeights initialise(ModelConfig config, long seed, NDManager parent) {
        SplittableRandom random = new SplittableRandom(seed);
        NDManager m = parent.newSubManager();
        Map<String, NDArray> base = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes(config).entrySet()) {
            int[] s = e.getValue();
            float[] data = new float[(int) HostTensor.elements(s)];
            if (s.length == 1) {
                Arrays.fill(data, 1f);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (random.nextGaussian() * 0.02);
                }
            }
            base.put(e.getKey(), m.create(data, shape(s)));
        }
        return new ModelWeights(config, m, base);
    }

    /** The HF tensor names and shapes of a Llama/Qwen2 checkpoint of this config, in file order. */
    public static Map<String, int[]> shapes(ModelConfig c) {
        Map<String, int[]> out = new LinkedHashMap<>();
        int h = c.hiddenSize();
        out.put("model.embed_tokens.weight", new int[] {c.vocabSize(), h});
        for (int l = 0; l < c.layers(); l++) {
            String p = "model.layers." + l + ".";
            out.put(p + "input_layernorm.weight", new int[] {h});
            out.put(p + "self_attn.q_proj.weight", new int[] {c.queryWidth(), h});
            out.put(p + "self_attn.k_proj.weight", new int[] {c.keyValueWidth(), h});
            out.put(p + "self_attn.v_proj.weight", new int[] {c.keyValueWidth(), h});
            if (c.attentionBias()) {
                out.put(p + "self_attn.q_proj.bias", new int[] {c.queryWidth()});
                out.put(p + "self_attn.k_proj.bias", new int[] {c.keyValueWidth()});
                out.put(p + "self_attn.v_proj.bias", new int[] {c.keyValueWidth()});
            }
            out.put(p + "self_attn.o_proj.weight", new int[] {h, c.queryWidth()});
            out.put(p + "post_attention_layernorm.weight", new int[] {h});
            out.put(p + "mlp.gate_proj.weight", new int[] {c.intermediateSize(), h});
            out.put(p + "mlp.up_proj.weight", new int[] {c.intermediateSize(), h});
            out.put(p + "mlp.down_proj.weight", new int[] {h, c.intermediateSize()});
        }
        out.put("model.norm.weight", new int[] {h});
        if (!c.tiedEmbeddings()) {
            out.put("lm_head.weight", new int[] {c.vocabSize(), h});
        }
        return out;
    }

    /**
     * Places a LoRA adapter's factors on the device next to the base weights (one adapter at a time). Training
     * applies one scale to every projection, so the adapter must be uniform ({@link LoraAdapter#isUniform}).
     */
    public void attach(LoraAdapter adapter) {
        if (loraConfig != null) {
            throw new IllegalStateException("an adapter is already attached");
        }
        if (!adapter.isUniform()) {
            throw new IllegalArgumentException("training needs an adapter with one rank and alpha on every targeted "
                    + "projection of every layer and no lora_bias; start from LoraAdapter.initialise instead");
        }
        adapter.checkFits(config);
        List<Map<LoraTarget, NDArray[]>> layers = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            Map<LoraTarget, NDArray[]> layer = new EnumMap<>(LoraTarget.class);
            for (Map.Entry<LoraTarget, LoraPair> e : adapter.layer(l).entrySet()) {
                layer.put(e.getKey(), new NDArray[] {
                        manager.create(e.getValue().a().data(), shape(e.getValue().a().shape())),
                        manager.create(e.getValue().b().data(), shape(e.getValue().b().shape()))});
            }
            layers.add(layer);
        }
        this.loraConfig = adapter.config();
        this.lora = layers;
    }

    /** The model's shape. */
    public ModelConfig config() {
        return config;
    }

    /** A base weight by HF name. */
    public NDArray base(String name) {
        NDArray a = base.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no base weight '" + name + "'");
        }
        return a;
    }

    /** The base weights by HF name, in file order. */
    public Map<String, NDArray> baseWeights() {
        return Collections.unmodifiableMap(base);
    }

    /** The attached adapter's hyper-parameters, or null when none is attached. */
    public LoraConfig loraConfig() {
        return loraConfig;
    }

    /** The {A, B} factors of one layer's projection, or null when it is not adapted. */
    public NDArray[] lora(int layer, LoraTarget target) {
        return lora.isEmpty() ? null : lora.get(layer).get(target);
    }

    /** The attached LoRA factors by PEFT tensor name, in a fixed order (layer, target, A before B). */
    public Map<String, NDArray> loraWeights() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int l = 0; l < lora.size(); l++) {
            for (Map.Entry<LoraTarget, NDArray[]> e : lora.get(l).entrySet()) {
                String prefix = PeftFormat.tensorPrefix(l, e.getKey());
                out.put(prefix + ".lora_A.weight", e.getValue()[0]);
                out.put(prefix + ".lora_B.weight", e.getValue()[1]);
            }
        }
        return out;
    }

    /** The attached adapter copied back to Java memory. */
    public LoraAdapter toAdapter() {
        if (loraConfig == null) {
            throw new IllegalStateException("no adapter is attached");
        }
        List<Map<LoraTarget, LoraPair>> layers = new ArrayList<>();
        for (int l = 0; l < lora.size(); l++) {
            Map<LoraTarget, LoraPair> layer = new EnumMap<>(LoraTarget.class);
            for (Map.Entry<LoraTarget, NDArray[]> e : lora.get(l).entrySet()) {
                String prefix = PeftFormat.tensorPrefix(l, e.getKey());
                layer.put(e.getKey(), new LoraPair(host(prefix + ".lora_A.weight", e.getValue()[0]),
                        host(prefix + ".lora_B.weight", e.getValue()[1]), loraConfig.alpha()));
            }
            layers.add(layer);
        }
        return new LoraAdapter(loraConfig, layers);
    }

    /** The base weights copied back to Java memory, by HF name. */
    public List<HostTensor> baseToHost() {
        List<HostTensor> out = new ArrayList<>();
        base.forEach((name, a) -> out.add(host(name, a)));
        return out;
    }

    static HostTensor host(String name, NDArray a) {
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = (int) s[i];
        }
        return new HostTensor(name, shape, a.toFloatArray());
    }

    static Shape shape(int[] dims) {
        long[] s = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            s[i] = dims[i];
        }
        return new Shape(s);
    }

    /** The manager the weights live in; optimizer state and constants are placed next to them. */
    NDManager manager() {
        return manager;
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
