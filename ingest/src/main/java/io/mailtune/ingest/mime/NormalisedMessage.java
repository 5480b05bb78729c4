package io.mailtune.ingest.mime;

import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.ForwardedMessage;

import java.time.Instant;
import java.util.List;

/**
 * A parsed message before it is threaded and published.
 *
 * @param messageId           the Message-ID, or one synthesised from the raw hash
 * @param messageIdSynthesised true when the message had no usable Message-ID
 * @param from                the sender
 * @param to                  To recipients
 * @param cc                  Cc recipients
 * @param replyTo             Reply-To addresses
 * @param subject             decoded subject, possibly empty
 * @param fullText            the whole readable body text, quotes included
 * @param normalisedText      the customer's own words
 * @param sentAt              the Date header, or null
 * @param inReplyTo           the In-Reply-To message id, or null
 * @param references          the References ids, oldest first
 * @param attachments         attachment metadata, from every MIME branch
 * @param forwarded           messages forwarded inline or attached as {@code message/rfc822}
 * @param headers             the headers classification reads
 * @param contentHash         hash of sender, date, subject and body bytes: the dedupe identity next to the Message-ID
 * @param rawSha256           hash of the raw bytes
 * @param rawSize             size of the raw bytes
 */
public record NormalisedMessage(String messageId, boolean messageIdSynthesised, EmailAddress from, List<EmailAddress> to,
                                List<EmailAddress> cc, List<EmailAddress> replyTo, String subject, String fullText,
                                String normalisedText, Instant sentAt, String inReplyTo, List<String> references,
                                List<AttachmentInfo> attachments, List<ForwardedMessage> forwarded, MailHeaders headers,
                                String contentHash, String rawSha256, long rawSize) {

    /** Validates required parts and copies lists. */
    public NormalisedMessage {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("messageId must not be blank");
        }
        if (from == null) {
            throw new IllegalArgumentException("from is required");
        }
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
        forwarded = forwarded == null ? List.of() : List.copyOf(forwarded);
        if (headers == null) {
            throw new IllegalArgumentException("headers are required");
        }
    }

    /** A builder, so that the eighteen parts are set by name; lists default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NormalisedMessage}; the record's constructor validates. */
    public static final class Builder {
        private String messageId;
        private boolean messageIdSynthesised;
        private EmailAddress from;
        private List<EmailAddress> to = List.of();
        private List<EmailAddress> cc = List.of();
        private List<EmailAddress> replyTo = List.of();
        private String subject = "";
        private String fullText = "";
        private String normalisedText = "";
        private Instant sentAt;
        private String inReplyTo;
        private List<String> references = List.of();
        private List<AttachmentInfo> attachments = List.of();
        private List<ForwardedMessage> forwarded = List.of();
        private MailHeaders headers;
        private String contentHash;
        private String rawSha256;
        private long rawSize;

        private Builder() {
        }

        /** Sets messageId: the Message-ID, or one synthesised from the raw hash. */
        public Builder messageId(String value) {
            this.messageId = value;
            return this;
        }

        /** Sets messageIdSynthesised: whether the Message-ID was synthesised. */
        public Builder messageIdSynthesised(boolean value) {
            this.messageIdSynthesised = value;
            return this;
        }

        /** Sets from: the sender. */
        public Builder from(EmailAddress value) {
            this.from = value;
            return this;
        }

        /** Sets to: To recipients. */
        public Builder to(List<EmailAddress> value) {
            this.to = value;
            return this;
        }

        /** Sets cc: Cc recipients. */
        public Builder cc(List<EmailAddress> value) {
            this.cc = value;
            return this;
        }

        /** Sets replyTo: Reply-To addresses. */
        public Builder replyTo(List<EmailAddress> value) {
            this.replyTo = value;
            return this;
        }

        /** Sets subject: the decoded subject. */
        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        /** Sets fullText: the whole body text. */
        public Builder fullText(String value) {
            this.fullText = value;
            return this;
        }

        /** Sets normalisedText: the customer's own words. */
        public Builder normalisedText(String value) {
            this.normalisedText = value;
            return this;
        }

        /** Sets sentAt: the Date header. */
        public Builder sentAt(Instant value) {
            this.sentAt = value;
            return this;
        }

        /** Sets inReplyTo: the In-Reply-To id. */
        public Builder inReplyTo(String value) {
            this.inReplyTo = value;
            return this;
        }

        /** Sets references: the References ids, oldest first. */
        public Builder references(List<String> value) {
            this.references = value;
            return this;
        }

        /** Sets attachments: attachment metadata. */
        public Builder attachments(List<AttachmentInfo> value) {
            this.attachments = value;
            return this;
        }

        /** Sets forwarded: forwarded messages. */
        public Builder forwarded(List<ForwardedMessage> value) {
            this.forwarded = value;
            return this;
        }

        /** Sets headers: the headers classification reads. */
        public Builder headers(MailHeaders value) {
            this.headers = value;
            return this;
        }

        /** Sets contentHash: the dedupe content hash. */
        public Builder contentHash(String value) {
            this.contentHash = value;
            return this;
        }

        /** Sets rawSha256: the raw bytes' hash. */
        public Builder rawSha256(String value) {
            this.rawSha256 = value;
            return this;
        }

        /** Sets rawSize: the raw bytes' size. */
        public Builder rawSize(long value) {
            this.rawSize = value;
            return this;
        }

        /** The message. */
        public NormalisedMessage build() {
            return new NormalisedMessage(messageId, messageIdSynthesised, from, to, cc, replyTo, subject, fullText, normalisedText,
                    sentAt, inReplyTo, references, attachments, forwarded, headers, contentHash, rawSha256, rawSize);
        }
    }
}
