package io.mailtune.ingest.reply;

/** Lines quoted with "&gt;" markers, as text clients write them and as HtmlText writes blockquotes. */
final class Quoting {

    private Quoting() {
    }

    /** True when the line starts, after spaces, with "&gt;". */
    static boolean isQuoted(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '>') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return false;
    }

    /** The line without its quote markers and the space after them. */
    static String content(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '>' || line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(i);
    }
}
