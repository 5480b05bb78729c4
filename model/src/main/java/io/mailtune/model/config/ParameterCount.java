package io.mailtune.model.config;

import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;

/** Parameter counts computed from a config alone, matching the figures HF and PEFT print. */
public final class ParameterCount {

    private ParameterCount() {
    }

    /** Total parameters of the base model (the tied head counted once). */
    public static long total(ModelConfig c) {
        long h = c.hiddenSize();
        long q = c.queryWidth();
        long kv = c.keyValueWidth();
        long perLayer = 2 * h                       // input and post-attention RMSNorm weights
                + h * q + 2 * h * kv + q * h         // q, k, v, o projections
                + 3 * h * c.intermediateSize();      // gate, up, down
        if (c.attentionBias()) {
            perLayer += q + 2 * kv;
        }
        long embedding = (long) c.vocabSize() * h;
        return embedding + c.layers() * perLayer + h + (c.tiedEmbeddings() ? 0 : embedding);
    }

    /** Input and output width of one projection, as {@code [in, out]}. */
    public static int[] projectionShape(ModelConfig c, LoraTarget target) {
        return switch (target) {
            case Q -> new int[] {c.hiddenSize(), c.queryWidth()};
            case K, V -> new int[] {c.hiddenSize(), c.keyValueWidth()};
            case O -> new int[] {c.queryWidth(), c.hiddenSize()};
            case GATE, UP -> new int[] {c.hiddenSize(), c.intermediateSize()};
            case DOWN -> new int[] {c.intermediateSize(), c.hiddenSize()};
        };
    }

    /** Trainable parameters of a LoRA adapter: rank × (in + out) per targeted projection per layer. */
    public static long lora(ModelConfig c, LoraConfig lora) {
        long perLayer = 0;
        for (LoraTarget t : lora.targets()) {
            int[] shape = projectionShape(c, t);
            perLayer += (long) lora.rank() * (shape[0] + shape[1]);
        }
        return perLayer * c.layers();
    }
}
