package io.mailtune.core.mail;

import io.mailtune.core.contract.Schema;
import io.mailtune.core.id.Ids;

import java.time.Instant;
import java.util.List;

/**
 * One accepted inbound message, normalised, as published on {@link io.mailtune.core.contract.Topics#INBOUND}.
 *
 * @param schemaVersion  version of this contract that wrote the record ({@link #SCHEMA_VERSION} today)
 * @param emailId        our id for the message
 * @param mailbox        the configured mailbox it arrived in
 * @param messageId      its Message-ID header (one is synthesised from the content hash when absent)
 * @param threadId       the conversation it belongs to
 * @param from           the sender
 * @param to             To recipients
 * @param cc             Cc recipients
 * @param subject        decoded subject, possibly empty
 * @param normalisedText the customer's own words: plain text, quotes and signature removed
 * @param sentAt         the Date header, or null when absent or unreadable
 * @param receivedAt     when Mailtune accepted it
 * @param inReplyTo      the In-Reply-To header, or null
 * @param references     the References header, oldest first
 * @param raw            where the untouched original is kept
 * @param flags          why it must not be drafted for; empty for customer mail
 * @param attachments    attachment metadata
 */
public record InboundEmail(
        int schemaVersion,
        String emailId,
        String mailbox,
        String messageId,
        String threadId,
        EmailAddress from,
        List<EmailAddress> to,
        List<EmailAddress> cc,
        String subject,
        String normalisedText,
        Instant sentAt,
        Instant receivedAt,
        String inReplyTo,
        List<String> references,
        RawMessageRef raw,
        List<MailFlag> flags,
        List<AttachmentInfo> attachments) {

    /** The version this code writes. Bump it for every added field; see docs/architecture.md. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates required fields; absent lists read as empty so that older records still load. */
    public InboundEmail {
        Schema.requireVersion(schemaVersion, "InboundEmail");
        Ids.requireId(emailId, "emailId");
        Ids.requireId(mailbox, "mailbox");
        Ids.requireId(messageId, "messageId");
        Ids.requireId(threadId, "threadId");
        Schema.require(from, "from");
        Schema.require(receivedAt, "receivedAt");
        Schema.require(raw, "raw");
        to = Schema.listOrEmpty(to);
        cc = Schema.listOrEmpty(cc);
        subject = subject == null ? "" : subject;
        normalisedText = normalisedText == null ? "" : normalisedText;
        references = Schema.listOrEmpty(references);
        flags = Schema.listOrEmpty(flags);
        attachments = Schema.listOrEmpty(attachments);
    }

    /** True when no flag excludes the message from drafting. */
    public boolean needsDraft() {
        return flags.isEmpty();
    }
}
