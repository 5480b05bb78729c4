package io.mailtune.agent.api;

import java.time.Instant;
import java.util.List;

/**
 * An email as the thread view shows it: the customer's new words apart from the quoted history (folded by the desk),
 * the files it carried (download links), and the flags that kept it from drafting.
 *
 * @param emailId     the email
 * @param mailbox     the mailbox it arrived in
 * @param threadId    the conversation
 * @param messageId   its Message-ID
 * @param from        the sender's address
 * @param fromName    the sender's name, or null
 * @param to          To recipients
 * @param subject     the subject
 * @param newText     the customer's own new words
 * @param fullText    the whole readable body, quoted history included (null when it is the new text)
 * @param sentAt      the Date header, or null
 * @param receivedAt  when ingest accepted it
 * @param flags       why it gets no draft (auto-reply, bounce, list, own address); empty for customer mail
 * @param attachments its files
 * @param rawUrl      where the untouched original downloads from
 */
public record EmailView(String emailId, String mailbox, String threadId, String messageId, String from, String fromName,
                        List<String> to, String subject, String newText, String fullText, Instant sentAt, Instant receivedAt,
                        List<String> flags, List<AttachmentView> attachments, String rawUrl) {

    /**
     * One file of an email.
     *
     * @param index       its position
     * @param fileName    the declared name
     * @param contentType the declared type
     * @param sizeBytes   its size
     * @param inline      declared inline
     * @param url         where it downloads from (as an attachment; images may be shown)
     */
    public record AttachmentView(int index, String fileName, String contentType, long sizeBytes, boolean inline, String url) {
    }
}
