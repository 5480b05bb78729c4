package io.mailtune.core.mail;

import io.mailtune.core.contract.Schema;
import io.mailtune.core.id.Ids;

import java.time.Instant;
import java.util.List;

/**
 * One accepted inbound message, normalised, as published on {@link io.mailtune.core.contract.Topics#INBOUND}.
 * Build one with {@link #builder()}; the canonical constructor is the wire form's.
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
 * @param normalisedText the customer's own words: plain text, quoted history, signature and forwarded messages
 *                       removed; where the customer answered between quoted lines, the quoted lines answered stay
 *                       before each answer as context, each marked "&gt; "
 * @param sentAt         the Date header, or null when absent or unreadable
 * @param receivedAt     when Mailtune accepted it
 * @param inReplyTo      the In-Reply-To header, or null
 * @param references     the References header, oldest first
 * @param raw            where the untouched original is kept
 * @param flags          why it must not be drafted for, the primary reason first; empty for customer mail
 * @param attachments    attachment metadata, from every MIME branch
 * @param forwarded      messages the customer forwarded (attached or inline), in the order they appear; since version 2
 * @param classification what the message primarily is; since version 2, derived from the flags for older records
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
        List<AttachmentInfo> attachments,
        List<ForwardedMessage> forwarded,
        MailClassification classification) {

    /** The version this code writes. Bump it for every added field; see docs/architecture.md. */
    public static final int SCHEMA_VERSION = 2;

    /**
     * Validates required fields; absent lists read as empty and an absent classification is derived from the flags,
     * so that older records still load. A known classification must agree with the flags: {@code CUSTOMER} exactly
     * when there are none.
     */
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
        forwarded = Schema.listOrEmpty(forwarded);
        classification = classification == null ? MailClassification.of(flags) : classification;
        if (classification != MailClassification.UNKNOWN && (classification == MailClassification.CUSTOMER) != flags.isEmpty()) {
            throw new IllegalArgumentException("classification " + classification + " contradicts flags " + flags
                    + ": CUSTOMER is for mail without flags");
        }
    }

    /** The version 1 shape: no forwarded messages, the classification derived from the flags. */
    public InboundEmail(int schemaVersion, String emailId, String mailbox, String messageId, String threadId, EmailAddress from,
                        List<EmailAddress> to, List<EmailAddress> cc, String subject, String normalisedText, Instant sentAt,
                        Instant receivedAt, String inReplyTo, List<String> references, RawMessageRef raw, List<MailFlag> flags,
                        List<AttachmentInfo> attachments) {
        this(schemaVersion, emailId, mailbox, messageId, threadId, from, to, cc, subject, normalisedText, sentAt, receivedAt,
                inReplyTo, references, raw, flags, attachments, null, null);
    }

    /** True when no flag excludes the message from drafting. */
    public boolean needsDraft() {
        return flags.isEmpty();
    }

    /**
     * What a drafter reads and a retriever searches: the customer's words followed by each forwarded message as a
     * marked block ({@link ForwardedMessage#asBlock()}).
     */
    public String draftingText() {
        StringBuilder out = new StringBuilder(normalisedText);
        for (ForwardedMessage message : forwarded) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append(message.asBlock());
        }
        return out.toString();
    }

    /** A builder writing the current {@link #SCHEMA_VERSION}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link InboundEmail} by name rather than by position; the record's constructor validates. */
    public static final class Builder {
        private int schemaVersion = SCHEMA_VERSION;
        private String emailId;
        private String mailbox;
        private String messageId;
        private String threadId;
        private EmailAddress from;
        private List<EmailAddress> to;
        private List<EmailAddress> cc;
        private String subject;
        private String normalisedText;
        private Instant sentAt;
        private Instant receivedAt;
        private String inReplyTo;
        private List<String> references;
        private RawMessageRef raw;
        private List<MailFlag> flags;
        private List<AttachmentInfo> attachments;
        private List<ForwardedMessage> forwarded;
        private MailClassification classification;

        private Builder() {
        }

        /** The schema version to write; {@link #SCHEMA_VERSION} unless set (tests of older versions). */
        public Builder schemaVersion(int value) {
            this.schemaVersion = value;
            return this;
        }

        /** Our id for the message. */
        public Builder emailId(String value) {
            this.emailId = value;
            return this;
        }

        /** The mailbox it arrived in. */
        public Builder mailbox(String value) {
            this.mailbox = value;
            return this;
        }

        /** Its Message-ID. */
        public Builder messageId(String value) {
            this.messageId = value;
            return this;
        }

        /** Its conversation. */
        public Builder threadId(String value) {
            this.threadId = value;
            return this;
        }

        /** The sender. */
        public Builder from(EmailAddress value) {
            this.from = value;
            return this;
        }

        /** To recipients. */
        public Builder to(List<EmailAddress> value) {
            this.to = value;
            return this;
        }

        /** Cc recipients. */
        public Builder cc(List<EmailAddress> value) {
            this.cc = value;
            return this;
        }

        /** The decoded subject. */
        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        /** The customer's own words. */
        public Builder normalisedText(String value) {
            this.normalisedText = value;
            return this;
        }

        /** The Date header. */
        public Builder sentAt(Instant value) {
            this.sentAt = value;
            return this;
        }

        /** When Mailtune accepted it. */
        public Builder receivedAt(Instant value) {
            this.receivedAt = value;
            return this;
        }

        /** The In-Reply-To id. */
        public Builder inReplyTo(String value) {
            this.inReplyTo = value;
            return this;
        }

        /** The References ids, oldest first. */
        public Builder references(List<String> value) {
            this.references = value;
            return this;
        }

        /** Where the raw message is kept. */
        public Builder raw(RawMessageRef value) {
            this.raw = value;
            return this;
        }

        /** Why it must not be drafted for. */
        public Builder flags(List<MailFlag> value) {
            this.flags = value;
            return this;
        }

        /** Attachment metadata. */
        public Builder attachments(List<AttachmentInfo> value) {
            this.attachments = value;
            return this;
        }

        /** Forwarded messages. */
        public Builder forwarded(List<ForwardedMessage> value) {
            this.forwarded = value;
            return this;
        }

        /** The primary classification; derived from the flags unless set. */
        public Builder classification(MailClassification value) {
            this.classification = value;
            return this;
        }

        /** The record; throws {@link IllegalArgumentException} naming the first missing or invalid field. */
        public InboundEmail build() {
            return new InboundEmail(schemaVersion, emailId, mailbox, messageId, threadId, from, to, cc, subject, normalisedText,
                    sentAt, receivedAt, inReplyTo, references, raw, flags, attachments, forwarded, classification);
        }
    }
}
