package io.mailtune.core.reply;

import io.mailtune.core.contract.Schema;
import io.mailtune.core.id.Ids;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one draft in review, as published on {@link io.mailtune.core.contract.Topics#REVIEW_OUTCOMES}:
 * one event per reviewed draft, approved, edited or rejected, with the adapter that wrote it, so the trainer can watch
 * each adapter's approval and edit rates. Build one with {@link #builder()}.
 *
 * @param schemaVersion  version of this contract that wrote the record ({@link #SCHEMA_VERSION} today)
 * @param outcomeId      unique id of this event; consumers dedupe by it
 * @param draftId        the reviewed draft
 * @param emailId        the inbound email it answered
 * @param threadId       the conversation
 * @param mailbox        the mailbox of the conversation
 * @param verdict        approved as drafted, edited, or rejected
 * @param adapterVersion the adapter that drafted it, or {@link ApprovedReply#BASE_MODEL}
 * @param reviewer       who decided
 * @param editDistance   Levenshtein distance from draft to sent text (0 when approved as drafted or rejected)
 * @param draftLength    length of the draft in characters, so that edits compare across lengths
 * @param rejectReason   why it was rejected, empty otherwise
 * @param handOff        the draft handed the email to a human instead of answering it
 * @param draftedAt      when the draft was produced
 * @param reviewedAt     when the reviewer decided
 */
public record ReviewOutcome(
        int schemaVersion,
        String outcomeId,
        String draftId,
        String emailId,
        String threadId,
        String mailbox,
        ReviewVerdict verdict,
        String adapterVersion,
        String reviewer,
        int editDistance,
        int draftLength,
        String rejectReason,
        boolean handOff,
        Instant draftedAt,
        Instant reviewedAt) {

    /** The version this code writes. Bump it for every added field; see docs/architecture.md. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates required fields. */
    public ReviewOutcome {
        Schema.requireVersion(schemaVersion, "ReviewOutcome");
        Ids.requireId(outcomeId, "outcomeId");
        Ids.requireId(draftId, "draftId");
        Ids.requireId(emailId, "emailId");
        Ids.requireId(threadId, "threadId");
        Ids.requireId(mailbox, "mailbox");
        Ids.requireId(adapterVersion, "adapterVersion");
        Ids.requireId(reviewer, "reviewer");
        verdict = verdict == null ? ReviewVerdict.UNKNOWN : verdict;
        if (editDistance < 0) {
            throw new IllegalArgumentException("editDistance must not be negative, was " + editDistance);
        }
        if (draftLength < 0) {
            throw new IllegalArgumentException("draftLength must not be negative, was " + draftLength);
        }
        rejectReason = rejectReason == null ? "" : rejectReason;
        Schema.require(draftedAt, "draftedAt");
        Schema.require(reviewedAt, "reviewedAt");
    }

    /** Edit distance relative to the draft's length: 0 unchanged, about 1 rewritten. */
    public double editRate() {
        return draftLength == 0 ? (editDistance == 0 ? 0 : 1) : (double) editDistance / draftLength;
    }

    /** How long the draft waited for its review. */
    public Duration timeToReview() {
        return Duration.between(draftedAt, reviewedAt);
    }

    /** A builder for the current schema version. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ReviewOutcome} of the current schema version; {@link #build()} validates. */
    public static final class Builder {
        private String outcomeId;
        private String draftId;
        private String emailId;
        private String threadId;
        private String mailbox;
        private ReviewVerdict verdict;
        private String adapterVersion = ApprovedReply.BASE_MODEL;
        private String reviewer;
        private int editDistance;
        private int draftLength;
        private String rejectReason = "";
        private boolean handOff;
        private Instant draftedAt;
        private Instant reviewedAt;

        private Builder() {
        }

        /** Unique id of this event. */
        public Builder outcomeId(String value) { outcomeId = value; return this; }
        /** The reviewed draft. */
        public Builder draftId(String value) { draftId = value; return this; }
        /** The email it answered. */
        public Builder emailId(String value) { emailId = value; return this; }
        /** The conversation. */
        public Builder threadId(String value) { threadId = value; return this; }
        /** The mailbox. */
        public Builder mailbox(String value) { mailbox = value; return this; }
        /** What the reviewer did. */
        public Builder verdict(ReviewVerdict value) { verdict = value; return this; }
        /** The adapter that drafted it. */
        public Builder adapterVersion(String value) { adapterVersion = value; return this; }
        /** Who decided. */
        public Builder reviewer(String value) { reviewer = value; return this; }
        /** Levenshtein distance from draft to sent text. */
        public Builder editDistance(int value) { editDistance = value; return this; }
        /** Length of the draft in characters. */
        public Builder draftLength(int value) { draftLength = value; return this; }
        /** Why it was rejected. */
        public Builder rejectReason(String value) { rejectReason = value; return this; }
        /** Whether the draft was a hand-off. */
        public Builder handOff(boolean value) { handOff = value; return this; }
        /** When the draft was produced. */
        public Builder draftedAt(Instant value) { draftedAt = value; return this; }
        /** When the reviewer decided. */
        public Builder reviewedAt(Instant value) { reviewedAt = value; return this; }

        /** The validated record. */
        public ReviewOutcome build() {
            return new ReviewOutcome(SCHEMA_VERSION, outcomeId, draftId, emailId, threadId, mailbox, verdict, adapterVersion,
                    reviewer, editDistance, draftLength, rejectReason, handOff, draftedAt, reviewedAt);
        }
    }
}
