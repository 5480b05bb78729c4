package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;

/**
 * One decoder block's weights on the device, with q/k/v and gate/up fused so a token costs few large operations.
 *
 * @param inputNorm RMSNorm weight before attention, [H]
 * @param qkv       q, k and v projections stacked, [qW + 2·kvW, H]
 * @param qkvBias   their biases (Qwen2), [qW + 2·kvW], or null
 * @param o         attention output projection, [H, qW]
 * @param postNorm  RMSNorm weight before the MLP, [H]
 * @param gateUp    gate and up projections stacked, [2·I, H]
 * @param down      down projection, [H, I]
 */
public record LayerWeights(NDArray inputNorm, NDArray qkv, NDArray qkvBias, NDArray o, NDArray postNorm,
                           NDArray gateUp, NDArray down) {
}
