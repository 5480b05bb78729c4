package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;

/**
 * One layer of a LoRA adapter on the device, laid out to match the fused projections: A factors of q, k and v
 * stacked, B factors placed block-diagonally with each projection's scale folded in, so a fused projection takes
 * two matmuls. Absent projections are null; the biases are null unless the adapter has lora_B biases.
 *
 * @param qkvA       [rq + rk + rv, H]
 * @param qkvB       [qW + 2·kvW, rq + rk + rv], scaled
 * @param oA         [r, qW]
 * @param oB         [H, r], scaled
 * @param gateUpA    [rg + ru, H]
 * @param gateUpB    [2·I, rg + ru], scaled
 * @param downA      [r, I]
 * @param downB      [H, r], scaled
 * @param qkvBias    [qW + 2·kvW], scaled, zero for projections the layer does not adapt
 * @param oBias      [H], scaled
 * @param gateUpBias [2·I], scaled
 * @param downBias   [H], scaled
 */
public record LayerAdapter(NDArray qkvA, NDArray qkvB, NDArray oA, NDArray oB, NDArray gateUpA, NDArray gateUpB,
                           NDArray downA, NDArray downB, NDArray qkvBias, NDArray oBias, NDArray gateUpBias,
                           NDArray downBias) {

    /** A layer without lora_B biases (what training builds). */
    public LayerAdapter(NDArray qkvA, NDArray qkvB, NDArray oA, NDArray oB, NDArray gateUpA, NDArray gateUpB,
                        NDArray downA, NDArray downB) {
        this(qkvA, qkvB, oA, oB, gateUpA, gateUpB, downA, downB, null, null, null, null);
    }
}
