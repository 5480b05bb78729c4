package io.mailtune.ingest.reply;

import io.mailtune.core.mail.ForwardedMessage;

import java.util.List;

/**
 * What a body says: the customer's own words and the messages they forwarded inline.
 *
 * @param text      the customer's words: quotes, history and signature removed, quoted lines they answered inline
 *                  kept before each answer, marked "&gt; "
 * @param forwarded messages forwarded inline below a "Forwarded message" line, in order
 */
public record Reply(String text, List<ForwardedMessage> forwarded) {

    /** Copies the list; the text is never null. */
    public Reply {
        text = text == null ? "" : text;
        forwarded = List.copyOf(forwarded);
    }
}
