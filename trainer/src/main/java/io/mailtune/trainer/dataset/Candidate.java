package io.mailtune.trainer.dataset;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.Citation;
import io.mailtune.core.reply.SourcePassage;
import io.mailtune.core.reply.ThreadTurn;

import java.time.Instant;
import java.util.List;

/**
 * A record offered to the training set, before scrubbing and the quality rules: an approved reply from the agents,
 * or a customer message and the staff reply that answered it from an imported archive. Built with {@link #builder}
 * (or {@link #of} for an approval); {@link #toBuilder} changes some parts of one.
 *
 * @param recordId        stable id; the reply id for approvals, a hash of both Message-IDs for history
 * @param source          where it came from
 * @param threadId        the conversation (the split is by thread)
 * @param mailbox         the mailbox
 * @param customer        the customer's address and name (erasure matches on the address)
 * @param subject         the subject line
 * @param customerMessage the customer's text that was answered
 * @param draft           the model's draft; empty for history
 * @param reply           what staff sent
 * @param passages        the knowledge-base passages the prompt held
 * @param history         earlier messages of the thread the prompt held
 * @param citedArticles   article ids the reply was grounded in
 * @param language        the reply's declared language, or empty
 * @param editDistance    draft-to-sent Levenshtein distance; for history, the reply's length (written by a human)
 * @param handOff         the draft was a hand-off
 * @param adapterVersion  the adapter that drafted it ({@code base}, or {@code history} for imported mail)
 * @param approvedAt      when it was approved or sent
 * @param modelOutput     the model's raw output the draft was rendered from; empty for history and older approvals
 */
