package io.mailtune.model.lora;

import io.mailtune.model.checkpoint.HostTensor;

/**
 * The two low-rank factors of one adapted projection.
 *
 * @param a lora_A, shape [r, in]
 * @param b lora_B, shape [out, r]
 */
public record LoraPair(HostTensor a, HostTensor b) {

    /** Validates that A and B share the rank. */
    public LoraPair {
        if (a.shape().length != 2 || b.shape().length != 2 || a.shape()[0] != b.shape()[1]) {
            throw new IllegalArgumentException("lora_A " + a.name() + " and lora_B " + b.name()
                    + " must be [r, in] and [out, r] with the same r");
        }
    }
}
