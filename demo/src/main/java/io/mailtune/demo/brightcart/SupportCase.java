package io.mailtune.demo.brightcart;

import java.util.List;

/**
 * One generated support email with the reply a good agent would send.
 *
 * @param caseId        stable id, {@code demo-<seed>-<index>}
 * @param ticketNumber  the five-digit helpdesk ticket number a ticket-reference line quotes
 * @param customerName  the sender's display name
 * @param customerEmail the sender's address (reserved example domains only)
 * @param subject       the subject line
 * @param body          the email text as the customer sent it, with typos, and for follow-ups the quoted thread
 * @param articleIds    the articles the reply is grounded in, in the order it answers them; empty for a hand-off
 * @param goldReply     the reference reply, in the generator's house style
 * @param kind          which shape of email this is
 */
public record SupportCase(String caseId, int ticketNumber, String customerName, String customerEmail, String subject,
                          String body, List<String> articleIds, String goldReply, CaseKind kind) {

    /** Validates that hand-offs cite nothing and every other kind cites at least one article. */
    public SupportCase {
        for (String field : new String[]{caseId, customerName, customerEmail, subject, body, goldReply}) {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("case '" + caseId + "': every text field must be non-blank");
            }
        }
        if (ticketNumber < 10000 || ticketNumber > 99999) {
            throw new IllegalArgumentException("case '" + caseId + "': ticketNumber must have five digits, got " + ticketNumber);
        }
        if (kind == null) {
            throw new IllegalArgumentException("case '" + caseId + "': kind must not be null");
        }
        articleIds = List.copyOf(articleIds);
        if ((kind == CaseKind.HAND_OFF) != articleIds.isEmpty()) {
            throw new IllegalArgumentException("case '" + caseId + "': a " + kind + " case must "
                    + (kind == CaseKind.HAND_OFF ? "cite no article" : "cite at least one article") + ", got " + articleIds);
        }
    }

    /** The name the reply greets: the first word of the display name. */
    public String firstName() {
        return customerName.split(" ", 2)[0];
    }

    /**
     * The customer's own words: the body without the earlier reply a follow-up quotes, as the agent drafts from it
     * (the ingest's reply parser removes quoted history before the agent sees an email).
     */
    public String customerText() {
        return CustomerEmails.withoutQuotedReply(body);
    }

    /** Whether the reply hands the case to a human instead of answering from the knowledge base. */
    public boolean isHandOff() {
        return kind == CaseKind.HAND_OFF;
    }
}
