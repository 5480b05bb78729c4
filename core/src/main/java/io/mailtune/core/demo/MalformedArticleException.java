package io.mailtune.core.demo;

/** An article file whose front matter or body breaks the knowledge-base format; the message names file and line. */
public final class MalformedArticleException extends IllegalArgumentException {

    private final String source;
    private final int line;

    /** An error at {@code line} (1-based; 0 when it concerns the whole file) of {@code source}. */
    public MalformedArticleException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file or resource name the article came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
