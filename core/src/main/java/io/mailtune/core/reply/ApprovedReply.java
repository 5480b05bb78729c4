package io.mailtune.core.reply;

import io.mailtune.core.contract.Schema;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.EmailAddress;

import java.time.Instant;
import java.util.List;

/**
 * A reply that support staff approved (as drafted or edited) and that was sent, as published on
 * {@link io.mailtune.core.contract.Topics#APPROVED}. It is one supervised training example: the customer's message
 * (with the passages and earlier messages the draft was written from) is the prompt, {@link #sentText} the target,
 * and the edit from {@link #originalDraft} is the feedback. Build one with {@link #builder()}.
 *
 * @param schemaVersion   version of this contract that wrote the record ({@link #SCHEMA_VERSION} today)
 * @param replyId         our id for the sent reply; the SMTP sender never sends one id twice; consumers dedupe by it
 * @param draftId         the draft it started from
 * @param emailId         the inbound email it answers
 * @param threadId        the conversation
 * @param mailbox         the mailbox the conversation belongs to
 * @param subject         the customer's subject line
 * @param customerMessage the customer's normalised text that was answered
 * @param originalDraft   the text the model drafted
 * @param sentText        the text staff actually sent (without the signature the sender appends)
 * @param reviewer        who approved it
 * @param editDistance    Levenshtein distance from draft to sent text, in characters
 * @param citations       knowledge-base passages the draft cited
 * @param adapterVersion  the adapter that drafted it, or {@code "base"} for the bare base model
 * @param draftedAt       when the draft was produced
 * @param approvedAt      when staff approved it
 * @param customer        (v2) the customer's address and name, or null in version 1 records; erasure matches on it
 * @param language        (v2) the language the reply is in (BCP 47, e.g. {@code en}), or empty when unknown
 * @param passages        (v2) every knowledge-base passage the draft's prompt held, with its text and score; since
 *                        v3 with its vector similarity
 * @param history         (v2) the earlier messages of the thread the prompt held, oldest first
 * @param handOff         (v2) the draft handed the email to a human instead of answering it
 * @param modelOutput     (v4) the model's raw output the draft was rendered from (the drafting format's slots
 *                        unfilled), or empty when unknown; the trainer's target keeps it where staff kept the draft
 */
