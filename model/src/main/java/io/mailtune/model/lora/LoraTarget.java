package io.mailtune.model.lora;

import java.util.Locale;

/** A projection a LoRA adapter can modify, with the module path PEFT uses for it. */
public enum LoraTarget {
    /** Query projection. */
    Q("self_attn", "q_proj"),
    /** Key projection. */
    K("self_attn", "k_proj"),
    /** Value projection. */
    V("self_attn", "v_proj"),
    /** Attention output projection. */
    O("self_attn", "o_proj"),
    /** SwiGLU gate projection. */
    GATE("mlp", "gate_proj"),
    /** SwiGLU up projection. */
    UP("mlp", "up_proj"),
    /** SwiGLU down projection. */
    DOWN("mlp", "down_proj");

    private final String block;
    private final String moduleName;

    LoraTarget(String block, String moduleName) {
        this.block = block;
        this.moduleName = moduleName;
    }

    /** PEFT's short module name, e.g. {@code q_proj}. */
    public String moduleName() {
        return moduleName;
    }

    /** The module path inside a layer, e.g. {@code self_attn.q_proj}. */
    public String path() {
        return block + "." + moduleName;
    }

    /** The target for a PEFT module name such as {@code q_proj}; an error names an unknown one. */
    public static LoraTarget fromModuleName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (LoraTarget t : values()) {
            if (t.moduleName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown LoRA target module '" + name
                + "'; supported: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj");
    }
}
