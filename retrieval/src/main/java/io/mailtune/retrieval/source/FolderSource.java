package io.mailtune.retrieval.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** A folder (searched recursively) of Markdown, HTML and plain-text articles. */
public final class FolderSource {

    private final Path folder;
    private final ArticleReader reader;

    /** Creates a source over a folder; nothing is read until {@link #scan()}. */
    public FolderSource(Path folder, ArticleReader reader) {
        if (folder == null) {
            throw new IllegalArgumentException("folder must not be null");
        }
        if (reader == null) {
            throw new IllegalArgumentException("reader must not be null");
        }
        this.folder = folder;
        this.reader = reader;
    }

    /** Reads every article file; files that fail are reported, never thrown, so one bad file never hides the rest. */
    public FolderScan scan() {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("article folder " + folder.toAbsolutePath() + " does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> !Files.isDirectory(p)).filter(ArticleReader::isArticleFile).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot list article folder " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        List<Article> articles = new ArrayList<>();
        List<LoadProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> idToPath = new HashMap<>();
        for (Path file : files) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            seen.add(relative);
            try {
                Article article = reader.read(file, relative);
                String clash = idToPath.putIfAbsent(article.id(), relative);
                if (clash != null) {
                    problems.add(new LoadProblem(file, file + ": article id '" + article.id() + "' is already used by " + clash));
                    continue;
                }
                articles.add(article);
            } catch (ArticleRejectedException e) {
                problems.add(new LoadProblem(file, e.getMessage()));
            }
        }
        return new FolderScan(reader.origin(), articles, problems, seen);
    }

    /** The folder this source reads. */
    public Path folder() {
        return folder;
    }
}
