package io.mailtune.core.reply;

import io.mailtune.core.contract.Schema;
import io.mailtune.core.id.Ids;

import java.time.Instant;
import java.util.List;

/**
 * A reply that support staff approved (as drafted or edited) and that was sent, as published on
 * {@link io.mailtune.core.contract.Topics#APPROVED}. It is one supervised training example: the customer's message
 * is the prompt, {@link #sentText} the target, and the edit from {@link #originalDraft} is the feedback.
 *
 * @param schemaVersion   version of this contract that wrote the record ({@link #SCHEMA_VERSION} today)
 * @param replyId         our id for the sent reply; the SMTP sender never sends one id twice
 * @param draftId         the draft it started from
 * @param emailId         the inbound email it answers
 * @param threadId        the conversation
 * @param mailbox         the mailbox the conversation belongs to
 * @param subject         the customer's subject line
 * @param customerMessage the customer's normalised text that was answered
 * @param originalDraft   the text the model drafted
 * @param sentText        the text staff actually sent
 * @param reviewer        who approved it
 * @param editDistance    Levenshtein distance from draft to sent text, in characters
 * @param citations       knowledge-base passages the draft cited
 * @param adapterVersion  the adapter that drafted it, or {@code "base"} for the bare base model
 * @param draftedAt       when the draft was produced
 * @param approvedAt      when staff approved it
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
        Instant approvedAt) {

    /** The version this code writes. Bump it for every added field; see docs/architecture.md. */
    public static final int SCHEMA_VERSION = 1;

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
    }

    /** True when staff sent the draft unchanged. */
    public boolean sentAsDrafted() {
        return editDistance == 0;
    }
}
