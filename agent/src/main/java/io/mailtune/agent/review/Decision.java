package io.mailtune.agent.review;

import io.mailtune.core.reply.ReviewVerdict;

/**
 * What a review did.
 *
 * @param draftId   the draft
 * @param verdict   approved as drafted, edited, or rejected
 * @param version   the draft's version after the decision
 * @param replyId   the reply being sent, or null when rejected
 * @param outcomeId the review outcome event's id
 */
public record Decision(String draftId, ReviewVerdict verdict, long version, String replyId, String outcomeId) {
}
