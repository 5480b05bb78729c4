package io.mailtune.model.train;

/** Which tensors a run updates. */
public enum TrainingMode {
    /** Only the attached LoRA factors; the base stays frozen and bit-identical. */
    LORA,
    /** Every base weight (full fine-tuning, or pre-training from freshly initialised weights). */
    FULL
}
