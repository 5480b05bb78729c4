package io.mailtune.agent.store;

import java.time.Instant;

/**
 * An approved reply on its way to the customer over SMTP.
 *
 * @param replyId   the reply's id (the SMTP sender sends one id at most once)
 * @param draftId   the approved draft
 * @param mailbox   the mailbox it answers from
 * @param threadId  the conversation
 * @param body      the text to send, signature included once
 * @param status    PENDING (waiting or retrying), SENT, or IN_DOUBT (a crash mid-send: never resent blindly)
 * @param attempts  sending attempts so far
 * @param lastError the last failure, or null
 * @param messageId the Message-ID it went out with, once sent
 * @param sentAt    when it was sent, or null
 */
public record OutgoingReply(String replyId, String draftId, String mailbox, String threadId, String body, String status,
                            int attempts, String lastError, String messageId, Instant sentAt) {

    /** Waiting to be sent, or to be retried. */
    public static final String PENDING = "PENDING";
    /** Handed to the SMTP server. */
    public static final String SENT = "SENT";
    /** A previous attempt may have been sent before the process died: left for a person to check. */
    public static final String IN_DOUBT = "IN_DOUBT";
}
