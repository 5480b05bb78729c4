package io.mailtune.retrieval.source;

/** Small text clean-ups shared by the parsers. */
final class Text {

    private Text() {
    }

    /** Collapses runs of whitespace (including non-breaking spaces) to one space and trims. */
    static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Removes inline Markdown: emphasis, code ticks, links and images (keeping their text). */
    static String stripInlineMarkdown(String line) {
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '!' && i + 1 < line.length() && line.charAt(i + 1) == '[') {
                i++;
                continue;
            }
            if (c == '[') {
                int close = line.indexOf(']', i + 1);
                if (close > 0 && close + 1 < line.length() && line.charAt(close + 1) == '(') {
                    int paren = line.indexOf(')', close + 2);
                    if (paren > 0) {
                        out.append(line, i + 1, close);
                        i = paren + 1;
                        continue;
                    }
                }
            }
            if (c == '*' || c == '`' || (c == '_' && isEmphasisUnderscore(line, i))) {
                i++;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isEmphasisUnderscore(String line, int i) {
        boolean wordBefore = i > 0 && Character.isLetterOrDigit(line.charAt(i - 1));
        boolean wordAfter = i + 1 < line.length() && Character.isLetterOrDigit(line.charAt(i + 1));
        return !(wordBefore && wordAfter);
    }
}
