package io.mailtune.ingest.smtp;

import io.mailtune.core.mail.EmailAddress;

import java.util.List;

/**
 * An approved reply to send.
 *
 * @param replyId            our id of the reply: the same id is never sent twice
 * @param mailbox            the support mailbox it answers from
 * @param threadId           the conversation
 * @param to                 the customer
 * @param cc                 further recipients
 * @param originalSubject    the subject of the message answered
 * @param inReplyTo          Message-ID of the message answered
 * @param originalReferences References of the message answered, oldest first
 * @param text               the reply body
 */
public record OutboundReply(String replyId, String mailbox, String threadId, EmailAddress to, List<EmailAddress> cc,
                            String originalSubject, String inReplyTo, List<String> originalReferences, String text) {

    /** Validates required parts; header values with line breaks are refused (no header injection). */
    public OutboundReply {
        HeaderValues.require(replyId, "replyId");
        HeaderValues.require(mailbox, "mailbox");
        HeaderValues.require(threadId, "threadId");
        if (to == null) {
            throw new IllegalArgumentException("to is required");
        }
        cc = cc == null ? List.of() : List.copyOf(cc);
        originalSubject = HeaderValues.check(originalSubject == null ? "" : originalSubject, "originalSubject");
        HeaderValues.check(inReplyTo, "inReplyTo");
        originalReferences = originalReferences == null ? List.of() : List.copyOf(originalReferences);
        originalReferences.forEach(r -> HeaderValues.check(r, "originalReferences"));
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("reply " + replyId + " has no text");
        }
    }
}
