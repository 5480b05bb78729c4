package io.mailtune.ingest.reply;

import io.mailtune.core.mail.ForwardedMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The customer's own words in a body, and what they forwarded. In order:
 * <ol>
 *   <li>history that the client put below the reply without "&gt;" quoting ({@link HistoryMarkers}: Outlook header
 *       blocks and original-message lines; {@link Attribution}s followed by unquoted text) is cut;</li>
 *   <li>a forward ("Forwarded message" line, or a header block in a message whose subject says it forwards) becomes
 *       {@link ForwardedMessage}s instead ({@link ForwardedBlocks});</li>
 *   <li>in what remains, "&gt;"-quoted blocks and their attributions are told apart from the customer's own text; the
 *       signature at the end of the last own text is cut ({@link Signatures});</li>
 *   <li>quoted blocks after the last own text are dropped; quoted blocks before own text are what the customer
 *       answered inline and stay as context, marked "&gt; " (their last {@value #CONTEXT_LINES} lines).</li>
 * </ol>
 * When nothing of the customer's own would remain and nothing was forwarded, the whole text is kept: a false cut
 * loses words, a kept quote only adds some.
 */
public final class ReplyText {

    /** Lines of a quoted block kept as context before an inline answer. */
    static final int CONTEXT_LINES = 12;

    private ReplyText() {
    }

    /**
     * Reads a body.
     *
     * @param body       the plain text of the message, quotes marked "&gt;" (HTML blockquotes included)
     * @param subject    the message's subject, which says whether it forwards
     * @param senderName the sender's display name, or null; it helps recognise a signature
     */
    public static Reply read(String body, String subject, String senderName) {
        List<String> lines = lines(body);
        int forward = -1;
        int history = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || Quoting.isQuoted(line)) {
                continue;
            }
            if (HistoryMarkers.isForwardSeparator(line)) {
                forward = i;
                history = i;
                break;
            }
            int marked = markedHistory(lines, i);
            if (marked >= 0) {
                history = marked;
                forward = HistoryMarkers.isForwardSubject(subject) ? marked : -1;
                break;
            }
            int attribution = Attribution.end(lines, i);
            if (attribution >= 0 && !Quoting.isQuoted(nextNonBlank(lines, attribution + 1))) {
                history = i;
                break;
            }
        }
        List<ForwardedMessage> forwarded = forward >= 0 ? ForwardedBlocks.from(lines, forward) : List.of();
        String words = ownWords(lines.subList(0, history), senderName);
        if (words.isEmpty() && forwarded.isEmpty()) {
            words = tidy(lines);
        }
        return new Reply(words, forwarded);
    }

    /** Where unquoted history marked by a separator or header block starts at line i (with the separator above it), or -1. */
    private static int markedHistory(List<String> lines, int i) {
        String line = lines.get(i);
        if (HistoryMarkers.isOriginalMessage(line)) {
            return i;
        }
        if (HistoryMarkers.isSeparator(line)) {
            int next = nextNonBlankIndex(lines, i + 1);
            return next >= 0 && HistoryMarkers.headerBlockEnd(lines, next) >= 0 ? i : -1;
        }
        if (HistoryMarkers.headerBlockEnd(lines, i) >= 0) {
            int start = i;
            while (start > 0 && (lines.get(start - 1).isBlank() || HistoryMarkers.isSeparator(lines.get(start - 1)))) {
                start--;
            }
            return start;
        }
        return -1;
    }

    /** The customer's text among lines with "&gt;"-quoted blocks: signature cut, trailing quotes dropped, inline context kept. */
    private static String ownWords(List<String> lines, String senderName) {
        List<Segment> segments = segments(lines);
        int tail = -1;
        for (int attempt = 0; attempt < 3; attempt++) {
            tail = lastWithText(segments, tail < 0 ? segments.size() : tail);
            if (tail < 0) {
                return "";
            }
            Segment own = segments.get(tail);
            int cut = Signatures.start(own.lines(), senderName);
            segments.set(tail, new Segment(false, own.lines().subList(0, cut)));
            if (hasText(segments.get(tail).lines())) {
                break;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int s = 0; s <= tail && s < segments.size(); s++) {
            Segment segment = segments.get(s);
            if (segment.quoted()) {
                kept.addAll(context(segment.lines()));
            } else {
                kept.addAll(segment.lines());
            }
        }
        return tidy(kept);
    }

    /**
     * A run of lines: the customer's own (blank lines included) or a quoted block with the attribution above it.
     *
     * @param quoted true for a quoted block
     * @param lines  its lines
     */
    private record Segment(boolean quoted, List<String> lines) {
    }

    private static List<Segment> segments(List<String> lines) {
        boolean[] quoted = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (Quoting.isQuoted(line)) {
                quoted[i] = true;
            } else if (!line.isBlank()) {
                int end = Attribution.quoteHeaderEnd(lines, i);
                if (end >= 0 && Quoting.isQuoted(nextNonBlank(lines, end + 1))) {
                    for (int j = i; j <= end; j++) {
                        quoted[j] = true;
                    }
                    i = end;
                }
            }
        }
        // Blank lines between two quoted lines belong to the quote.
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank() && i > 0 && quoted[i - 1]) {
                int next = nextNonBlankIndex(lines, i);
                if (next >= 0 && quoted[next]) {
                    for (int j = i; j < next; j++) {
                        quoted[j] = true;
                    }
                }
            }
        }
        List<Segment> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= lines.size(); i++) {
            if (i == lines.size() || quoted[i] != quoted[start]) {
                out.add(new Segment(quoted[start], lines.subList(start, i)));
                start = i;
            }
        }
        return out;
    }

    /** A quoted block as context: attribution dropped, its last lines marked "&gt; ". */
    private static List<String> context(List<String> block) {
        List<String> content = new ArrayList<>();
        for (String line : block) {
            if (Quoting.isQuoted(line)) {
                String text = Quoting.content(line).strip();
                if (!text.isEmpty()) {
                    content.add("> " + text);
                }
            }
        }
        if (content.size() <= CONTEXT_LINES) {
            return content;
        }
        List<String> out = new ArrayList<>();
        out.add("> […]");
        out.addAll(content.subList(content.size() - CONTEXT_LINES, content.size()));
        return out;
    }

    private static int lastWithText(List<Segment> segments, int before) {
        for (int s = before - 1; s >= 0; s--) {
            if (!segments.get(s).quoted() && hasText(segments.get(s).lines())) {
                return s;
            }
        }
        return -1;
    }

    private static boolean hasText(List<String> lines) {
        return lines.stream().anyMatch(l -> !l.isBlank());
    }

    /** Lines without trailing spaces; an attribution glued to the end of a sentence gets a line of its own. */
    private static List<String> lines(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String stripped = line.stripTrailing();
            int glued = Quoting.isQuoted(stripped) ? -1 : Attribution.gluedStart(stripped);
            if (glued > 0) {
                out.add(stripped.substring(0, glued).stripTrailing());
                out.add(stripped.substring(glued));
            } else {
                out.add(stripped);
            }
        }
        return out;
    }

    private static String nextNonBlank(List<String> lines, int from) {
        int i = nextNonBlankIndex(lines, from);
        return i < 0 ? "" : lines.get(i);
    }

    private static int nextNonBlankIndex(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                return j;
            }
        }
        return -1;
    }

    /** Trims blank lines at both ends and folds runs of blank lines into one. */
    static String tidy(List<String> lines) {
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
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString().strip();
    }
}