public record Candidate(String recordId, Source source, String threadId, String mailbox, EmailAddress customer,
                        String subject, String customerMessage, String draft, String reply, List<SourcePassage> passages,
                        List<ThreadTurn> history, List<String> citedArticles, String language, int editDistance,
                        boolean handOff, String adapterVersion, Instant approvedAt, String modelOutput) {

    /** Where a record came from. */
    public enum Source {
        /** An approval published on {@code mailtune.approved}. */
        APPROVED,
        /** A pair found in an imported mail archive. */
        HISTORY
    }

    /** The adapter version recorded for examples from imported history. */
    public static final String HISTORY_ADAPTER = "history";

    /** Validates ids and copies lists. */
    public Candidate {
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must not be blank");
        }
        if (source == null || threadId == null || threadId.isBlank() || customer == null || approvedAt == null) {
            throw new IllegalArgumentException("record " + recordId + ": source, threadId, customer and approvedAt are required");
        }
        mailbox = mailbox == null ? "" : mailbox;
        subject = subject == null ? "" : subject;
        customerMessage = customerMessage == null ? "" : customerMessage;
        draft = draft == null ? "" : draft;
        modelOutput = modelOutput == null ? "" : modelOutput;
        reply = reply == null ? "" : reply;
        passages = List.copyOf(passages == null ? List.of() : passages);
        history = List.copyOf(history == null ? List.of() : history);
        citedArticles = List.copyOf(citedArticles == null ? List.of() : citedArticles);
        language = language == null ? "" : language;
        adapterVersion = adapterVersion == null || adapterVersion.isBlank() ? ApprovedReply.BASE_MODEL : adapterVersion;
        if (editDistance < 0) {
            throw new IllegalArgumentException("record " + recordId + ": editDistance must not be negative");
        }
    }

    /** The candidate an approval stands for. A version 1 record has no customer: the reviewer-side address is unknown. */
    public static Candidate of(ApprovedReply r) {
        return builder(r.replyId(), Source.APPROVED, r.threadId(), r.approvedAt())
                .customer(r.customer() != null ? r.customer() : EmailAddress.of("unknown@invalid"))
                .mailbox(r.mailbox()).subject(r.subject()).customerMessage(r.customerMessage())
                .draft(r.originalDraft()).reply(r.sentText()).passages(r.passages()).history(r.history())
                .citedArticles(r.citations().stream().map(Citation::articleId).distinct().toList())
                .language(r.language()).editDistance(r.editDistance()).handOff(r.handOff())
                .adapterVersion(r.adapterVersion()).modelOutput(r.modelOutput()).build();
    }

    /** A builder for a candidate with the required parts; the others default to empty (the customer must be set). */
    public static Builder builder(String recordId, Source source, String threadId, Instant approvedAt) {
        return new Builder(recordId, source, threadId, approvedAt);
    }

    /** A builder holding this candidate's parts, to change some of them. */
    public Builder toBuilder() {
        return new Builder(recordId, source, threadId, approvedAt).customer(customer).mailbox(mailbox).subject(subject)
                .customerMessage(customerMessage).draft(draft).reply(reply).passages(passages).history(history)
                .citedArticles(citedArticles).language(language).editDistance(editDistance).handOff(handOff)
                .adapterVersion(adapterVersion).modelOutput(modelOutput);
    }

    /** Builds a {@link Candidate} part by part; {@link #build()} validates as the constructor does. */
    public static final class Builder {
        private final String recordId;
        private final Source source;
        private final String threadId;
        private final Instant approvedAt;
        // Unset parts stay null: the record's constructor gives each its default.
        private EmailAddress customer;
        private String mailbox;
        private String subject;
        private String customerMessage;
        private String draft;
        private String reply;
        private List<SourcePassage> passages;
        private List<ThreadTurn> history;
        private List<String> citedArticles;
        private String language;
        private int editDistance;
        private boolean handOff;
        private String adapterVersion;
        private String modelOutput;

        private Builder(String recordId, Source source, String threadId, Instant approvedAt) {
            this.recordId = recordId;
            this.source = source;
            this.threadId = threadId;
            this.approvedAt = approvedAt;
        }

        /** The customer's address and name. */
        public Builder customer(EmailAddress customer) {
            this.customer = customer;
            return this;
        }

        /** The mailbox. */
        public Builder mailbox(String mailbox) {
            this.mailbox = mailbox;
            return this;
        }

        /** The subject line. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The customer's text that was answered. */
        public Builder customerMessage(String customerMessage) {
            this.customerMessage = customerMessage;
            return this;
        }

        /** The model's draft. */
        public Builder draft(String draft) {
            this.draft = draft;
            return this;
        }

        /** What staff sent. */
        public Builder reply(String reply) {
            this.reply = reply;
            return this;
        }

        /** The knowledge-base passages the prompt held. */
        public Builder passages(List<SourcePassage> passages) {
            this.passages = passages;
            return this;
        }

        /** Earlier messages of the thread the prompt held. */
        public Builder history(List<ThreadTurn> history) {
            this.history = history;
            return this;
        }

        /** Article ids the reply was grounded in. */
        public Builder citedArticles(List<String> citedArticles) {
            this.citedArticles = citedArticles;
            return this;
        }

        /** The reply's declared language. */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        /** Draft-to-sent edit distance (for history, the reply's length). */
        public Builder editDistance(int editDistance) {
            this.editDistance = editDistance;
            return this;
        }

        /** Whether the draft was a hand-off. */
        public Builder handOff(boolean handOff) {
            this.handOff = handOff;
            return this;
        }

        /** The adapter that drafted it. */
        public Builder adapterVersion(String adapterVersion) {
            this.adapterVersion = adapterVersion;
            return this;
        }

        /** The model's raw output the draft was rendered from. */
        public Builder modelOutput(String modelOutput) {
            this.modelOutput = modelOutput;
            return this;
        }

        /** The candidate; throws {@link IllegalArgumentException} as the constructor does. */
        public Candidate build() {
            return new Candidate(recordId, source, threadId, mailbox, customer, subject, customerMessage, draft, reply,
                    passages, history, citedArticles, language, editDistance, handOff, adapterVersion, approvedAt,
                    modelOutput);
        }
    }

    /** True when staff sent the model's draft unchanged: the model's own output. */
    public boolean unedited() {
        return source == Source.APPROVED && editDistance == 0;
    }

    /** Edit distance relative to the draft's length, capped at 1; 1 for history (all human-written). */
    public double editRate() {
        if (source == Source.HISTORY) {
            return 1;
        }
        return draft.isEmpty() ? 1 : Math.min(1, (double) editDistance / draft.length());
    }
}
