package io.mailtune.retrieval.search;

/** What indexing one article did. */
public enum IndexOutcome {
    /** The article was new. */
    ADDED,
    /** The article's content changed and its chunks were replaced. */
    UPDATED,
    /** The content hash matched: nothing was encoded or written. */
    UNCHANGED
}
