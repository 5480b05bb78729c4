package io.mailtune.model.lora;

import io.mailtune.model.checkpoint.HostTensor;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.config.UnsupportedModelException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A LoRA adapter held in Java memory: for every layer, the A and B factors of each adapted projection.
 * Applying it adds {@code scale · (B·A·x + bias)} to a projection's output, with each projection's own scale.
 */
public final class LoraAdapter {

    private final LoraConfig config;
    private final List<Map<LoraTarget, LoraPair>> layers;
    private final boolean bias;

    /**
     * Creates an adapter. A layer may adapt any of the configured targets (PEFT's {@code layers_to_transform},
     * regex {@code target_modules} and {@code exclude_modules} leave some out), each projection with its own rank and
     * alpha; every configured target is adapted in at least one layer, and either every projection has a lora_B bias
     * or none has (PEFT's {@code lora_bias} is one setting for the whole adapter).
     */
    public LoraAdapter(LoraConfig config, List<Map<LoraTarget, LoraPair>> layers) {
        if (config == null || layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("an adapter needs a config and at least one layer");
        }
        List<Map<LoraTarget, LoraPair>> copy = new ArrayList<>();
        Set<LoraTarget> adapted = EnumSet.noneOf(LoraTarget.class);
        int withBias = 0;
        int modules = 0;
        for (int i = 0; i < layers.size(); i++) {
            Map<LoraTarget, LoraPair> layer = layers.get(i);
            if (!config.targets().containsAll(layer.keySet())) {
                throw new IllegalArgumentException("layer " + i + " adapts " + layer.keySet()
                        + " but the config targets only " + config.targets());
            }
            adapted.addAll(layer.keySet());
            for (LoraPair p : layer.values()) {
                modules++;
                withBias += p.bias() == null ? 0 : 1;
            }
            copy.add(Collections.unmodifiableMap(layer.isEmpty() ? new EnumMap<>(LoraTarget.class) : new EnumMap<>(layer)));
        }
        if (!adapted.equals(config.targets())) {
            throw new IllegalArgumentException("the config targets " + config.targets() + " but the layers adapt only "
                    + adapted);
        }
        if (withBias != 0 && withBias != modules) {
            throw new IllegalArgumentException(withBias + " of " + modules
                    + " projections have a lora_B bias; lora_bias is all or none");
        }
        this.config = config;
        this.layers = Collections.unmodifiableList(copy);
        this.bias = withBias > 0;
    }

