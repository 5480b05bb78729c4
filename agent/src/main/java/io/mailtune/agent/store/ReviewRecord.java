package io.mailtune.agent.store;

import java.time.Instant;

/**
 * What a reviewer decided about a draft.
 *
 * @param reviewer     who decided
 * @param reviewedAt   when
 * @param sentText     the text approved for sending (without signature), or null when rejected
 * @param rejectReason why it was rejected, or null when approved
 */
public record ReviewRecord(String reviewer, Instant reviewedAt, String sentText, String rejectReason) {
}
