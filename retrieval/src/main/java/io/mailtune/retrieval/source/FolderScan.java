package io.mailtune.retrieval.source;

import java.util.List;
import java.util.Set;

/**
 * The outcome of reading a folder of articles.
 *
 * @param origin   the source name the articles carry
 * @param articles the articles that parsed
 * @param problems files that were skipped, with reasons
 * @param seenPaths relative paths of every article file present, parsed or not; indexed articles whose file is gone are deletions
 */
public record FolderScan(String origin, List<Article> articles, List<LoadProblem> problems, Set<String> seenPaths) {

    /** Copies the lists. */
    public FolderScan {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
        seenPaths = Set.copyOf(seenPaths);
    }
}
