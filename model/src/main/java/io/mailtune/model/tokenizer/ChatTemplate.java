package io.mailtune.model.tokenizer;

import java.util.List;

/**
 * Renders a conversation into the prompt text a chat model was trained on. Each message is
 * {@code messageFormat} with {@code {role}} and {@code {content}} replaced; the prompt ends with
 * {@code generationPrompt} so the model answers as the assistant, and {@code endOfTurn} (a special token)
 * marks where its answer stops.
 *
 * @param prefix           text before the first message (e.g. a BOS token), may be empty
 * @param messageFormat    one message, with {role} and {content}
 * @param generationPrompt what opens the assistant's turn
 * @param endOfTurn        the special token ending a turn; generation stops on it
 */
public record ChatTemplate(String prefix, String messageFormat, String generationPrompt, String endOfTurn) {

    /** ChatML, as used by SmolLM2 and Qwen2.5. */
    public static final ChatTemplate CHATML = new ChatTemplate("",
            "<|im_start|>{role}\n{content}<|im_end|>\n", "<|im_start|>assistant\n", "<|im_end|>");

    /** Llama 3's header format. */
    public static final ChatTemplate LLAMA3 = new ChatTemplate("<|begin_of_text|>",
            "<|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>",
            "<|start_header_id|>assistant<|end_header_id|>\n\n", "<|eot_id|>");

    /** Validates the parts. */
    public ChatTemplate {
        if (prefix == null || generationPrompt == null || endOfTurn == null) {
            throw new IllegalArgumentException("chat template parts must not be null");
        }
        if (messageFormat == null || !messageFormat.contains("{role}") || !messageFormat.contains("{content}")) {
            throw new IllegalArgumentException("chat template message format must contain {role} and {content}, was '"
                    + messageFormat + "'");
        }
    }

    /** A preset by name ({@code chatml} or {@code llama3}). */
    public static ChatTemplate named(String name) {
        return switch (name) {
            case "chatml" -> CHATML;
            case "llama3" -> LLAMA3;
            default -> throw new IllegalArgumentException("unknown chat template '" + name + "'; known: chatml, llama3");
        };
    }

    /** The prompt text for a conversation, ending with the assistant's opening. */
    public String render(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder(prefix);
        for (ChatMessage m : messages) {
            out.append(messageFormat.replace("{role}", m.role()).replace("{content}", m.content()));
        }
        return out.append(generationPrompt).toString();
    }
}
