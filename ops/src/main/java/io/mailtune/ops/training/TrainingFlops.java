package io.mailtune.ops.training;

import io.mailtune.model.config.ModelConfig;
import io.mailtune.model.config.ParameterCount;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;

/**
 * Floating-point operations of one LoRA training step over a full [batch, seq] block (every position predicted),
 * counted matmul by matmul: the forward pass, then the backward pass, which for a frozen weight only propagates to
 * its input (1× the forward matmul) and for LoRA factors and attention products also forms the other operand's
 * gradient (2×). Element-wise operations are left out, so the figure is a lower bound on the work done.
 */
final class TrainingFlops {

    private TrainingFlops() {
    }

    /** FLOPs of one LoRA step. */
    static double loraStep(ModelConfig c, LoraConfig lora, int batch, int seq) {
        double tokens = (double) batch * seq;
        int h = c.hiddenSize();
        double frozen = 2.0 * h * (c.queryWidth() + 2.0 * c.keyValueWidth()) + 2.0 * c.queryWidth() * h
                + 3 * 2.0 * h * c.intermediateSize();                             // per token per layer
        double attention = 2 * 2.0 * seq * c.queryWidth();                          // QKᵀ and PV, per token per layer
        double adapter = 0;
        for (LoraTarget t : lora.targets()) {
            int[] io = ParameterCount.projectionShape(c, t);
            adapter += 2.0 * lora.rank() * (io[0] + io[1]);
        }
        double head = 2.0 * h * c.vocabSize();
        double forward = tokens * (c.layers() * (frozen + attention + adapter) + head);
        double backward = tokens * (c.layers() * (frozen + 2 * attention + 2 * adapter) + head);
        return forward + backward;
    }
}