    /**
     * A fresh adapter initialised as PEFT does: A kaiming-uniform (bound 1/√in), B zero, so it starts as a no-op.
     * With {@code randomB} B is drawn too (for tests and benchmarks, where a no-op adapter proves nothing).
     */
    public static LoraAdapter initialise(ModelConfig model, LoraConfig config, long seed, boolean randomB) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<LoraTarget, LoraPair>> layers = new ArrayList<>();
        for (int l = 0; l < model.layers(); l++) {
            Map<LoraTarget, LoraPair> layer = new EnumMap<>(LoraTarget.class);
            for (LoraTarget t : config.targets()) {
                int[] io = ParameterCount.projectionShape(model, t);
                float[] a = uniform(random, config.rank() * io[0], 1.0 / Math.sqrt(io[0]));
                float[] b = randomB ? uniform(random, io[1] * config.rank(), 1.0 / Math.sqrt(config.rank()))
                        : new float[io[1] * config.rank()];
                String base = PeftFormat.tensorPrefix(l, t);
                layer.put(t, new LoraPair(new HostTensor(base + ".lora_A.weight", new int[] {config.rank(), io[0]}, a),
                        new HostTensor(base + ".lora_B.weight", new int[] {io[1], config.rank()}, b), config.alpha()));
            }
            layers.add(layer);
        }
        return new LoraAdapter(config, layers);
    }

    private static float[] uniform(SplittableRandom random, int n, double bound) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return out;
    }

    /** The hyper-parameters. */
    public LoraConfig config() {
        return config;
    }

    /** Number of layers the adapter covers. */
    public int layerCount() {
        return layers.size();
    }

    /** The factors for one layer, by target; projections the layer does not adapt are absent. */
    public Map<LoraTarget, LoraPair> layer(int index) {
        return layers.get(index);
    }

    /** The multiplier of one adapted projection's B·A·x: its alpha over its rank (or √rank with rsLoRA). */
    public double scale(int layer, LoraTarget target) {
        LoraPair p = layers.get(layer).get(target);
        if (p == null) {
            throw new IllegalArgumentException("layer " + layer + " does not adapt " + target.moduleName());
        }
        return p.scale(config.rsLora());
    }

    /** Whether the projections carry lora_B biases (PEFT's {@code lora_bias=true}). */
    public boolean hasBias() {
        return bias;
    }

    /**
     * Whether every layer adapts every target with the config's rank and alpha and no bias: the shape of adapters
     * that {@link #initialise} makes and training produces.
     */
    public boolean isUniform() {
        for (Map<LoraTarget, LoraPair> layer : layers) {
            if (!layer.keySet().equals(config.targets())) {
                return false;
            }
            for (LoraPair p : layer.values()) {
                if (p.rank() != config.rank() || p.alpha() != config.alpha() || p.bias() != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Trainable parameters: the size of every A and B, and of the biases when there are some. */
    public long parameterCount() {
        long n = 0;
        for (Map<LoraTarget, LoraPair> layer : layers) {
            for (LoraPair p : layer.values()) {
                n += p.a().data().length + p.b().data().length + (p.bias() == null ? 0 : p.bias().data().length);
            }
        }
        return n;
    }

    /** Checks that the adapter fits a model; the error names the first mismatching layer and projection. */
    public void checkFits(ModelConfig model) {
        if (layers.size() != model.layers()) {
            throw new UnsupportedModelException("adapter has " + layers.size() + " layers but the model has "
                    + model.layers());
        }
        for (int l = 0; l < layers.size(); l++) {
            for (Map.Entry<LoraTarget, LoraPair> e : layers.get(l).entrySet()) {
                int[] io = ParameterCount.projectionShape(model, e.getKey());
                LoraPair p = e.getValue();
                if (p.a().shape()[1] != io[0] || p.b().shape()[0] != io[1]) {
                    throw new UnsupportedModelException("adapter tensor " + p.a().name() + " "
                            + Arrays.toString(p.a().shape()) + " / " + p.b().name() + " "
                            + Arrays.toString(p.b().shape()) + " does not fit the model's " + e.getKey().moduleName()
                            + " [in " + io[0] + ", out " + io[1] + "]");
                }
            }
        }
    }

    /**
     * Adds {@code scale · B·A} to a projection weight {@code w} of shape [out, in] (row-major), in place. An adapter
     * with lora_B biases cannot be merged this way (Llama projections have no bias to add them to): apply it
     * unmerged.
     */
    public void mergeInto(int layer, LoraTarget target, FloatBuffer w) {
        if (bias) {
            throw new UnsupportedModelException("an adapter with lora_bias cannot be merged into the weights; "
                    + "install it unmerged (AdapterHandle.install)");
        }
        LoraPair p = layers.get(layer).get(target);
        if (p == null) {
            return;
        }
        int r = p.rank();
        int in = p.a().shape()[1];
        int out = p.b().shape()[0];
        float[] a = p.a().data();
        float[] b = p.b().data();
        double scale = p.scale(config.rsLora());
        double[] row = new double[in];
        for (int o = 0; o < out; o++) {
            Arrays.fill(row, 0);
            for (int k = 0; k < r; k++) {
                double bk = b[o * r + k] * scale;
                int base = k * in;
                for (int i = 0; i < in; i++) {
                    row[i] += bk * a[base + i];
                }
            }
            int wBase = o * in;
            for (int i = 0; i < in; i++) {
                w.put(wBase + i, (float) (w.get(wBase + i) + row[i]));
            }
        }
    }
}
