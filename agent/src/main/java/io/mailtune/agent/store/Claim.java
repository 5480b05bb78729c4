package io.mailtune.agent.store;

import java.time.Instant;

/**
 * A draft this instance claimed for writing, under a lease that expires unless the draft is finished first.
 *
 * @param draftId    the draft
 * @param emailId    the email to answer
 * @param threadId   its thread
 * @param owner      the claiming instance
 * @param attempt    1 for the first attempt
 * @param arrivedAt  when the email arrived
 * @param claimedAt  when the claim was taken
 */
public record Claim(String draftId, String emailId, String threadId, String owner, int attempt, Instant arrivedAt,
                    Instant claimedAt) {
}
