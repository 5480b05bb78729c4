package io.mailtune.agent.store;

import io.mailtune.core.reply.ThreadTurn;

import java.time.Instant;
import java.util.List;

/**
 * What the drafting pool wrote for an email.
 *
 * @param text           the reply text, without the company's signature (the sender appends it once)
 * @param handOff        the draft hands the email to a person
 * @param language       the reply's language (BCP 47)
 * @param passages       the passages the prompt held, best first, with which of them the draft cites
 * @param history        the thread's earlier messages the prompt held
 * @param adapterVersion the adapter that wrote it, or {@code base}
 * @param confidence     retrieval and generation confidence
 * @param timings        queue wait, generation time and speed
 * @param draftedAt      when it was finished
 * @param modelOutput    the model's raw output the text was rendered from (empty for drafts older than the column)
 */
public record WrittenDraft(String text, boolean handOff, String language, List<PromptPassage> passages,
                           List<ThreadTurn> history, String adapterVersion, Confidence confidence, DraftTimings timings,
                           Instant draftedAt, String modelOutput) {

    /** Validates the parts. */
    public WrittenDraft {
        if (text == null || adapterVersion == null || adapterVersion.isBlank() || confidence == null || timings == null
                || draftedAt == null) {
            throw new IllegalArgumentException("a written draft needs text, adapter version, confidence, timings and time");
        }
        language = language == null ? "" : language;
        passages = passages == null ? List.of() : List.copyOf(passages);
        history = history == null ? List.of() : List.copyOf(history);
        modelOutput = modelOutput == null ? "" : modelOutput;
    }

    /** The passages the draft cites. */
    public List<PromptPassage> cited() {
        return passages.stream().filter(PromptPassage::cited).toList();
    }
}
