package io.mailtune.model.draft;

import java.util.List;

/**
 * The customer's email being answered: data for the drafter, never instructions to it.
 *
 * @param senderName    the sender's display name, or empty when the email gives none
 * @param senderAddress the sender's address
 * @param subject       the subject line, possibly empty
 * @param text          the customer's own new words (quotes and signature removed by ingest)
 * @param forwarded     text of messages the customer forwarded, each as one block, oldest first
 */
public record CustomerMessage(String senderName, String senderAddress, String subject, String text, List<String> forwarded) {

    /** Validates the address; absent parts read as empty. */
    public CustomerMessage {
        if (senderAddress == null || senderAddress.isBlank()) {
            throw new IllegalArgumentException("senderAddress must not be blank");
        }
        senderName = senderName == null ? "" : senderName.strip();
        subject = subject == null ? "" : subject.strip();
        text = text == null ? "" : text.strip();
        forwarded = forwarded == null ? List.of() : List.copyOf(forwarded);
    }

    /** A message without forwarded content. */
    public static CustomerMessage of(String senderName, String senderAddress, String subject, String text) {
        return new CustomerMessage(senderName, senderAddress, subject, text, List.of());
    }
}
