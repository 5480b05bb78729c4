package io.mailtune.demo.brightcart;

/**
 * A demo-company file (a help article or a case-scenario file) that breaks its format; the message names file and line.
 */
public final class MalformedDemoFileException extends IllegalArgumentException {

    private final String source;
    private final int line;

    /** An error at {@code line} (1-based; 0 when it concerns the whole file) of {@code source}. */
    public MalformedDemoFileException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file or resource name the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
