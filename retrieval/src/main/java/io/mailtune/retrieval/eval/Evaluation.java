package io.mailtune.retrieval.eval;

import io.mailtune.retrieval.search.Fusion;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;
import io.mailtune.retrieval.search.SearchHit;
import io.mailtune.retrieval.search.SearchMode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a labelled query set against a knowledge base in BM25, vector and hybrid mode. Passages are ranked and then
 * collapsed to articles (an article ranks where its best passage does), because the label is the article.
 */
public final class Evaluation {

    private final KnowledgeBase knowledgeBase;
    private final SearchFilters filters;
    private final int passages;

    /**
     * Creates an evaluation.
     *
     * @param knowledgeBase the indexed knowledge base
     * @param filters       filters applied to every query (e.g. only help articles)
     * @param passages      passages retrieved per query before collapsing to articles
     */
    public Evaluation(KnowledgeBase knowledgeBase, SearchFilters filters, int passages) {
        if (knowledgeBase == null || filters == null) {
            throw new IllegalArgumentException("knowledgeBase and filters must not be null");
        }
        if (passages < RankMetrics.DEPTH) {
            throw new IllegalArgumentException("passages must be at least " + RankMetrics.DEPTH + ", was " + passages);
        }
        this.knowledgeBase = knowledgeBase;
        this.filters = filters;
        this.passages = passages;
    }

    /** Scores every query in every mode with the knowledge base's configured fusion. */
    public EvaluationReport run(List<LabelledQuery> queries) {
        return run(queries, knowledgeBase.config().fusion(), encodeAll(queries));
    }

    /** Query vectors for a set, computed once so several fusion settings can be compared on the same encodings. */
    public List<float[]> encodeAll(List<LabelledQuery> queries) {
        return queries.stream().map(q -> knowledgeBase.encodeQuery(q.query())).toList();
    }

    /** Scores every query in every mode with the given fusion and precomputed query vectors. */
    public EvaluationReport run(List<LabelledQuery> queries, Fusion fusion, List<float[]> vectors) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("the query set is empty");
        }
        if (vectors.size() != queries.size()) {
            throw new IllegalArgumentException(queries.size() + " queries but " + vectors.size() + " vectors");
        }
        Map<SearchMode, List<Integer>> ranks = new EnumMap<>(SearchMode.class);
        List<QueryOutcome> outcomes = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            LabelledQuery q = queries.get(i);
            Map<SearchMode, Integer> queryRanks = new EnumMap<>(SearchMode.class);
            Map<SearchMode, List<String>> rankings = new EnumMap<>(SearchMode.class);
            for (SearchMode mode : SearchMode.values()) {
                List<SearchHit> hits = knowledgeBase.search(q.query(), vectors.get(i), filters, passages, mode, fusion);
                List<String> articles = articleRanking(hits);
                int rank = articles.indexOf(q.articleId()) + 1;
                queryRanks.put(mode, rank);
                rankings.put(mode, articles);
                ranks.computeIfAbsent(mode, m -> new ArrayList<>()).add(rank);
            }
            outcomes.add(new QueryOutcome(q, queryRanks, rankings));
        }
        Map<SearchMode, RankMetrics> metrics = new EnumMap<>(SearchMode.class);
        ranks.forEach((mode, list) -> metrics.put(mode, RankMetrics.of(list)));
        return new EvaluationReport(metrics, outcomes);
    }

    /** Distinct article ids in order of their best passage, cut at {@link RankMetrics#DEPTH}. */
    public static List<String> articleRanking(List<SearchHit> hits) {
        Set<String> seen = new LinkedHashSet<>();
        for (SearchHit hit : hits) {
            seen.add(hit.citation().articleId());
            if (seen.size() == RankMetrics.DEPTH) {
                break;
            }
        }
        return List.copyOf(seen);
    }
}
