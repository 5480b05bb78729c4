package io.mailtune.retrieval.search;

import io.mailtune.retrieval.source.LoadProblem;

import java.util.List;

/**
 * What indexing a folder did.
 *
 * @param origin    the source name
 * @param added     new articles
 * @param updated   changed articles re-indexed
 * @param unchanged articles skipped because their content hash matched
 * @param deleted   articles removed because their file is gone
 * @param chunks    chunks written
 * @param problems  files skipped, with reasons; their previously indexed version, if any, is kept
 */
public record SyncReport(String origin, int added, int updated, int unchanged, int deleted, int chunks, List<LoadProblem> problems) {

    /** Copies the problem list. */
    public SyncReport {
        problems = List.copyOf(problems);
    }

    /** A one-line summary. */
    public String summary() {
        return origin + ": " + added + " added, " + updated + " updated, " + unchanged + " unchanged, " + deleted
                + " deleted, " + chunks + " chunks written, " + problems.size() + " problem(s)";
    }
}
