package io.mailtune.demo.brightcart;

import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;
import io.mailtune.retrieval.eval.Evaluation;
import io.mailtune.retrieval.eval.EvaluationReport;
import io.mailtune.retrieval.eval.LabelledQuery;
import io.mailtune.retrieval.eval.RankMetrics;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;
import io.mailtune.retrieval.search.SearchMode;
import io.mailtune.retrieval.source.SourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrightcartRetrievalTest {

    @TempDir
    static Path tmp;

    private static KnowledgeBase kb;

    @BeforeAll
    static void indexDemoArticles() {
        kb = KnowledgeBase.open(tmp.resolve("index"), new MiniLmEncoder());
        kb.indexFolder(DemoArticles.copyTo(tmp.resolve("articles")), "brightcart");
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    @Test
    void theDemoKnowledgeBaseIsScoredInAllThreeModesAndHybridLeadsKeywordSearch() {
        List<LabelledQuery> queries = BrightcartQueries.all();
        EvaluationReport report = new Evaluation(kb, SearchFilters.ofType(SourceType.ARTICLE), 50).run(queries);
        assertEquals(queries.size(), report.outcomes().size());
        RankMetrics bm25 = report.metrics().get(SearchMode.BM25);
        RankMetrics hybrid = report.metrics().get(SearchMode.HYBRID);
        assertTrue(hybrid.mrr() > bm25.mrr(), report.table());
        assertTrue(hybrid.recallAt5() >= 0.9, report.table());
    }

    @Test
    void articlesRankWhereTheirBestPassageDoes() {
        List<String> ranking = Evaluation.articleRanking(kb.search("refund to paypal", SearchFilters.NONE, 50));
        assertEquals(ranking.stream().distinct().count(), ranking.size());
        assertTrue(ranking.size() <= RankMetrics.DEPTH);
        assertEquals("refunds-timeline", ranking.getFirst());
    }
}
