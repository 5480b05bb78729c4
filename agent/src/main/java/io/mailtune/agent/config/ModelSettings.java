package io.mailtune.agent.config;

import io.mailtune.model.runtime.DecodeFormat;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** The base model and its generator. */
@ConfigMapping(prefix = "mailtune.model")
public interface ModelSettings {

    /** A HuggingFace checkpoint directory; absent: the bundled model. */
    Optional<Path> dir();

    /** The base model's name, which promoted adapters must name as their base; absent: the directory's name, or {@code mailtune-bundled} for the bundled model. */
    Optional<String> name();

    /** What decodes tokens: the Vector API on float32 (vector-f32) or int8 (vector-q8) weights, or DJL (torch). */
    @WithDefault("vector-f32")
    DecodeFormat decodeFormat();

    /** Sequences decoded together per step (continuous batching). */
    @WithDefault("8")
    int maxBatch();

    /** Requests waiting to join the batch. */
    @WithDefault("64")
    int maxQueued();

    /** The most tokens a draft may have. */
    @WithDefault("200")
    int maxNewTokens();

    /** The most prompt tokens (history is trimmed first, then passages); 0: the context minus maxNewTokens. */
    @WithDefault("0")
    int maxPromptTokens();
}
