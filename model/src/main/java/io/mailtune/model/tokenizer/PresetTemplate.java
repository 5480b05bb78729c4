package io.mailtune.model.tokenizer;

import java.util.List;

/**
 * A chat template written out in four parts. Each message is {@code messageFormat} with {@code {role}} and
 * {@code {content}} replaced; the prompt ends with {@code generationPrompt} so the model answers as the assistant,
 * and {@code endOfTurn} (a special token) marks where its answer stops.
 *
 * @param prefix           text before the first message (e.g. a BOS token), may be empty
 * @param messageFormat    one message, with {role} and {content}
 * @param generationPrompt what opens the assistant's turn
 * @param endOfTurn        the special token ending a turn; generation stops on it
 */
public record PresetTemplate(String prefix, String messageFormat, String generationPrompt, String endOfTurn)
        implements ChatTemplate {

    /** Validates the parts. */
    public PresetTemplate {
        if (prefix == null || generationPrompt == null || endOfTurn == null) {
            throw new IllegalArgumentException("chat template parts must not be null");
        }
        if (messageFormat == null || !messageFormat.contains("{role}") || !messageFormat.contains("{content}")) {
            throw new IllegalArgumentException("chat template message format must contain {role} and {content}, was '"
                    + messageFormat + "'");
        }
    }

    @Override
    public String render(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder(prefix);
        for (ChatMessage m : messages) {
            out.append(messageFormat.replace("{role}", m.role()).replace("{content}", m.content()));
        }
        return out.append(generationPrompt).toString();
    }

    @Override
    public String source() {
        return equals(CHATML) ? "preset chatml" : equals(LLAMA3) ? "preset llama3" : "custom preset";
    }
}
