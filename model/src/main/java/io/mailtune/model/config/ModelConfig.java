package io.mailtune.model.config;

import java.util.List;

/**
 * The shape of a decoder-only checkpoint, as read from HF's {@code config.json}.
 *
 * @param architecture          Llama or Qwen2
 * @param vocabSize             rows of the embedding and the output head
 * @param hiddenSize            the residual width H
 * @param intermediateSize      the SwiGLU width I
 * @param layers                number of decoder blocks
 * @param heads                 query heads
 * @param kvHeads               key/value heads (grouped-query attention when fewer than heads)
 * @param headDim               width of one head (usually H / heads)
 * @param rmsNormEps            epsilon inside RMSNorm
 * @param ropeTheta             RoPE base
 * @param ropeScaling           frequency rescaling (none, linear, llama3)
 * @param tiedEmbeddings        whether the output head reuses the embedding matrix
 * @param maxPositions          {@code max_position_embeddings}
 * @param bosTokenId            beginning-of-sequence id, or -1 when the config names none
 * @param eosTokenIds           end-of-sequence ids (a config may list several)
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        boolean tiedEmbeddings,
        int maxPositions,
        int bosTokenId,
        List<Integer> eosTokenIds) {

    /** Validates that the dimensions fit together. */
    public ModelConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must not be null");
        }
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", layers);
        positive("num_attention_heads", heads);
        positive("num_key_value_heads", kvHeads);
        positive("head_dim", headDim);
        positive("max_position_embeddings", maxPositions);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + heads
                    + ") must be a multiple of num_key_value_heads (" + kvHeads + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for RoPE, was " + headDim);
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
            throw new IllegalArgumentException("rms_norm_eps and rope_theta must be > 0, were "
                    + rmsNormEps + " and " + ropeTheta);
        }
        if (ropeScaling == null) {
            throw new IllegalArgumentException("ropeScaling must not be null (use RopeScaling.None)");
        }
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** Whether q, k and v projections carry biases (Qwen2). */
    public boolean attentionBias() {
        return architecture == Architecture.QWEN2;
    }

    /** Width of the query projection output: heads × headDim. */
    public int queryWidth() {
        return heads * headDim;
    }

    /** Width of each of the key and value projection outputs: kvHeads × headDim. */
    public int keyValueWidth() {
        return kvHeads * headDim;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
