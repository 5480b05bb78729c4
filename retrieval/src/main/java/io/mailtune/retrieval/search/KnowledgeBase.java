package io.mailtune.retrieval.search;

import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.retrieval.chunk.Chunk;
import io.mailtune.retrieval.chunk.Chunker;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.index.ChunkDocuments;
import io.mailtune.retrieval.index.IndexFields;
import io.mailtune.retrieval.index.IndexedArticle;
import io.mailtune.retrieval.index.KnowledgeIndex;
import io.mailtune.retrieval.index.TextAnalysis;
import io.mailtune.retrieval.source.ApprovedReplyArticles;
import io.mailtune.retrieval.source.Article;
import io.mailtune.retrieval.source.ArticleReader;
import io.mailtune.retrieval.source.FolderScan;
import io.mailtune.retrieval.source.FolderSource;
import io.mailtune.retrieval.source.LoadProblem;
import io.mailtune.retrieval.source.SourceType;
import io.mailtune.retrieval.source.Visibility;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The knowledge base the agent drafts from: help articles and approved replies, chunked, indexed on disk with BM25
 * and HNSW vectors, searched by hybrid rank fusion. Thread-safe; searches never wait for indexing, and a change is
 * searchable when the indexing call returns (other threads' changes within {@link KnowledgeIndex#MAX_STALE_SECONDS} s).
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(dir, new MiniLmEncoder())) {
 *     kb.indexFolder(articles, "help-centre");
 *     List<SearchHit> hits = kb.search("how do i get my money back", SearchFilters.NONE, 5);
 *     Citation cite = hits.getFirst().citation();
 * }
 * }</pre>
 */
public final class KnowledgeBase implements Closeable {

    /** Changes are committed at least every this many articles during a folder sync, bounding work lost to a crash. */
    private static final int COMMIT_EVERY_ARTICLES = 200;
    private static final int SCHEMA_VERSION = 3;

    private final SentenceEncoder encoder;
    private final RetrievalConfig config;
    private final Analyzer analyzer;
    private final KnowledgeIndex index;
    private final Chunker chunker;
    private final HybridSearch hybrid;
    private final DraftSearch drafting;
    private final String fingerprint;
    private final Object writeLock = new Object();

    private KnowledgeBase(Path directory, SentenceEncoder encoder, RetrievalConfig config) {
        this.encoder = encoder;
        this.config = config;
        this.analyzer = TextAnalysis.analyzer(config.analyzer());
        this.fingerprint = pipelineFingerprint(encoder, config);
        this.chunker = new Chunker(config.chunking());
        this.hybrid = new HybridSearch(analyzer, config.candidates());
        this.drafting = new DraftSearch(hybrid, config.fusion(), encoder);
        try {
            this.index = KnowledgeIndex.open(directory, analyzer, fingerprint);
        } catch (RuntimeException e) {
            analyzer.close();
            throw e;
        }
    }

    /** Opens (or creates) the knowledge base at a directory with default settings. */
    public static KnowledgeBase open(Path directory, SentenceEncoder encoder) {
        return open(directory, encoder, RetrievalConfig.DEFAULT);
    }

    /**
     * Opens (or creates) the knowledge base at a directory.
     *
     * @throws io.mailtune.retrieval.index.IndexUnreadableException when the directory holds a corrupt index or one
     *                                                              built with another encoder, analyser or chunking
     */
    public static KnowledgeBase open(Path directory, SentenceEncoder encoder, RetrievalConfig config) {
        if (directory == null) {
            throw new IllegalArgumentException("directory must not be null");
        }
        if (encoder == null) {
            throw new IllegalArgumentException("encoder must not be null");
        }
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new KnowledgeBase(directory, encoder, config);
    }

