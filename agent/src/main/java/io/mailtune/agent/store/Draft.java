package io.mailtune.agent.store;

import java.time.Instant;

/**
 * A draft reply to one inbound email, as stored: its place in the queue, what was written, what the reviewer did.
 *
 * @param draftId   the draft's id
 * @param emailId   the email it answers
 * @param threadId  the conversation
 * @param mailbox   the mailbox
 * @param status    where it is in its life
 * @param version   optimistic version: every change increments it; reviewers act on the version they saw
 * @param arrivedAt when the email reached the agent
 * @param queuedAt  when it was (last) queued for drafting
 * @param attempts  drafting attempts since it was queued
 * @param failure   the last drafting failure, or null
 * @param written   what was written, or null before
 * @param review    what the reviewer decided, or null before
 */
public record Draft(String draftId, String emailId, String threadId, String mailbox, DraftStatus status, long version,
                    Instant arrivedAt, Instant queuedAt, int attempts, String failure, WrittenDraft written,
                    ReviewRecord review) {
}
