package io.mailtune.ingest.mime;

import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.EmailAddress;

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
 * @param attachments         attachment metadata
 * @param headers             the headers classification reads
 * @param contentHash         hash of sender, date, subject and body bytes: the dedupe identity next to the Message-ID
 * @param rawSha256           hash of the raw bytes
 * @param rawSize             size of the raw bytes
 */
public record NormalisedMessage(String messageId, boolean messageIdSynthesised, EmailAddress from, List<EmailAddress> to,
                                List<EmailAddress> cc, List<EmailAddress> replyTo, String subject, String fullText,
                                String normalisedText, Instant sentAt, String inReplyTo, List<String> references,
                                List<AttachmentInfo> attachments, MailHeaders headers, String contentHash,
                                String rawSha256, long rawSize) {

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
        if (headers == null) {
            throw new IllegalArgumentException("headers are required");
        }
    }
}