public record ApprovedReply(
        int schemaVersion,
        String replyId,
        String draftId,
        String emailId,
        String threadId,
        String mailbox,
        String subject,
        String customerMessage,
        String originalDraft,
        String sentText,
        String reviewer,
        int editDistance,
        List<Citation> citations,
        String adapterVersion,
        Instant draftedAt,
        Instant approvedAt,
        EmailAddress customer,
        String language,
        List<SourcePassage> passages,
        List<ThreadTurn> history,
        boolean handOff,
        String modelOutput) {

    /** The version this code writes. Bump it for every added field; see docs/architecture.md. */
    public static final int SCHEMA_VERSION = 4;

    /** The adapter version recorded when the bare base model drafted. */
    public static final String BASE_MODEL = "base";

    /** Validates required fields; absent lists read as empty so that older records still load. */
    public ApprovedReply {
        Schema.requireVersion(schemaVersion, "ApprovedReply");
        Ids.requireId(replyId, "replyId");
        Ids.requireId(draftId, "draftId");
        Ids.requireId(emailId, "emailId");
        Ids.requireId(threadId, "threadId");
        Ids.requireId(mailbox, "mailbox");
        Ids.requireId(reviewer, "reviewer");
        Ids.requireId(adapterVersion, "adapterVersion");
        Schema.require(customerMessage, "customerMessage");
        Schema.require(originalDraft, "originalDraft");
        Schema.require(sentText, "sentText");
        Schema.require(draftedAt, "draftedAt");
        Schema.require(approvedAt, "approvedAt");
        if (editDistance < 0) {
            throw new IllegalArgumentException("editDistance must not be negative, was " + editDistance);
        }
        subject = subject == null ? "" : subject;
        citations = Schema.listOrEmpty(citations);
        language = language == null ? "" : language;
        passages = Schema.listOrEmpty(passages);
        history = Schema.listOrEmpty(history);
        modelOutput = modelOutput == null ? "" : modelOutput;
    }

    /** A record of version 1 to 3, without the model's raw output. */
    public ApprovedReply(int schemaVersion, String replyId, String draftId, String emailId, String threadId, String mailbox,
                         String subject, String customerMessage, String originalDraft, String sentText, String reviewer,
                         int editDistance, List<Citation> citations, String adapterVersion, Instant draftedAt,
                         Instant approvedAt, EmailAddress customer, String language, List<SourcePassage> passages,
                         List<ThreadTurn> history, boolean handOff) {
        this(schemaVersion, replyId, draftId, emailId, threadId, mailbox, subject, customerMessage, originalDraft, sentText,
                reviewer, editDistance, citations, adapterVersion, draftedAt, approvedAt, customer, language, passages,
                history, handOff, "");
    }

    /** True when staff sent the draft unchanged. */
    public boolean sentAsDrafted() {
        return editDistance == 0;
    }

    /** A builder for the current schema version. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ApprovedReply} of the current schema version; {@link #build()} validates. */
    public static final class Builder {
        private String replyId;
        private String draftId;
        private String emailId;
        private String threadId;
        private String mailbox;
        private String subject = "";
        private String customerMessage;
        private String originalDraft;
        private String sentText;
        private String reviewer;
        private int editDistance;
        private List<Citation> citations = List.of();
        private String adapterVersion = BASE_MODEL;
        private Instant draftedAt;
        private Instant approvedAt;
        private EmailAddress customer;
        private String language = "";
        private List<SourcePassage> passages = List.of();
        private List<ThreadTurn> history = List.of();
        private boolean handOff;
        private String modelOutput = "";

        private Builder() {
        }

        /** Our id for the sent reply. */
        public Builder replyId(String value) { replyId = value; return this; }
        /** The draft it started from. */
        public Builder draftId(String value) { draftId = value; return this; }
        /** The inbound email it answers. */
        public Builder emailId(String value) { emailId = value; return this; }
        /** The conversation. */
        public Builder threadId(String value) { threadId = value; return this; }
        /** The mailbox of the conversation. */
        public Builder mailbox(String value) { mailbox = value; return this; }
        /** The customer's subject line. */
        public Builder subject(String value) { subject = value; return this; }
        /** The customer's normalised text. */
        public Builder customerMessage(String value) { customerMessage = value; return this; }
        /** The text the model drafted. */
        public Builder originalDraft(String value) { originalDraft = value; return this; }
        /** The text staff sent. */
        public Builder sentText(String value) { sentText = value; return this; }
        /** Who approved it. */
        public Builder reviewer(String value) { reviewer = value; return this; }
        /** Levenshtein distance from draft to sent text. */
        public Builder editDistance(int value) { editDistance = value; return this; }
        /** Passages the draft cited. */
        public Builder citations(List<Citation> value) { citations = value; return this; }
        /** The adapter that drafted it ({@link #BASE_MODEL} for none). */
        public Builder adapterVersion(String value) { adapterVersion = value; return this; }
        /** When the draft was produced. */
        public Builder draftedAt(Instant value) { draftedAt = value; return this; }
        /** When staff approved it. */
        public Builder approvedAt(Instant value) { approvedAt = value; return this; }
        /** The customer's address and name. */
        public Builder customer(EmailAddress value) { customer = value; return this; }
        /** The reply's language. */
        public Builder language(String value) { language = value; return this; }
        /** Every passage the prompt held. */
        public Builder passages(List<SourcePassage> value) { passages = value; return this; }
        /** Earlier messages the prompt held. */
        public Builder history(List<ThreadTurn> value) { history = value; return this; }
        /** Whether the draft handed the email to a human. */
        public Builder handOff(boolean value) { handOff = value; return this; }
        /** The model's raw output the draft was rendered from. */
        public Builder modelOutput(String value) { modelOutput = value; return this; }

        /** The validated record. */
        public ApprovedReply build() {
            return new ApprovedReply(SCHEMA_VERSION, replyId, draftId, emailId, threadId, mailbox, subject, customerMessage,
                    originalDraft, sentText, reviewer, editDistance, citations, adapterVersion, draftedAt, approvedAt,
                    customer, language, passages, history, handOff, modelOutput);
        }
    }
}
