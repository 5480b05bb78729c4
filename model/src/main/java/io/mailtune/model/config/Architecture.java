package io.mailtune.model.config;

import java.util.Arrays;
import java.util.Locale;

/** The decoder-only architectures the runtime can run, keyed by HF's {@code model_type}. */
public enum Architecture {
    /** Llama, SmolLM2, Llama 3.x: RMSNorm, RoPE, grouped-query attention, SwiGLU, no biases. */
    LLAMA("llama"),
    /** Qwen2 and Qwen2.5: the Llama block plus biases on the q, k and v projections. */
    QWEN2("qwen2");

    private final String modelType;

    Architecture(String modelType) {
        this.modelType = modelType;
    }

    /** HF's {@code model_type} string for this architecture. */
    public String modelType() {
        return modelType;
    }

    /** The architecture for a {@code model_type}, or an error that names the unsupported one. */
    public static Architecture fromModelType(String modelType) {
        if (modelType == null) {
            throw new UnsupportedModelException("config.json has no model_type; supported: " + supported());
        }
        String wanted = modelType.toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.modelType.equals(wanted)) {
                return a;
            }
        }
        throw new UnsupportedModelException(
                "unsupported architecture model_type='" + modelType + "'; supported: " + supported());
    }

    private static String supported() {
        return Arrays.toString(Arrays.stream(values()).map(Architecture::modelType).toArray());
    }
}
