package io.mailtune.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The decoder's building blocks as NDArray operations, shared by the runtime's forward pass and training's (the
 * same operations run with or without autograd; constants such as eps are long-lived arrays the caller owns).
 */
public final class NdBlocks {

    private NdBlocks() {
    }

    /** x / √(mean(x²) over the last axis + eps) · weight; x [..., H], weight [H], eps [1]. */
    public static NDArray rmsNorm(NDArray x, NDArray weight, NDArray eps) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.div(meanSquare.add(eps).sqrt()).mul(weight);
    }

    /** RoPE in rotate-half layout: x·cos + (x·R)·sin; x [..., headDim], cos/sin broadcastable to x, R from RotaryTables. */
    public static NDArray rope(NDArray x, NDArray cos, NDArray sin, NDArray rotateHalf) {
        return x.mul(cos).add(x.matMul(rotateHalf).mul(sin));
    }

    /** SwiGLU: silu(gate)·up. */
    public static NDArray swiGlu(NDArray gate, NDArray up) {
        return gate.mul(Activation.sigmoid(gate)).mul(up);
    }
}
