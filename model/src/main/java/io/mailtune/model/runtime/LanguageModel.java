package io.mailtune.model.runtime;

import ai.djl.ndarray.NDManager;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.config.GenerationConfig;
import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.tokenizer.ModelTokenizer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A HuggingFace-format checkpoint loaded for inference: config, weights (held once: in the Vector API decoder's heap
 * arrays, or on DJL PyTorch for {@link DecodeFormat#TORCH}), and tokenizer.
 * The entry point for the agent and the trainer: load it, then draft with a {@link Generator}.
 */
public final class LanguageModel implements AutoCloseable {

    private final Path dir;
    private final ModelConfig config;
    private final NDManager manager;
    private final Transformer transformer;
    private final DecodeFormat decodeFormat;
    private final VectorDecoder decoder; // null when decode steps run on DJL
    private final ModelTokenizer tokenizer;
    private volatile Set<Integer> stopTokens;

    private LanguageModel(Path dir, ModelConfig config, NDManager manager, Transformer transformer,
                          DecodeFormat decodeFormat, VectorDecoder decoder, ModelTokenizer tokenizer) {
        this.dir = dir;
        this.config = config;
        this.manager = manager;
        this.transformer = transformer;
        this.decodeFormat = decodeFormat;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
    }

    /** Loads a checkpoint directory with default options. */
    public static LanguageModel load(Path dir) {
        return load(dir, LoadOptions.defaults());
    }

    /**
     * Loads {@code config.json}, the safetensors (single or sharded; F32, F16 or BF16) and, unless switched off,
     * {@code tokenizer.json}. Any unsupported architecture, missing or mis-shaped tensor, or tokenizer that does not
     * fit fails here with an error that names it.
     */
    public static LanguageModel load(Path dir, LoadOptions options) {
        ModelConfig config = ConfigReader.read(dir);
        ModelTokenizer tokenizer = options.tokenizer() ? ModelTokenizer.load(dir, config, options.template()) : null;
        int maxContext = options.maxContext() > 0 ? options.maxContext() : Math.min(config.maxPositions(), 4096);
        NDManager manager = NDManager.newBaseManager("PyTorch");
        try {
            DecodeFormat format = options.halfDecode() ? DecodeFormat.TORCH : VectorSupport.resolve(options.decodeFormat());
            CheckpointTensors tensors = CheckpointTensors.open(dir);
            if (format == DecodeFormat.TORCH) {
                Transformer transformer = Transformer.load(config, tensors, manager, maxContext,
                        options.mergedAdapter(), options.halfDecode());
                return new LanguageModel(dir, config, manager, transformer, format, null, tokenizer);
            }
            // The decoder's heap arrays are the only copy of the weights: prefill borrows them layer by layer.
            VectorDecoder decoder = DecoderLoader.load(config, tensors, maxContext, options.mergedAdapter(), format);
            return new LanguageModel(dir, config, manager, Transformer.hosted(config, decoder, manager, maxContext),
                    format, decoder, tokenizer);
        } catch (RuntimeException e) {
            manager.close();
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw e;
        }
    }

    /** The checkpoint directory. */
    public Path directory() {
        return dir;
    }

    /** The model's shape. */
    public ModelConfig config() {
        return config;
    }

    /** Parameters of the base model, computed from the config. */
    public long parameterCount() {
        return ParameterCount.total(config);
    }

    /** The tokenizer, absent when loaded without one. */
    public Optional<ModelTokenizer> tokenizer() {
        return Optional.ofNullable(tokenizer);
    }

    /**
     * The ids that end generation: the tokenizer's stop tokens, or without a tokenizer the EOS ids of
     * {@code config.json} and {@code generation_config.json}.
     */
    public Set<Integer> stopTokens() {
        Set<Integer> stops = stopTokens;
        if (stops == null) {
            stops = tokenizer != null ? tokenizer.stopTokens()
                    : Set.copyOf(GenerationConfig.read(dir).stopTokens(config));
            stopTokens = stops;
        }
        return stops;
    }

    /** What runs decode steps: the format asked for, or TORCH when the Vector API module is missing. */
    public DecodeFormat decodeFormat() {
        return decodeFormat;
    }

    // The Vector API decoder, or null when decode steps run on DJL.
    VectorDecoder decoder() {
        return decoder;
    }

    /** The decoder itself, for callers that drive forward passes (tests, a trainer). */
    public Transformer transformer() {
        return transformer;
    }

    /** Frees the weights, caches, adapters and tokenizer. */
    @Override
    public void close() {
        transformer.close();
        manager.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
