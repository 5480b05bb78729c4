package io.mailtune.ingest.reply;

import io.mailtune.core.mail.ForwardedMessage;
import jakarta.mail.internet.MailDateFormat;

import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Messages forwarded inline: below each "Forwarded message" line (or, in a forward, below the header block or
 * "-----Original Message-----" line), the header lines give who sent it, when and its subject, and the lines up to the
 * next such line are its text, kept whole, quotes included: what was forwarded is what the customer asks about.
 */
final class ForwardedBlocks {

    private static final Pattern RFC_DATE = Pattern.compile("^(?:\\p{L}{3},\\s*)?\\d{1,2}\\s+\\p{L}{3}\\s+\\d{4}\\s+\\d{1,2}:\\d{2}.*");

    private ForwardedBlocks() {
    }

    /** The forwarded messages from line {@code start}, which is a forward line or the start of a header block. */
    static List<ForwardedMessage> from(List<String> lines, int start) {
        List<ForwardedMessage> out = new ArrayList<>();
        int i = start;
        while (i < lines.size()) {
            while (i < lines.size() && (lines.get(i).isBlank() || HistoryMarkers.isForwardSeparator(lines.get(i))
                    || HistoryMarkers.isOriginalMessage(lines.get(i)) || HistoryMarkers.isSeparator(lines.get(i)))) {
                i++;
            }
            Map<HistoryMarkers.Label, String> headers = Map.of();
            int blockEnd = i < lines.size() ? HistoryMarkers.headerBlockEnd(lines, i) : -1;
            if (blockEnd > i) {
                headers = HistoryMarkers.headerValues(lines, i, blockEnd);
                i = blockEnd;
            }
            int next = i;
            while (next < lines.size() && !HistoryMarkers.isForwardSeparator(lines.get(next))) {
                next++;
            }
            String text = ReplyText.tidy(lines.subList(Math.min(i, next), next));
            if (!headers.isEmpty() || !text.isEmpty()) {
                String date = headers.get(HistoryMarkers.Label.DATE);
                out.add(new ForwardedMessage(headers.get(HistoryMarkers.Label.FROM), date, instant(date),
                        headers.get(HistoryMarkers.Label.SUBJECT), text));
            }
            i = next;
        }
        return out;
    }

    /** An RFC 5322 date as clients copy it into forwards ("Tue, 3 Mar 2020 10:00:00 +0100"), or null. */
    static Instant instant(String date) {
        if (date == null || !RFC_DATE.matcher(date.strip()).matches()) {
            return null;
        }
        Date parsed = new MailDateFormat().parse(date.strip(), new ParsePosition(0));
        return parsed == null ? null : parsed.toInstant();
    }
}
