package io.mailtune.retrieval.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads labelled query files: one {@code article-id TAB query} per line, {@code #} comments and blank lines ignored. */
public final class QuerySet {

    private QuerySet() {
    }

    /** Reads a query file. */
    public static List<LabelledQuery> read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read query file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses query-file text; a malformed line is an error naming the source and line number. */
    public static List<LabelledQuery> parse(String source, String text) {
        List<LabelledQuery> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 'article-id<TAB>query', got '" + line + "'");
            }
            out.add(new LabelledQuery(line.substring(tab + 1).strip(), line.substring(0, tab).strip()));
        }
        return out;
    }
}
