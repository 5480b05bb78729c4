package io.mailtune.model.runtime;

/** Which engine and weight layout run the steps in which every sequence adds one token. */
public enum DecodeFormat {
    /** DJL PyTorch, the weights it prefills with (no extra memory; overhead-bound per token). */
    TORCH,
    /** The Vector API decoder on a float32 copy of the weights: exact, twice the weight memory. */
    VECTOR_F32,
    /**
     * The Vector API decoder on int8 weights with one float32 scale per 32 values (llama.cpp's Q8_0): ~3.6x fewer
     * bytes per step than float32, +28 % weight memory, logits within ~1 % (greedy tokens agree on >= 95 % of steps).
     */
    VECTOR_Q8
}
