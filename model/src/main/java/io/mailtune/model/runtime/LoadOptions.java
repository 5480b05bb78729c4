package io.mailtune.model.runtime;

import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.tokenizer.ChatTemplate;

/**
 * How to load a checkpoint.
 *
 * @param maxContext    longest sequence (prompt + answer) the runtime accepts; 0 means min(max_position_embeddings, 4096)
 * @param mergedAdapter an adapter to merge into the base weights at load, or null
 * @param template      a chat template replacing the checkpoint's own, or null for the checkpoint's (its Jinja
 *                      {@code chat_template}, else ChatML)
 * @param tokenizer     whether to load {@code tokenizer.json} (required when true)
 * @param halfDecode    whether single-sequence decode steps multiply by float16 copies of the weights: on this
 *                      CPU PyTorch's float16 matrix-vector product streams half the bytes (~2.3x faster), at ~1e-3
 *                      relative error in the logits and 50 % more weight memory; batches and prompts stay float32
 *                      (only used by the TORCH decode format)
 * @param decodeFormat  what runs decode steps: the Vector API decoder on float32 (the default) or int8 weights, or
 *                      DJL PyTorch; the Vector API ones need {@code --add-modules jdk.incubator.vector} and fall back
 *                      to TORCH with a logged warning without it
 */
public record LoadOptions(int maxContext, LoraAdapter mergedAdapter, ChatTemplate template, boolean tokenizer,
                          boolean halfDecode, DecodeFormat decodeFormat) {

    /** Validates the limits. */
    public LoadOptions {
        if (maxContext < 0) {
            throw new IllegalArgumentException("maxContext must be >= 0, was " + maxContext);
        }
        if (decodeFormat == null) {
            throw new IllegalArgumentException("decodeFormat must not be null");
        }
    }

    /**
     * Defaults: the checkpoint's chat template, tokenizer required, context up to 4096, no merged adapter, decode on
     * the Vector API in float32.
     */
    public static LoadOptions defaults() {
        return new LoadOptions(0, null, null, true, false, DecodeFormat.VECTOR_F32);
    }

    /** These options with a different max context. */
    public LoadOptions withMaxContext(int tokens) {
        return new LoadOptions(tokens, mergedAdapter, template, tokenizer, halfDecode, decodeFormat);
    }

    /** These options with an adapter merged into the weights. */
    public LoadOptions withMergedAdapter(LoraAdapter adapter) {
        return new LoadOptions(maxContext, adapter, template, tokenizer, halfDecode, decodeFormat);
    }

    /** These options with a preset chat template instead of the checkpoint's own (null: the checkpoint's). */
    public LoadOptions withTemplate(ChatTemplate chatTemplate) {
        return new LoadOptions(maxContext, mergedAdapter, chatTemplate, tokenizer, halfDecode, decodeFormat);
    }

    /** These options without loading a tokenizer (token ids only). */
    public LoadOptions withoutTokenizer() {
        return new LoadOptions(maxContext, mergedAdapter, template, false, halfDecode, decodeFormat);
    }

    /** These options with decode steps run by {@code format}. */
    public LoadOptions withDecodeFormat(DecodeFormat format) {
        return new LoadOptions(maxContext, mergedAdapter, template, tokenizer, halfDecode, format);
    }

    /** These options with float16 weight copies for single-sequence decode steps on DJL (decode format TORCH). */
    public LoadOptions withHalfDecode() {
        return new LoadOptions(maxContext, mergedAdapter, template, tokenizer, true, DecodeFormat.TORCH);
    }
}
