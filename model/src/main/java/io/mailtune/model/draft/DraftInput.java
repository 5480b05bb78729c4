package io.mailtune.model.draft;

import io.mailtune.core.reply.ThreadTurn;

import java.util.List;

/**
 * Everything a draft is written from: one shape for serving (the agent) and training (the trainer), so that the
 * model is trained on exactly the prompts it later sees.
 *
 * @param company  who the reply speaks for
 * @param email    the customer's email being answered
 * @param history  earlier messages of the thread, oldest first (trimmed to the context budget by the format)
 * @param passages retrieved knowledge-base passages, best first; internal ones are never shown to the model
 */
public record DraftInput(CompanyProfile company, CustomerMessage email, List<ThreadTurn> history, List<Passage> passages) {

    /** Validates the parts and keeps only passages a customer may see. */
    public DraftInput {
        if (company == null) {
            throw new IllegalArgumentException("company must not be null");
        }
        if (email == null) {
            throw new IllegalArgumentException("email must not be null");
        }
        history = history == null ? List.of() : List.copyOf(history);
        passages = passages == null ? List.of() : passages.stream().filter(p -> !p.internal()).toList();
    }
}
