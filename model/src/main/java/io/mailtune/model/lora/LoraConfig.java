package io.mailtune.model.lora;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The hyper-parameters of a LoRA adapter, as in PEFT's {@code adapter_config.json}. Rank and alpha are the
 * defaults; an adapter read from PEFT may give single projections others ({@code rank_pattern},
 * {@code alpha_pattern}), which its {@link LoraPair}s carry.
 *
 * @param rank      r, the inner width of B·A
 * @param alpha     lora_alpha
 * @param targets   projections the adapter modifies in at least one layer
 * @param rsLora    whether the scale is alpha/√r (rsLoRA) instead of alpha/r
 * @param baseModel PEFT's {@code base_model_name_or_path}
 */
public record LoraConfig(int rank, double alpha, Set<LoraTarget> targets, boolean rsLora, String baseModel) {

    /** Validates rank, alpha and targets. */
    public LoraConfig {
        if (rank <= 0) {
            throw new IllegalArgumentException("LoRA rank r must be > 0, was " + rank);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("lora_alpha must be > 0, was " + alpha);
        }
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("LoRA needs at least one target module");
        }
        // An EnumSet keeps declaration order; Set.copyOf would iterate in a per-JVM order, and initialise() draws
        // its random factors in iteration order, so the same seed gave different adapters in different JVMs.
        targets = Collections.unmodifiableSet(EnumSet.copyOf(targets));
        baseModel = baseModel == null ? "" : baseModel;
    }

    /** PEFT's defaults: r=8, alpha=8, q_proj and v_proj. */
    public static LoraConfig defaults(String baseModel) {
        return new LoraConfig(8, 8, EnumSet.of(LoraTarget.Q, LoraTarget.V), false, baseModel);
    }

    /** The factor B·A·x is multiplied by, for a projection with the default rank and alpha: alpha/r, or alpha/√r with rsLoRA. */
    public double scale() {
        return rsLora ? alpha / Math.sqrt(rank) : alpha / rank;
    }
}
