package io.mailtune.ingest.reply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line a mail client writes above a quoted message: "On Tue, Mar 3, 2020 at 10:00 AM Ann &lt;ann@x.com&gt; wrote:"
 * and its forms in other languages, possibly wrapped over up to three lines, wrapped in dashes, or glued to the end
 * of the reply's last sentence. Every form needs evidence that a client wrote it, a date, a time or an address, so
 * that "On Monday my colleague wrote:" stays the customer's sentence. The forms, each ending with a colon:
 * <ol>
 *   <li>an opener, then a verb of writing last ("On … Ann wrote:", "Le … Ann a écrit :");</li>
 *   <li>an opener, then the verb and the sender ("Am … schrieb Ann &lt;ann@x.com&gt;:");</li>
 *   <li>a date first, then the verb last or the verb and the sender ("wt., 3 mar 2020 o 10:00 Ann napisał(a):");</li>
 *   <li>a date first and the address last, no verb ("2014-10-17 11:28 GMT+03:00 Ann &lt;ann@x.com&gt;:");</li>
 *   <li>an address in brackets with a verb (or an opener) and a date anywhere ("Ann &lt;ann@x.com&gt; kirjoitti 3.3.2020 kello 10.00:");</li>
 *   <li>the sender's name, the verb, then a date ("Ann Lee kirjoitti 3.3.2020 klo 10.00:").</li>
 * </ol>
 */
final class Attribution {

    /** Lines an attribution may be wrapped over. */
    static final int MAX_LINES = 3;
    private static final int MAX_CHARS = 400;

