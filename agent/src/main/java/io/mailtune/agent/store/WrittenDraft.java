package io.mailtune.agent.store;

import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ThreadTurn;

import java.time.Instant;
import java.util.List;

/**
 * What the drafting pool wrote for an email. Built with {@link #builder}: ten parts are too many to pass in order.
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

    /** A builder for a draft of {@code text}; the other parts default to empty (confidence, timings and time must be set). */
    public static Builder builder(String text, boolean handOff) {
        return new Builder(text, handOff);
    }

    /** Collects a written draft's parts by name. */
    public static final class Builder {
        private final String text;
        private final boolean handOff;
        private String language = "";
        private List<PromptPassage> passages = List.of();
        private List<ThreadTurn> history = List.of();
        private String adapterVersion = ApprovedReply.BASE_MODEL;
        private Confidence confidence;
        private DraftTimings timings;
        private Instant draftedAt;
        private String modelOutput = "";

        private Builder(String text, boolean handOff) {
            this.text = text;
            this.handOff = handOff;
        }

        /** The reply's language (BCP 47). */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        /** The passages the prompt held and the thread's earlier messages it held. */
        public Builder prompt(List<PromptPassage> passages, List<ThreadTurn> history) {
            this.passages = passages;
            this.history = history;
            return this;
        }

        /** The adapter that wrote it, or {@code base}. */
        public Builder adapterVersion(String adapterVersion) {
            this.adapterVersion = adapterVersion;
            return this;
        }

        /** Retrieval and generation confidence. */
        public Builder confidence(Confidence confidence) {
            this.confidence = confidence;
            return this;
        }

        /** Queue wait, generation time and speed. */
        public Builder timings(DraftTimings timings) {
            this.timings = timings;
            return this;
        }

        /** When it was finished. */
        public Builder draftedAt(Instant draftedAt) {
            this.draftedAt = draftedAt;
            return this;
        }

        /** The model's raw output the text was rendered from. */
        public Builder modelOutput(String modelOutput) {
            this.modelOutput = modelOutput;
            return this;
        }

        /** The draft; throws {@link IllegalArgumentException} when a required part is missing. */
        public WrittenDraft build() {
            return new WrittenDraft(text, handOff, language, passages, history, adapterVersion, confidence, timings,
                    draftedAt, modelOutput);
        }
    }
}
