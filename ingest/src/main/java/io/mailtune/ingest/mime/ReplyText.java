package io.mailtune.ingest.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The customer's own words in a reply: quoted history and signatures removed, inline answers between quotes kept.
 * Recognises Gmail and Apple Mail attributions ("On … wrote:"), Outlook's "-----Original Message-----" and
 * "From: … Sent: …" blocks, and "&gt;"-quoting clients such as Thunderbird.
 */
public final class ReplyText {

    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht)\\s*-{2,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(From|Von|De|Van|Da|Från|Fra)\\*?\\s*:\\s*\\S.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_SENT = Pattern.compile("^\\s*\\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Skickat|Sendt)\\*?\\s*:.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_TO_OR_SUBJECT = Pattern.compile("^\\s*\\*?(To|An|À|A|Para|Aan|Till|Til|Subject|Betreff|Objet|Asunto|Oggetto|Onderwerp|Ämne|Emne|Cc)\\*?\\s*:.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^\\s*(On\\s.+\\swrote\\s?:|Le\\s.+\\sa écrit\\s?:|Am\\s.+\\sschrieb.*:|El\\s.+\\sescribió\\s?:|Op\\s.+\\sschreef.*:|Il\\s.+\\sha scritto\\s?:)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTION_START = Pattern.compile("^\\s*(On|Le|Am|El|Op|Il)\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern MOBILE_FOOTER = Pattern.compile(
            "^\\s*(Sent from my \\w+.*|Sent from Mail for Windows.*|Get Outlook for (iOS|Android).*|Von meinem \\w+ gesendet|Envoyé de mon \\w+)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private ReplyText() {
    }

    /** Strips quotes and signature; returns the whole text (trimmed) when nothing of the customer's own would remain. */
    public static String customerWords(String text) {
        List<String> lines = text.replace("\r\n", "\n").replace('\r', '\n').lines().map(String::stripTrailing).toList();
        int cut = historyStart(lines);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < cut; i++) {
            String line = lines.get(i);
            if (isQuoted(line)) {
                continue;
            }
            if (isAttributionBeforeQuote(lines, i, cut)) {
                i += ATTRIBUTION.matcher(line).matches() ? 0 : 1;
                continue;
            }
            if (line.strip().equals("--")) {
                break;
            }
            if (MOBILE_FOOTER.matcher(line).matches()) {
                continue;
            }
            kept.add(line);
        }
        String words = tidy(kept);
        return words.isEmpty() ? tidy(lines) : words;
    }

    /** The first line of unprefixed quoted history (Outlook style or an attribution without "&gt;" lines), or the end. */
    private static int historyStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (ORIGINAL_MESSAGE.matcher(line).matches()) {
                return i;
            }
            if (HEADER_FROM.matcher(line).matches() && isHeaderBlock(lines, i)) {
                return i > 0 && UNDERSCORES.matcher(lines.get(i - 1)).matches() ? i - 1 : i;
            }
            int attributionEnd = attributionEnd(lines, i);
            if (attributionEnd >= 0 && !isQuoted(nextNonBlank(lines, attributionEnd + 1))) {
                return i;
            }
        }
        return lines.size();
    }

    private static boolean isHeaderBlock(List<String> lines, int from) {
        boolean sent = false;
        boolean toOrSubject = false;
        for (int j = from + 1; j < Math.min(lines.size(), from + 6); j++) {
            sent |= HEADER_SENT.matcher(lines.get(j)).matches();
            toOrSubject |= HEADER_TO_OR_SUBJECT.matcher(lines.get(j)).matches();
        }
        return sent && toOrSubject;
    }

    /** The index of the line that ends an attribution starting at i ("On …" possibly wrapped once), or -1. */
    private static int attributionEnd(List<String> lines, int i) {
        String line = lines.get(i);
        if (ATTRIBUTION.matcher(line).matches()) {
            return i;
        }
        if (i + 1 < lines.size() && ATTRIBUTION_START.matcher(line).matches()
                && ATTRIBUTION.matcher(line + " " + lines.get(i + 1).strip()).matches()) {
            return i + 1;
        }
        return -1;
    }

    private static boolean isAttributionBeforeQuote(List<String> lines, int i, int cut) {
        int end = attributionEnd(lines, i);
        return end >= 0 && end < cut && isQuoted(nextNonBlank(lines, end + 1));
    }

    private static String nextNonBlank(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j);
            }
        }
        return "";
    }

    private static boolean isQuoted(String line) {
        return line.stripLeading().startsWith(">");
    }

    /** Trims blank lines at both ends and collapses runs of blank lines into one. */
    private static String tidy(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : lines) {
            if (line.isBlank()) {
                blank = !out.isEmpty();
                continue;
            }
            if (blank) {
                out.append('\n');
                blank = false;
            }
            out.append(line).append('\n');
        }
        return out.toString().strip();
    }
}
