package io.mailtune.model.runtime;

/** Why a generation ended. */
public enum FinishReason {
    /** The model produced a stop token (EOS or end of turn). */
    STOP_TOKEN,
    /** The answer text reached a stop string (which is cut from the text). */
    STOP_STRING,
    /** The answer reached its maximum number of new tokens. */
    MAX_TOKENS,
    /** The sequence filled the model's maximum context. */
    CONTEXT_FULL,
    /** The caller cancelled it. */
    CANCELLED
}
