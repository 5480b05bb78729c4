package io.mailtune.core.mail;

import java.time.Instant;

/**
 * A message the customer forwarded, attached ({@code message/rfc822}) or inline below a "Forwarded message" line:
 * often the very thing they are asking about, so it travels beside their own words rather than being cut with the
 * quoted history.
 *
 * @param from    its sender as written in the forwarded header (e.g. {@code Ann Lee <ann@example.com>}), or null
 * @param date    its date as written in the forwarded header, in the forwarding client's language, or null
 * @param sentAt  that date when it could be read as an instant (RFC 5322 dates of attached messages), or null
 * @param subject its subject, or null
 * @param text    its body as plain text, possibly empty
 */
public record ForwardedMessage(String from, String date, Instant sentAt, String subject, String text) {

    /** Blank header values read as absent; the text is never null. */
    public ForwardedMessage {
        from = blankToNull(from);
        date = blankToNull(date);
        subject = blankToNull(subject);
        text = text == null ? "" : text;
    }

    /** The message as a marked block, the way a mail client shows a forward: header lines, a blank line, the text. */
    public String asBlock() {
        StringBuilder out = new StringBuilder("---------- Forwarded message ----------\n");
        if (from != null) {
            out.append("From: ").append(from).append('\n');
        }
        if (date != null || sentAt != null) {
            out.append("Date: ").append(date != null ? date : sentAt.toString()).append('\n');
        }
        if (subject != null) {
            out.append("Subject: ").append(subject).append('\n');
        }
        return out.append('\n').append(text).toString().strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
