package io.mailtune.agent.drafting;

import io.mailtune.agent.config.KnowledgeBaseSettings;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.demo.brightcart.DemoArticles;
import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;
import io.mailtune.retrieval.search.SearchHit;
import io.mailtune.retrieval.search.SyncReport;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The knowledge base drafts are grounded in: a folder of articles indexed incrementally at start and again whenever
 * its files change (checked every {@code mailtune.knowledge-base.reindex-interval}), searchable with no restart.
 */
@Startup
@ApplicationScoped
public class KnowledgeBaseHost {

    private static final Logger LOG = Logger.getLogger(KnowledgeBaseHost.class);
    /** The origin the folder is indexed under (deletions are per origin). */
    static final String ORIGIN = "kb";

    private final KnowledgeBaseSettings settings;
    private final StorageSettings storage;
    private KnowledgeBase kb;
    private Path folder;
    private volatile SyncReport lastSync;
    private volatile Instant lastSyncAt;
    private volatile boolean closed;

    KnowledgeBaseHost(KnowledgeBaseSettings settings, StorageSettings storage) {
        this.settings = settings;
        this.storage = storage;
    }

    @PostConstruct
    void start() {
        folder = settings.folder().orElseGet(() -> DemoArticles.copyTo(storage.dataDir().resolve("kb-demo")));
        kb = KnowledgeBase.open(storage.dataDir().resolve("kb-index"), new MiniLmEncoder());
        reindex();
    }

    /** Re-indexes what changed in the folder; returns what it did. */
    public synchronized SyncReport reindex() {
        SyncReport report = kb.indexFolder(folder, ORIGIN);
        if (lastSync == null || report.added() + report.updated() + report.deleted() > 0 || !report.problems().isEmpty()) {
            LOG.infof("knowledge base %s: %s", folder, report.summary());
            report.problems().forEach(p -> LOG.warnf("knowledge base: %s", p));
        }
        lastSync = report;
        lastSyncAt = Instant.now();
        return report;
    }

    @Scheduled(every = "${mailtune.knowledge-base.reindex-interval}", delayed = "${mailtune.knowledge-base.reindex-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (closed) {
            return;
        }
        try {
            reindex();
        } catch (RuntimeException e) {
            LOG.errorf(e, "re-indexing the knowledge base at %s failed; the previous index keeps serving", folder);
        }
    }

    /** The best {@code k} passages for a query. */
    public List<SearchHit> search(String query, int k) {
        return kb.search(query, SearchFilters.NONE, k);
    }

    /** The best {@code k} passages for a query among articles in one language (ISO 639-1). */
    public List<SearchHit> search(String query, String language, int k) {
        return kb.search(query, SearchFilters.NONE.withLanguage(language), k);
    }

    /**
     * The best {@code k} passages to draft from, with the other passages of the best public one's article after it
     * and the article of each of {@code questions} searched alone, k - 1 further passages of other articles at most
     * ({@link KnowledgeBase#searchForDraft}); only articles in {@code language} (ISO 639-1) unless it is null.
     */
    public List<SearchHit> searchForDraft(String query, List<String> questions, String language, int k) {
        return kb.searchForDraft(query, questions,
                language == null ? SearchFilters.NONE : SearchFilters.NONE.withLanguage(language), k);
    }

    /** The folder indexed. */
    public Path folder() {
        return folder;
    }

    /** Passages in the index. */
    public int passages() {
        return kb.chunkCount();
    }

    /** The last re-index's report. */
    public SyncReport lastSync() {
        return lastSync;
    }

    /** When the folder was last checked. */
    public Instant lastSyncAt() {
        return lastSyncAt;
    }

    @PreDestroy
    synchronized void stop() {
        closed = true;
        if (kb != null) {
            kb.close();
        }
    }
}
