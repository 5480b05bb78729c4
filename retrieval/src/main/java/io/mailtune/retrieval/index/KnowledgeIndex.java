package io.mailtune.retrieval.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The on-disk Lucene index of chunks with near-real-time search. Writes go through one {@link IndexWriter}; searches
 * take a point-in-time searcher from a {@link SearcherManager} and never wait for writes. A background thread reopens
 * the searcher at most {@value #MAX_STALE_SECONDS} s after a change; a crash between commits loses only uncommitted
 * changes, because Lucene publishes a commit by atomically writing a new {@code segments_N} file.
 */
public final class KnowledgeIndex implements Closeable {

    /** Longest time a change waits before searches see it, when nobody asks for a refresh. */
    public static final double MAX_STALE_SECONDS = 0.5;

    private static final String PIPELINE_KEY = "mailtune.pipeline";
    private static final Set<String> IGNORED_FILES = Set.of("write.lock");

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;

    private KnowledgeIndex(Path path, Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, MAX_STALE_SECONDS, 0.01);
        reopener.setName("knowledge-index-reopen " + path.getFileName());
        reopener.setDaemon(true);
        reopener.start();
    }

    /**
     * Opens the index at a directory, creating it when the directory is missing or empty.
     *
     * @param path                the index directory
     * @param analyzer            analyser for the BM25 fields
     * @param pipelineFingerprint analyser, chunking and encoder identity; an index built with another is refused
     * @throws IndexUnreadableException when the directory holds a corrupt or foreign index
     */
    public static KnowledgeIndex open(Path path, Analyzer analyzer, String pipelineFingerprint) {
        Directory directory = null;
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            boolean exists = DirectoryReader.indexExists(directory);
            if (exists) {
                checkReadable(path, directory, pipelineFingerprint);
            } else if (hasStrayFiles(directory)) {
                throw new IndexUnreadableException(path, "the directory holds files " + Arrays.toString(directory.listAll())
                        + " but no Lucene commit (segments_N)", null);
            }
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64)
                    .setCommitOnClose(true);
            IndexWriter writer = new IndexWriter(directory, config);
            writer.setLiveCommitData(Map.of(PIPELINE_KEY, pipelineFingerprint).entrySet());
            if (!exists) {
                writer.commit();
            }
            SearcherManager searchers = new SearcherManager(writer, true, false, null);
            return new KnowledgeIndex(path, directory, writer, searchers);
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new IllegalStateException("knowledge-base index at " + path.toAbsolutePath()
                    + " is open for writing in another process (" + e.getMessage() + "); close that process first", e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                 | NoSuchFileException | FileNotFoundException e) {
            closeQuietly(directory);
            throw new IndexUnreadableException(path, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (IndexUnreadableException e) {
            closeQuietly(directory);
            throw e;
        } catch (IOException e) {
            closeQuietly(directory);
            throw new UncheckedIOException("cannot open knowledge-base index at " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Reads the latest commit and every segment header, so corruption shows at open and not at the first query. */
    private static void checkReadable(Path path, Directory directory, String pipelineFingerprint) throws IOException {
        SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
        String built = commit.getUserData().get(PIPELINE_KEY);
        if (built != null && !built.equals(pipelineFingerprint)) {
            throw new IndexUnreadableException(path, "it was built by pipeline '" + built + "' but this one is '"
                    + pipelineFingerprint + "' (another encoder, analyzer or chunking)", null);
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            reader.leaves().forEach(leaf -> leaf.reader().getFieldInfos());
        }
    }

    private static boolean hasStrayFiles(Directory directory) throws IOException {
        return Stream.of(directory.listAll()).anyMatch(name -> !IGNORED_FILES.contains(name) && !name.startsWith("."));
    }

    /** Replaces all chunks of an article atomically (searches see the old or the new version, never a mix). */
    public long replaceArticle(String key, List<Document> chunks) throws IOException {
        return writer.updateDocuments(new Term(IndexFields.KEY, key), chunks);
    }

    /** Deletes all chunks of an article. */
    public long deleteArticle(String key) throws IOException {
        return writer.deleteDocuments(new Term(IndexFields.KEY, key));
    }

    /** Makes every change so far visible to new searches now, instead of within {@link #MAX_STALE_SECONDS}. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Makes every change so far durable: after a crash the index reopens in this state. */
    public void commit() throws IOException {
        writer.commit();
    }

    /** A point-in-time searcher; give it back with {@link #release}. */
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    /** Returns a searcher taken with {@link #acquire}. */
    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** The articles of one origin as currently indexed, by key. */
    public Map<String, IndexedArticle> articles(String origin) throws IOException {
        return heads(new Term(IndexFields.ORIGIN, origin));
    }

    /** The indexed article with this key, or null. */
    public IndexedArticle article(String key) throws IOException {
        return heads(new Term(IndexFields.KEY, key)).get(key);
    }

    private Map<String, IndexedArticle> heads(Term match) throws IOException {
        refresh();
        IndexSearcher searcher = acquire();
        try {
            BooleanQuery query = new BooleanQuery.Builder()
                    .add(new TermQuery(match), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.HEAD, "1")), BooleanClause.Occur.FILTER)
                    .build();
            int count = searcher.count(query);
            Map<String, IndexedArticle> out = new HashMap<>();
            if (count == 0) {
                return out;
            }
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
                Document doc = stored.document(hit.doc, Set.of(IndexFields.KEY, IndexFields.ARTICLE_ID, IndexFields.PATH, IndexFields.HASH));
                out.put(doc.get(IndexFields.KEY), new IndexedArticle(doc.get(IndexFields.KEY), doc.get(IndexFields.ARTICLE_ID),
                        doc.get(IndexFields.PATH), doc.get(IndexFields.HASH)));
            }
            return out;
        } finally {
            release(searcher);
        }
    }

    /** Merges all segments into one and commits: search then walks one HNSW graph instead of one per segment. */
    public void compact() throws IOException {
        writer.forceMerge(1);
        writer.commit();
        refresh();
    }

    /** Number of segments in the searchable view. */
    public int segmentCount() throws IOException {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            release(searcher);
        }
    }

    /** The index directory. */
    public Path path() {
        return path;
    }

    /** Waits for merges, commits what is pending and closes; the index reopens in this state. */
    @Override
    public void close() throws IOException {
        reopener.close();
        try {
            searchers.close();
            writer.close();
        } finally {
            directory.close();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // Already failing with a clearer error; a second one about closing would only hide it.
        }
    }
}