    private static final String OPENER = alternation(ReplyLanguages.ALL.stream().flatMap(l -> l.openers().stream()).toList());
    private static final String VERB_LAST = alternation(ReplyLanguages.ALL.stream().flatMap(l -> l.verbsLast().stream()).toList());
    private static final String VERB_BEFORE_SENDER = alternation(ReplyLanguages.ALL.stream().flatMap(l -> l.verbsBeforeSender().stream()).toList());
    private static final String ANY_VERB = alternation(ReplyLanguages.ALL.stream()
            .flatMap(l -> Stream.concat(l.verbsLast().stream(), l.verbsBeforeSender().stream())).toList());
    /** A weekday or month word and a digit, or a digit, at the start: how dates in attributions begin. */
    private static final String DATE_START = "(?:[\\p{L}]{1,12}\\.?,?\\s{1,3})?\\d";
    private static final String END = "\\s*[:：]$";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern OPENER_VERB_LAST = Pattern.compile("^(?:" + OPENER + ")\\s.*(?<!\\p{L})(?:" + VERB_LAST + ")" + END, FLAGS);
    private static final Pattern OPENER_VERB_SENDER = Pattern.compile(
            "^(?:" + OPENER + ")\\s.*\\s(?:" + VERB_BEFORE_SENDER + ")\\s+(?<sender>[^:：]{1,120}?)" + END, FLAGS);
    private static final Pattern DATE_VERB_LAST = Pattern.compile("^" + DATE_START + ".*(?<!\\p{L})(?:" + VERB_LAST + ")" + END, FLAGS);
    private static final Pattern DATE_VERB_SENDER = Pattern.compile(
            "^" + DATE_START + ".*\\s(?:" + VERB_BEFORE_SENDER + ")\\s+(?<sender>[^:：]{1,120}?)" + END, FLAGS);
    private static final Pattern DATE_ADDRESS = Pattern.compile("^" + DATE_START + ".*[<(\\[][^\\s<>()\\[\\]]+@[^\\s<>()\\[\\]]+[>)\\]]" + END, FLAGS);
    private static final Pattern BRACKETED_ADDRESS = Pattern.compile("[<(\\[][^\\s<>()\\[\\]]+@[^\\s<>()\\[\\]]+[>)\\]]");
    private static final Pattern HAS_VERB_OR_OPENER = Pattern.compile(
            "(?<!\\p{L})(?:" + ANY_VERB + ")(?!\\p{L})|^(?:" + OPENER + ")\\s", FLAGS);
    private static final Pattern NAME_VERB_DATE = Pattern.compile(
            "^\"?\\p{Lu}[\\p{L}.'’-]*(?:\\s\\p{Lu}[\\p{L}.'’-]*){0,3}\"?\\s(?:" + VERB_LAST + ")\\s.*\\d.*" + END, FLAGS);
    private static final Pattern OPENS = Pattern.compile("(?:" + OPENER + ")\\s|" + DATE_START, FLAGS);
    /** A time, a year, a numeric date or a CJK date. */
    private static final Pattern DATED = Pattern.compile(
            "\\d{1,2}[:.h]\\d{2}|(?<!\\d)(?:19|20)\\d{2}(?!\\d)|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{1,2}\\s?[年月日]");
    /** What shows a client wrote the line: a date of some kind, or an address. */
    private static final Pattern EVIDENCE = Pattern.compile(DATED.pattern() + "|@");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}[:.h]\\d{2}");
    private static final Pattern DASH_WRAPPED = Pattern.compile("^-{2,}\\s*(.+?)\\s*-{2,}$");
    private static final Pattern GLUED = Pattern.compile("(?<=[.!?)])\\s*(?=(?:" + OPENER + ")\\s)", FLAGS);
    /** "reply On Wed, … wrote:": an opener as clients write it, capitalised, after a space. */
    private static final Pattern GLUED_AFTER_SPACE = Pattern.compile("(?<=\\S)\\s+(?=(?:" + OPENER + ")\\s)");
    private static final Pattern OPENER_WORD = Pattern.compile("(?:" + OPENER + ")\\s", FLAGS);
    private static final Pattern DASHED_SENDER_WROTE = Pattern.compile(
            "^\"?\\p{Lu}[\\p{L}.'’-]*(?:\\s[\\p{L}.'’-]+){0,3}\"?\\s(?:" + VERB_LAST + ")\\s*:$", FLAGS);
    private static final Pattern DATE_ADDRESS_OPEN = Pattern.compile(
            "^" + DATE_START + ".*[<(\\[][^\\s<>()\\[\\]]+@[^\\s<>()\\[\\]]+[>)\\]]$", FLAGS);
    private static final Set<String> NAME_PARTICLES = Set.of("van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del",
            "dos", "das", "bin", "al", "ten", "ter", "y", "e");

    private Attribution() {
    }

    /**
     * The index of the last line of an attribution that starts at line {@code start}, or -1. Quoted lines are never
     * part of one, except a lone "&gt;:" that ends an address wrapped by the client.
     */
    static int end(List<String> lines, int start) {
        String first = lines.get(start);
        if (first.isBlank() || Quoting.isQuoted(first) || !endsWithinReach(lines, start)) {
            return -1;
        }
        StringBuilder joined = new StringBuilder();
        for (int n = 0; n < MAX_LINES && start + n < lines.size(); n++) {
            String line = lines.get(start + n).strip();
            if (n > 0 && (line.isEmpty() || (Quoting.isQuoted(line) && !line.matches(">\\s*[:：]")))) {
                break;
            }
            if (n == 1 && !OPENS.matcher(first.strip()).lookingAt() && !BRACKETED_ADDRESS.matcher(first).find()) {
                // Only a line that opens like an attribution continues on the next: a sentence above one does not.
                break;
            }
            if (!joined.isEmpty() && !line.startsWith(">")) {
                joined.append(' ');
            }
            joined.append(line);
            if (joined.length() > MAX_CHARS) {
                break;
            }
            if (matches(joined.toString())) {
                // A wrapped match whose second line opens an attribution of its own starts one line later, unless the
                // first line itself starts with an opener word ("On …" wrapped before a long address).
                boolean laterStart = n > 0 && !OPENER_WORD.matcher(first.strip()).lookingAt()
                        && OPENS.matcher(lines.get(start + 1).strip()).lookingAt() && end(lines, start + 1) == start + n;
                return laterStart ? -1 : start + n;
            }
        }
        return -1;
    }

    /** Every attribution ends a line with a colon or, wrapped in dashes, with a dash: a cheap test before any pattern. */
    private static boolean endsWithinReach(List<String> lines, int start) {
        for (int n = 0; n < MAX_LINES && start + n < lines.size(); n++) {
            String line = lines.get(start + n);
            int end = line.length() - 1;
            while (end >= 0 && Character.isWhitespace(line.charAt(end))) {
                end--;
            }
            if (end >= 0 && (line.charAt(end) == ':' || line.charAt(end) == '：' || line.charAt(end) == '-')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index of the last line of a quote header starting at {@code start}: an attribution, or a date and an address
     * without a colon as older Gmail writes them ("2011/4/7 Ann &lt;ann@x.com&gt;"), which only counts right above
     * quoted lines. -1 when none starts there.
     */
    static int quoteHeaderEnd(List<String> lines, int start) {
        int end = end(lines, start);
        if (end >= 0) {
            return end;
        }
        String line = lines.get(start).strip();
        boolean closesAddress = line.endsWith(">") || line.endsWith(")") || line.endsWith("]");
        return closesAddress && line.length() <= MAX_CHARS && DATE_ADDRESS_OPEN.matcher(line).matches() && DATED.matcher(line).find()
                ? start : -1;
    }

    /** True when the text, on one line, is an attribution. */
    static boolean matches(String text) {
        String s = text.strip();
        Matcher dashes = DASH_WRAPPED.matcher(s);
        boolean wrapped = dashes.matches();
        if (wrapped) {
            s = dashes.group(1);
            if (!s.endsWith(":") && !s.endsWith("：")) {
                s = s + ":";
            }
        }
        if (s.length() > MAX_CHARS || !(s.endsWith(":") || s.endsWith("："))) {
            return false;
        }
        s = s.replaceAll("([<(\\[])\\s+", "$1").replaceAll("\\s+([>)\\]])", "$1");
        if (wrapped && DASHED_SENDER_WROTE.matcher(s).matches()) {
            // Android's "---- Ann Lee wrote ----": the dashes are the client's mark, no date needed.
            return true;
        }
        if (!EVIDENCE.matcher(s).find()) {
            return false;
        }
        if (OPENER_VERB_LAST.matcher(s).matches() || DATE_VERB_LAST.matcher(s).matches() || NAME_VERB_DATE.matcher(s).matches()) {
            return true;
        }
        Matcher withSender = OPENER_VERB_SENDER.matcher(s);
        if (withSender.matches() && looksLikeSender(withSender.group("sender"))) {
            return true;
        }
        withSender = DATE_VERB_SENDER.matcher(s);
        if (withSender.matches() && looksLikeSender(withSender.group("sender"))) {
            return true;
        }
        if (DATE_ADDRESS.matcher(s).matches() && TIME.matcher(s).find()) {
            return true;
        }
        return BRACKETED_ADDRESS.matcher(s).find() && HAS_VERB_OR_OPENER.matcher(s).find() && DATED.matcher(s).find();
    }

    /**
     * Where an attribution glued to the end of a sentence starts ("Thanks!On Tue, … wrote:"), or -1 when the line
     * holds none.
     */
    static int gluedStart(String line) {
        if (line.length() > MAX_CHARS + 200 || !(line.stripTrailing().endsWith(":") || line.stripTrailing().endsWith("："))) {
            return -1;
        }
        for (Pattern glue : List.of(GLUED, GLUED_AFTER_SPACE)) {
            Matcher m = glue.matcher(line);
            while (m.find()) {
                if (m.end() > 0 && matches(line.substring(m.end()))) {
                    return m.end();
                }
            }
        }
        return -1;
    }

    /** A sender after the verb: an address, or a few capitalised words (name particles allowed). */
    private static boolean looksLikeSender(String sender) {
        if (sender.contains("@")) {
            return true;
        }
        String[] words = sender.replace("\"", "").strip().split("\\s+");
        if (words.length > 5) {
            return false;
        }
        for (String word : words) {
            if (!word.isEmpty() && !Character.isUpperCase(word.codePointAt(0)) && !NAME_PARTICLES.contains(word.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** A regex alternation of the phrases, longest first, spaces matching any run of whitespace. */
    static String alternation(List<String> phrases) {
        Set<String> distinct = new LinkedHashSet<>(phrases);
        List<String> sorted = new ArrayList<>(distinct);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        List<String> quoted = new ArrayList<>();
        for (String phrase : sorted) {
            quoted.add(Pattern.quote(phrase).replace(" ", "\\E\\s+\\Q"));
        }
        return String.join("|", quoted);
    }
}
