package io.mailtune.model.draft;

import java.util.List;

/**
 * The reply a format made from the model's output, ready for a reviewer.
 *
 * @param text    the reply text, without the signature the sender appends
 * @param handOff the draft hands the email to a person instead of answering it
 * @param cited   the passages the reply draws on
 */
public record RenderedDraft(String text, boolean handOff, List<Passage> cited) {

    /** Validates the parts. */
    public RenderedDraft {
        text = text == null ? "" : text.strip();
        cited = cited == null ? List.of() : List.copyOf(cited);
    }
}
