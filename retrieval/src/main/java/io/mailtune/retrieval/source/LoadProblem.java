package io.mailtune.retrieval.source;

import java.nio.file.Path;

/**
 * A file that was skipped while reading a source, and why; whatever was indexed from it before stays indexed.
 *
 * @param file   the file
 * @param reason what went wrong, naming the file
 */
public record LoadProblem(Path file, String reason) {

    /** Validates both fields. */
    public LoadProblem {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }
}
