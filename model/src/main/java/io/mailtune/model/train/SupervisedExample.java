package io.mailtune.model.train;

import io.mailtune.model.tokenizer.ChatMessage;
import java.util.List;

/**
 * One prompt → reply pair for supervised fine-tuning, with a weight that scales its share of the loss (e.g. lower
 * for old or low-confidence approvals).
 *
 * @param prompt the conversation up to the assistant's turn
 * @param reply  the approved reply
 * @param weight loss weight of the reply tokens, > 0
 */
public record SupervisedExample(List<ChatMessage> prompt, String reply, double weight) {

    /** Validates the parts. */
    public SupervisedExample {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("a supervised example needs at least one prompt message");
        }
        if (reply == null || reply.isBlank()) {
            throw new IllegalArgumentException("a supervised example needs a non-blank reply");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("example weight must be finite and > 0, got " + weight);
        }
        prompt = List.copyOf(prompt);
    }

    /** An example of weight 1. */
    public static SupervisedExample of(List<ChatMessage> prompt, String reply) {
        return new SupervisedExample(prompt, reply, 1.0);
    }
}
