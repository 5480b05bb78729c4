package io.mailtune.model.lora;

import io.mailtune.model.checkpoint.HostTensor;
import java.util.Arrays;

/**
 * One adapted projection: its two low-rank factors, PEFT's optional {@code lora_B} bias, and its own lora_alpha
 * (PEFT's {@code alpha_pattern} gives modules alphas of their own; the rank is A's first dimension).
 *
 * @param a     lora_A, shape [r, in]
 * @param b     lora_B, shape [out, r]
 * @param bias  lora_B's bias [out] ({@code lora_bias=true}), or null
 * @param alpha this module's lora_alpha
 */
public record LoraPair(HostTensor a, HostTensor b, HostTensor bias, double alpha) {

    /** Validates that A and B share the rank, that a bias matches B's rows and that alpha is positive. */
    public LoraPair {
        if (a == null || b == null) {
            throw new IllegalArgumentException("lora_A and lora_B must both be given");
        }
        if (a.shape().length != 2 || b.shape().length != 2 || a.shape()[0] != b.shape()[1] || a.shape()[0] == 0) {
            throw new IllegalArgumentException("lora_A " + a.name() + " " + Arrays.toString(a.shape()) + " and lora_B "
                    + b.name() + " " + Arrays.toString(b.shape()) + " must be [r, in] and [out, r] with the same r > 0");
        }
        if (bias != null && !bias.hasShape(b.shape()[0])) {
            throw new IllegalArgumentException("lora_B bias " + bias.name() + " " + Arrays.toString(bias.shape())
                    + " must be [" + b.shape()[0] + "], one value per row of " + b.name());
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("lora_alpha of " + a.name() + " must be > 0, was " + alpha);
        }
    }

    /** A pair without bias. */
    public LoraPair(HostTensor a, HostTensor b, double alpha) {
        this(a, b, null, alpha);
    }

    /** r, the inner width of B·A. */
    public int rank() {
        return a.shape()[0];
    }

    /** The factor B·A·x (and the bias) is multiplied by: alpha/r, or alpha/√r with rsLoRA. */
    public double scale(boolean rsLora) {
        return rsLora ? alpha / Math.sqrt(rank()) : alpha / rank();
    }
}
