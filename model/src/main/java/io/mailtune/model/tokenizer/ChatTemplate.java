package io.mailtune.model.tokenizer;

import java.util.List;

/**
 * Renders a conversation into the prompt text a chat model was trained on, ending with the opening of the
 * assistant's turn. A checkpoint's own Jinja template ({@link JinjaChatTemplate}, from {@code tokenizer_config.json}
 * or {@code chat_template.jinja}) is used by default; a {@link PresetTemplate} replaces it through
 * {@code LoadOptions.withTemplate}.
 */
public sealed interface ChatTemplate permits PresetTemplate, JinjaChatTemplate {

    /** ChatML, as used by SmolLM2, Qwen2.5 and the bundled model, without any default system message. */
    PresetTemplate CHATML = new PresetTemplate("",
            "<|im_start|>{role}\n{content}<|im_end|>\n", "<|im_start|>assistant\n", "<|im_end|>");

    /** Llama 3's header format, without Llama 3.2's date lines. */
    PresetTemplate LLAMA3 = new PresetTemplate("<|begin_of_text|>",
            "<|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>",
            "<|start_header_id|>assistant<|end_header_id|>\n\n", "<|eot_id|>");

    /** A preset by name ({@code chatml} or {@code llama3}). */
    static PresetTemplate named(String name) {
        return switch (name) {
            case "chatml" -> CHATML;
            case "llama3" -> LLAMA3;
            default -> throw new IllegalArgumentException("unknown chat template '" + name + "'; known: chatml, llama3");
        };
    }

    /** The prompt text for a conversation, ending with the assistant's opening. */
    String render(List<ChatMessage> messages);

    /** The special token that ends a turn (generation stops on it, training ends replies with it), or "". */
    String endOfTurn();

    /** Where the template comes from, for {@code model info}: a preset's name or the checkpoint file. */
    String source();
}
