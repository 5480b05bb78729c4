package io.mailtune.ingest.mime;

/** Checks on the raw header section before a MIME parser sees it: line lengths and where the body starts. */
final class HeaderSection {

    private HeaderSection() {
    }

    /**
     * Returns the offset of the first body byte (after the blank line), or the message length when there is no body.
     * Rejects header lines longer than the limit and input whose first line is not a header field.
     */
    static int bodyOffset(byte[] raw, int maxLineBytes) throws RejectedMessageException {
        int start = skipMboxFromLine(raw);
        if (!startsWithFieldName(raw, start)) {
            throw new RejectedMessageException(RejectionReason.MALFORMED, "the first line is not a header field ('"
                    + preview(raw, start) + "')");
        }
        int lineStart = start;
        int lineNo = 1;
        for (int i = start; i < raw.length; i++) {
            if (raw[i] != '\n') {
                continue;
            }
            int length = i - lineStart;
            if (length > maxLineBytes) {
                throw tooLong(raw, lineStart, lineNo, length, maxLineBytes);
            }
            int next = i + 1;
            if (next < raw.length && raw[next] == '\n') {
                return next + 1;
            }
            if (next + 1 < raw.length && raw[next] == '\r' && raw[next + 1] == '\n') {
                return next + 2;
            }
            lineStart = next;
            lineNo++;
        }
        if (raw.length - lineStart > maxLineBytes) {
            throw tooLong(raw, lineStart, lineNo, raw.length - lineStart, maxLineBytes);
        }
        return raw.length;
    }

    /** Importers hand over mbox-style messages that start with an envelope "From " line; it is not a header. */
    static int skipMboxFromLine(byte[] raw) {
        if (raw.length > 5 && raw[0] == 'F' && raw[1] == 'r' && raw[2] == 'o' && raw[3] == 'm' && raw[4] == ' ') {
            for (int i = 5; i < raw.length; i++) {
                if (raw[i] == '\n') {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    private static boolean startsWithFieldName(byte[] raw, int start) {
        int i = start;
        while (i < raw.length && raw[i] > 32 && raw[i] < 127 && raw[i] != ':') {
            i++;
        }
        return i > start && i < raw.length && raw[i] == ':';
    }

    private static RejectedMessageException tooLong(byte[] raw, int lineStart, int lineNo, int length, int max) {
        return new RejectedMessageException(RejectionReason.HEADER_LINE_TOO_LONG, "header line " + lineNo + " ('"
                + preview(raw, lineStart) + "…') is " + length + " bytes; at most " + max + " are accepted");
    }

    private static String preview(byte[] raw, int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < raw.length && out.length() < 40 && raw[i] != '\r' && raw[i] != '\n'; i++) {
            int b = raw[i] & 0xff;
            out.append(b >= 32 && b < 127 ? (char) b : '?');
        }
        return out.toString();
    }
}
