package io.mailtune.retrieval.index;

import java.nio.file.Path;

/**
 * The index directory exists but cannot be opened: corrupt files, a format from another Lucene version, or a
 * different sentence encoder. The message names the directory and the way out ({@code rebuild}).
 */
public final class IndexUnreadableException extends RuntimeException {

    private final Path directory;

    /** Creates the exception for a directory, with the reason it cannot be used. */
    public IndexUnreadableException(Path directory, String reason, Throwable cause) {
        super("knowledge-base index at " + directory.toAbsolutePath() + " cannot be opened: " + reason
                + ". Rebuild it with KnowledgeBase.rebuild(directory, encoder) or `retrieval index --rebuild`, then re-index the sources;"
                + " the unreadable files are kept beside it for inspection", cause);
        this.directory = directory;
    }

    /** The index directory that could not be opened. */
    public Path directory() {
        return directory;
    }
}
