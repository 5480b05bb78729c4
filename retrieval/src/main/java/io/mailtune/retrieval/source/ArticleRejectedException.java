package io.mailtune.retrieval.source;

/** An article file that cannot be indexed; the message says which file and why, in words a support admin can act on. */
public final class ArticleRejectedException extends Exception {

    /** Creates the exception with a message that names the file. */
    public ArticleRejectedException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the file and the underlying failure. */
    public ArticleRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