    /**
     * Moves an unreadable index aside (to {@code <dir>.unreadable-<epoch-ms>}, kept for inspection) and opens a new,
     * empty one in its place; re-index the sources afterwards.
     */
    public static KnowledgeBase rebuild(Path directory, SentenceEncoder encoder, RetrievalConfig config) {
        if (Files.exists(directory)) {
            Path aside = directory.resolveSibling(directory.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
            try {
                Files.move(directory, aside);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move " + directory.toAbsolutePath() + " aside to " + aside + ": " + e.getMessage(), e);
            }
        }
        return open(directory, encoder, config);
    }

    /** Identity of everything that shapes the index; an index built with a different one is refused at open. */
    static String pipelineFingerprint(SentenceEncoder encoder, RetrievalConfig config) {
        return "schema:" + SCHEMA_VERSION + "|analyzer:" + config.analyzer() + "|" + config.chunking().fingerprint()
                + "|encoder:" + encoder.name() + "/" + encoder.dimensions();
    }

    /** A reader for article files that hashes them with this knowledge base's pipeline. */
    public ArticleReader articleReader(String origin) {
        return new ArticleReader(origin, config.defaultLanguage(), config.maxFileBytes(), config.maxTextChars(), fingerprint);
    }

    /**
     * Brings the index in line with a folder: new and changed files are indexed, unchanged ones skipped by content
     * hash, articles whose file is gone deleted. A file that fails to read is reported and its previous version kept.
     * Commits when done.
     *
     * @param folder the article folder, searched recursively
     * @param origin the source's name, e.g. {@code demo} or {@code customer}; deletions only touch this origin
     */
    public SyncReport indexFolder(Path folder, String origin) {
        FolderScan scan = new FolderSource(folder, articleReader(origin)).scan();
        synchronized (writeLock) {
            try {
                Map<String, IndexedArticle> existing = index.articles(origin);
                Set<String> parsedPaths = scan.articles().stream().map(Article::path).collect(Collectors.toSet());
                Set<String> failedPaths = new HashSet<>(scan.seenPaths());
                failedPaths.removeAll(parsedPaths);
                int added = 0;
                int updated = 0;
                int unchanged = 0;
                int chunks = 0;
                int sinceCommit = 0;
                List<LoadProblem> problems = new ArrayList<>(scan.problems());
                Set<String> keys = new HashSet<>();
                for (Article article : scan.articles()) {
                    keys.add(article.key());
                    IndexedArticle before = existing.get(article.key());
                    if (before != null && article.contentHash().equals(before.contentHash())) {
                        unchanged++;
                        continue;
                    }
                    chunks += write(article);
                    if (before == null) {
                        added++;
                    } else {
                        updated++;
                    }
                    if (++sinceCommit >= COMMIT_EVERY_ARTICLES) {
                        index.commit();
                        sinceCommit = 0;
                    }
                }
                int deleted = 0;
                for (IndexedArticle old : existing.values()) {
                    if (!keys.contains(old.key()) && !failedPaths.contains(old.path())) {
                        index.deleteArticle(old.key());
                        deleted++;
                    }
                }
                index.refresh();
                index.commit();
                return new SyncReport(origin, added, updated, unchanged, deleted, chunks, problems);
            } catch (IOException e) {
                throw new UncheckedIOException("indexing " + folder + " into " + index.path() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Adds or replaces one article; it is searchable when this returns. Call {@link #commit()} to make it durable. */
    public IndexOutcome index(Article article) {
        synchronized (writeLock) {
            try {
                IndexedArticle before = index.article(article.key());
                if (before != null && before.contentHash().equals(article.contentHash())) {
                    return IndexOutcome.UNCHANGED;
                }
                write(article);
                index.refresh();
                return before == null ? IndexOutcome.ADDED : IndexOutcome.UPDATED;
            } catch (IOException e) {
                throw new UncheckedIOException("indexing article " + article.id() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Adds or replaces an approved reply as a searchable {@link SourceType#APPROVED_REPLY} passage, and commits. */
    public IndexOutcome indexReply(ApprovedReply reply) {
        IndexOutcome outcome = index(new ApprovedReplyArticles(config.defaultLanguage(), fingerprint).toArticle(reply));
        commit();
        return outcome;
    }

    /** Removes an article of one origin by id; true when it was indexed. Searchable immediately; commit to persist. */
    public boolean delete(SourceType type, String origin, String articleId) {
        String key = Article.key(type, origin, articleId);
        synchronized (writeLock) {
            try {
                boolean present = index.article(key) != null;
                index.deleteArticle(key);
                index.refresh();
                return present;
            } catch (IOException e) {
                throw new UncheckedIOException("deleting " + key + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Removes an approved reply (e.g. withdrawn by staff) and commits; true when it was indexed. */
    public boolean removeReply(String replyId) {
        boolean present = delete(SourceType.APPROVED_REPLY, ApprovedReplyArticles.ORIGIN, replyId);
        commit();
        return present;
    }

    /** Makes every change so far durable. */
    public void commit() {
        synchronized (writeLock) {
            try {
                index.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("committing " + index.path() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Hybrid search: the best {@code k} passages for a customer's words. */
    public List<SearchHit> search(String query, SearchFilters filters, int k) {
        return search(query, filters, k, SearchMode.HYBRID);
    }

    /** Search with a chosen retriever (for evaluation and explanation). */
    public List<SearchHit> search(String query, SearchFilters filters, int k, SearchMode mode) {
        requireQuery(query);
        float[] vector = mode == SearchMode.BM25 ? null : encodeQuery(query);
        return search(query, vector, filters, k, mode);
    }

    /**
     * Search with a query vector computed beforehand by {@link #encodeQuery}, so callers can time or cache encoding;
     * the vector may be null in {@link SearchMode#BM25}.
     */
    public List<SearchHit> search(String query, float[] queryVector, SearchFilters filters, int k, SearchMode mode) {
        return search(query, queryVector, filters, k, mode, config.fusion());
    }

    /** Search with fusion weights other than the configured ones (for tuning them: fusion needs no re-index). */
    public List<SearchHit> search(String query, float[] queryVector, SearchFilters filters, int k, SearchMode mode, Fusion fusion) {
        requireQuery(query);
        if (filters == null || mode == null || fusion == null) {
            throw new IllegalArgumentException("filters and mode must not be null (use SearchFilters.NONE for none)");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (queryVector != null && queryVector.length != encoder.dimensions()) {
            throw new IllegalArgumentException("query vector has " + queryVector.length + " dimensions, the index " + encoder.dimensions());
        }
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return hybrid.run(searcher, query, queryVector, filters, k, mode, fusion);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching " + index.path() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Hybrid search for drafting ({@link DraftSearch}): the best {@code k} passages, with the other passages of the best
     * public one's article right after it, then for each of {@code questions} searched alone ({@link EmailQuestions#of})
     * whose best hit is of an article not yet among them that article's passages, best answer first, then the rest,
     * of which only the first {@code k - 1} public passages of other articles are kept.
     */
    public List<SearchHit> searchForDraft(String query, List<String> questions, SearchFilters filters, int k) {
        requireQuery(query);
        if (filters == null) {
            throw new IllegalArgumentException("filters must not be null (use SearchFilters.NONE for none)");
        }
        if (questions == null) {
            throw new IllegalArgumentException("questions must not be null (use List.of() for none)");
        }
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return drafting.run(searcher, query, questions, filters, k);
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching " + index.path() + " failed: " + e.getMessage(), e);
        }
    }

    /** The query's sentence vector. */
    public float[] encodeQuery(String query) {
        requireQuery(query);
        return encoder.encode(query);
    }

    /** Number of passages currently searchable. */
    public int chunkCount() {
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of articles of one origin currently searchable. */
    public int articleCount(String origin) {
        try {
            IndexSearcher searcher = index.acquire();
            try {
                return searcher.count(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexFields.ORIGIN, origin)), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(IndexFields.HEAD, "1")), BooleanClause.Occur.FILTER)
                        .build());
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges the index into one segment and commits. Slow (HNSW graphs are rebuilt) but searches get faster, since each
     * segment is searched separately; worth it after a bulk load, not after every change.
     */
    public void compact() {
        synchronized (writeLock) {
            try {
                index.compact();
            } catch (IOException e) {
                throw new UncheckedIOException("compacting " + index.path() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Number of index segments searches currently walk. */
    public int segmentCount() {
        try {
            return index.segmentCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings this knowledge base runs with. */
    public RetrievalConfig config() {
        return config;
    }

    /** Commits pending changes and closes the index. */
    @Override
    public void close() {
        synchronized (writeLock) {
            try {
                index.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing " + index.path() + " failed: " + e.getMessage(), e);
            } finally {
                analyzer.close();
            }
        }
    }

    private int write(Article article) throws IOException {
        List<Chunk> chunks = chunker.chunk(article);
        List<String> texts = chunks.stream().map(c -> ChunkDocuments.embeddingText(article, c)).toList();
        List<float[]> vectors = encoder.encodeAll(texts);
        index.replaceArticle(article.key(), ChunkDocuments.build(article, chunks, vectors));
        return chunks.size();
    }

    private static void requireQuery(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank");
        }
    }
}
