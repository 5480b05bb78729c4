package io.mailtune.ops.model;

import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.checkpoint.SafetensorsWriter;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.train.ModelWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a random-weight checkpoint with the exact config of a public 1–1.5B model in a chosen safetensors dtype,
 * tensor by tensor (never the whole model in memory), with a byte-level BPE tokenizer.json of its vocabulary size.
 * Matrices are uniform in ±0.04, norms 1 ± 0.05, biases ±0.02: the loading benchmark measures memory and time, not
 * what the model says.
 */
final class RandomCheckpoint {

    /** The shapes, by their configs as published (rope scaling and all). */
    enum Shape {
        /** meta-llama/Llama-3.2-1B: 1,235,814,400 parameters, tied. */
        LLAMA_3_2_1B("""
                {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "bos_token_id": 0, "eos_token_id": 0,
                 "head_dim": 64, "hidden_act": "silu", "hidden_size": 2048, "intermediate_size": 8192,
                 "max_position_embeddings": 131072, "model_type": "llama", "num_attention_heads": 32,
                 "num_hidden_layers": 16, "num_key_value_heads": 8, "rms_norm_eps": 1e-05,
                 "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                   "original_max_position_embeddings": 8192, "rope_type": "llama3"},
                 "rope_theta": 500000.0, "tie_word_embeddings": true, "vocab_size": 128256}
                """),
        /** TinyLlama/TinyLlama-1.1B-Chat-v1.0: 1,100,048,384 parameters, separate head. */
        TINYLLAMA_1_1B("""
                {"architectures": ["LlamaForCausalLM"], "attention_bias": false, "bos_token_id": 0, "eos_token_id": 0,
                 "hidden_act": "silu", "hidden_size": 2048, "intermediate_size": 5632,
                 "max_position_embeddings": 2048, "model_type": "llama", "num_attention_heads": 32,
                 "num_hidden_layers": 22, "num_key_value_heads": 4, "rms_norm_eps": 1e-05, "rope_scaling": null,
                 "rope_theta": 10000.0, "tie_word_embeddings": false, "vocab_size": 32000}
                """),
        /** Qwen/Qwen2.5-1.5B-Instruct: 1,543,714,304 parameters, tied, q/k/v biases. */
        QWEN2_5_1_5B("""
                {"architectures": ["Qwen2ForCausalLM"], "attention_dropout": 0.0, "bos_token_id": 0, "eos_token_id": 0,
                 "hidden_act": "silu", "hidden_size": 1536, "intermediate_size": 8960,
                 "max_position_embeddings": 32768, "max_window_layers": 21, "model_type": "qwen2",
                 "num_attention_heads": 12, "num_hidden_layers": 28, "num_key_value_heads": 2, "rms_norm_eps": 1e-06,
                 "rope_theta": 1000000.0, "sliding_window": 32768, "tie_word_embeddings": true,
                 "use_sliding_window": false, "vocab_size": 151936}
                """);

        private final String config;

        Shape(String config) {
            this.config = config;
        }
    }

    private RandomCheckpoint() {
    }

    /** Writes the checkpoint into dir unless a complete one is already there; returns its config. */
    static ModelConfig write(Path dir, Shape shape, DType dtype, long seed) throws IOException {
        Path weights = dir.resolve("model.safetensors");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), shape.config);
        ModelConfig config = ConfigReader.read(dir);
        if (!Files.isRegularFile(weights) || !Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            SafetensorsWriter.write(weights, ModelWeights.shapes(config), dtype, Map.of("format", "pt"),
                    (name, dims) -> values(seed, name, dims));
            SmolCheckpoint.writeTokenizer(dir, config.vocabSize());
        }
        return config;
    }

    // Each tensor from its own stream, so a tensor's values do not depend on the order or dtype of the others.
    private static float[] values(long seed, String name, int[] dims) {
        SplittableRandom r = new SplittableRandom(seed * 31 + name.hashCode());
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        float[] out = new float[Math.toIntExact(n)];
        boolean norm = name.endsWith("norm.weight");
        double spread = norm ? 0.05 : name.endsWith(".bias") ? 0.02 : 0.04;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((norm ? 1 : 0) + (r.nextDouble() * 2 - 1) * spread);
        }
        return out;
    }
}
