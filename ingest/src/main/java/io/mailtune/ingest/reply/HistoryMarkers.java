package io.mailtune.ingest.reply;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines below which a client put the earlier message without "&gt;" quoting: "-----Original Message-----" and its
 * translations, "---------- Forwarded message ---------" and "Begin forwarded message:", and Outlook-style header
 * blocks ("From: / Sent: / To: / Subject:" in any of {@link ReplyLanguages}' languages, in any order, bold or not).
 */
final class HistoryMarkers {

    /** What a header-block line names. */
    enum Label { FROM, DATE, TO, CC, SUBJECT }

    /**
     * One header-block line.
     *
     * @param label what it names
     * @param value what follows the colon
     */
    record HeaderLine(Label label, String value) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String DASHES = "[-_=*~—–]{2,}";
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile("^\\s*" + DASHES + "\\s*(?:"
            + Attribution.alternation(words(ReplyLanguages.Language::originalMessage)) + ")\\s*" + DASHES + "\\s*$", FLAGS);
    private static final Pattern FORWARDED_MESSAGE = Pattern.compile("^\\s*" + DASHES + "\\s*(?:"
            + Attribution.alternation(words(ReplyLanguages.Language::forwardedMessage)) + ")\\s*" + DASHES + "\\s*$", FLAGS);
    private static final Pattern FORWARD_INTRO = Pattern.compile("^\\s*(?:"
            + Attribution.alternation(words(ReplyLanguages.Language::forwardIntros)) + ")\\s*[:：]?\\s*$", FLAGS);
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("^\\s*(?:\\[[^]]*]\\s*)?(?:"
            + Attribution.alternation(words(ReplyLanguages.Language::forwardPrefixes)) + ")\\s*(?:\\[\\d+]|\\(\\d+\\))?\\s*[:：]", FLAGS);
    private static final Pattern SEPARATOR = Pattern.compile("^\\s*(?:_{5,}|-{5,}|={5,}|—|–)\\s*$");
    private static final Map<String, Label> LABELS = labels();
    private static final Pattern HEADER = Pattern.compile("^\\s*\\*{0,2}(" + Attribution.alternation(List.copyOf(LABELS.keySet()))
            + ")\\*{0,2}\\s*[:：]\\*{0,2}(?:\\s+(.*)|\\s*)$", FLAGS);
    private static final Pattern TIME_OR_YEAR = Pattern.compile("\\d{1,2}[:.]\\d{2}|(?<!\\d)(?:19|20)\\d{2}(?!\\d)");
    private static final int MAX_BLOCK_LINES = 12;

    private HistoryMarkers() {
    }

    /** "-----Original Message-----" in any language or dash style. */
    static boolean isOriginalMessage(String line) {
        return startsWithDash(line) && line.length() < 120 && line.indexOf(':') < 0 && ORIGINAL_MESSAGE.matcher(line).matches();
    }

    /** A line that introduces a forwarded message: dashed "Forwarded message" lines and "Begin forwarded message:". */
    static boolean isForwardSeparator(String line) {
        if (line.length() >= 120) {
            return false;
        }
        return startsWithDash(line) ? FORWARDED_MESSAGE.matcher(line).matches() : line.length() < 60 && FORWARD_INTRO.matcher(line).matches();
    }

    /**
     * A subject saying the message forwards another: it starts with "Fwd:", "WG:", "TR:" … A "Re: Fwd:" is a reply,
     * whose history is history.
     */
    static boolean isForwardSubject(String subject) {
        return subject != null && FORWARD_SUBJECT.matcher(subject).lookingAt();
    }

    /** A line of underscores, dashes or equals signs, or a lone dash, that clients put above history or footers. */
    static boolean isSeparator(String line) {
        return startsWithDash(line) && SEPARATOR.matcher(line).matches();
    }

    /** True when the line's first non-blank character is one that separator lines are drawn with. */
    private static boolean startsWithDash(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') {
                return "-_=*~—–".indexOf(c) >= 0;
            }
        }
        return false;
    }

    /** The header-block line this is, or null. */
    static HeaderLine header(String line) {
        int colon = firstColon(line);
        if (colon < 0 || colon > 40) {
            return null;
        }
        Matcher m = HEADER.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Label label = LABELS.get(m.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
        return label == null ? null : new HeaderLine(label, m.group(2) == null ? "" : m.group(2).strip());
    }

    /**
     * The index after the last line of a header block starting at {@code start}, or -1 when none starts there. A
     * block is header lines with at most two wrapped lines after each, naming at least two of sender, date,
     * recipient, copies and subject, one of them the sender or the date; and it carries an address, or a date with a
     * time or year among three labels, so that "From: Berlin / To: Munich" in a customer's text is not one.
     */
    static int headerBlockEnd(List<String> lines, int start) {
        if (header(lines.get(start)) == null) {
            return -1;
        }
        Map<Label, String> found = new EnumMap<>(Label.class);
        boolean address = false;
        int wrapped = 0;
        int end = start;
        for (int j = start; j < lines.size() && j < start + MAX_BLOCK_LINES; j++) {
            String line = lines.get(j);
            if (line.isBlank()) {
                break;
            }
            HeaderLine h = header(line);
            if (h != null) {
                found.putIfAbsent(h.label(), h.value());
                wrapped = 0;
            } else if (++wrapped > 2 || Quoting.isQuoted(line)) {
                break;
            }
            address |= line.contains("@");
            end = j + 1;
        }
        boolean fromOrDate = found.containsKey(Label.FROM) || found.containsKey(Label.DATE);
        String date = found.get(Label.DATE);
        boolean dated = date != null && TIME_OR_YEAR.matcher(date).find();
        boolean block = found.size() >= 2 && fromOrDate && (address || (dated && found.size() >= 3));
        return block ? end : -1;
    }

    /** The values of a header block's lines, wrapped lines joined to the line they continue. */
    static Map<Label, String> headerValues(List<String> lines, int start, int end) {
        Map<Label, String> values = new EnumMap<>(Label.class);
        Label last = null;
        for (int j = start; j < end; j++) {
            String line = lines.get(j);
            HeaderLine h = header(line);
            if (h != null) {
                last = values.containsKey(h.label()) ? null : h.label();
                if (last != null) {
                    values.put(last, h.value());
                }
            } else if (last != null) {
                values.put(last, (values.get(last) + " " + line.strip()).strip());
            }
        }
        return values;
    }

    private static int firstColon(String line) {
        int ascii = line.indexOf(':');
        int wide = line.indexOf('：');
        return ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
    }

    private static List<String> words(Function<ReplyLanguages.Language, List<String>> field) {
        return ReplyLanguages.ALL.stream().flatMap(l -> field.apply(l).stream()).toList();
    }

    private static Map<String, Label> labels() {
        Map<String, Label> out = new HashMap<>();
        for (ReplyLanguages.Language l : ReplyLanguages.ALL) {
            l.from().forEach(w -> out.putIfAbsent(w.toLowerCase(Locale.ROOT), Label.FROM));
            l.sent().forEach(w -> out.putIfAbsent(w.toLowerCase(Locale.ROOT), Label.DATE));
            l.to().forEach(w -> out.putIfAbsent(w.toLowerCase(Locale.ROOT), Label.TO));
            l.cc().forEach(w -> out.putIfAbsent(w.toLowerCase(Locale.ROOT), Label.CC));
            l.subject().forEach(w -> out.putIfAbsent(w.toLowerCase(Locale.ROOT), Label.SUBJECT));
        }
        return Map.copyOf(out);
    }
}
