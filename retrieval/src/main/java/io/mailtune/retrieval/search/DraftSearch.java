package io.mailtune.retrieval.search;

import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.index.IndexFields;
import io.mailtune.retrieval.source.Visibility;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The passages a reply is drafted from: the best {@code k} for the whole email, with the other passages of the best
 * public one's article right after it (a help article's answer is often in a section other than the one that matched
 * best), then, for each of the email's questions searched alone whose best public hit is of an article not yet among
 * them (a second question is often another article's), every passage of that article, the best answer to the
 * question first (its answer is often in a section the question's words do not find), then the rest, of which (other
 * articles' public passages the whole email found) only the first {@code k - 1} are kept. Every passage's
 * vector similarity is to the whole email, so matches stay comparable across passages and searches; the passages of
 * the best and the questions' articles have a fused score within their article's search for the whole email.
 */
final class DraftSearch {

    /** The most passages of one article added (a help article has a handful of sections). */
    private static final int ARTICLE_PASSAGES = 20;
    /** Hits looked at per question: the best public one names the question's article. */
    private static final int QUESTION_HITS = 3;
    /** A sentence whose best passage is less similar than this matched nothing (a thanks, "what do I do?"). */
    private static final double MIN_QUESTION_SIMILARITY = 0.40;

    private final HybridSearch hybrid;
    private final Fusion fusion;
    private final SentenceEncoder encoder;

    DraftSearch(HybridSearch hybrid, Fusion fusion, SentenceEncoder encoder) {
        this.hybrid = hybrid;
        this.fusion = fusion;
        this.encoder = encoder;
    }

    List<SearchHit> run(IndexSearcher searcher, String query, List<String> questions, SearchFilters filters, int k)
            throws IOException {
        float[] vector = encoder.encode(query);
        List<SearchHit> hits = hybrid.run(searcher, query, vector, filters, k, SearchMode.HYBRID, fusion);
        // Internal articles never reach a reply, so the article expanded is the best one a customer may see.
        SearchHit best = hits.stream().filter(h -> h.visibility() == Visibility.PUBLIC).findFirst().orElse(null);
        if (best == null) {
            return hits;
        }
        List<SearchHit> kept = new ArrayList<>(hits.subList(0, hits.indexOf(best) + 1));
        Set<String> seen = new HashSet<>();
        kept.forEach(h -> seen.add(h.citation().chunkId()));
        Set<String> articles = new HashSet<>();
        kept.forEach(h -> articles.add(h.citation().articleId()));
        for (SearchHit h : articlePassages(searcher, query, vector, filters, best)) {
            if (seen.add(h.citation().chunkId())) {
                kept.add(h);
            }
        }
        for (String question : questions) {
            float[] questionVector = encoder.encode(question);
            List<SearchHit> answers = hybrid.run(searcher, question, questionVector, filters, QUESTION_HITS,
                    SearchMode.HYBRID, fusion).stream().filter(h -> h.visibility() == Visibility.PUBLIC).toList();
            if (answers.isEmpty() || answers.getFirst().score().vectorSimilarity() < MIN_QUESTION_SIMILARITY
                    || !articles.add(answers.getFirst().citation().articleId())) {
                continue;
            }
            // The article's passages in the order they answer the question, each scored against the whole email (so
            // that its similarity means what the others' do), wherever they ranked in the search over all.
            Map<String, SearchHit> againstEmail = new HashMap<>();
            for (SearchHit h : articlePassages(searcher, query, vector, filters, answers.getFirst())) {
                againstEmail.put(h.citation().chunkId(), h);
            }
            for (SearchHit answer : articlePassages(searcher, question, questionVector, filters, answers.getFirst())) {
                SearchHit h = againstEmail.get(answer.citation().chunkId());
                if (h != null && seen.add(h.citation().chunkId())) {
                    kept.add(h);
                }
            }
        }
        // Of the rest, internal passages (which never reach a prompt) are all kept, other public ones up to k - 1.
        int others = 0;
        for (SearchHit h : hits) {
            if (seen.add(h.citation().chunkId()) && (h.visibility() != Visibility.PUBLIC || others++ < k - 1)) {
                kept.add(h);
            }
        }
        return kept;
    }

    /** The passages of {@code hit}'s article, ranked for {@code text}. */
    private List<SearchHit> articlePassages(IndexSearcher searcher, String text, float[] vector, SearchFilters filters,
                                            SearchHit hit) throws IOException {
        return hybrid.run(searcher, text, vector, filters, article(hit), ARTICLE_PASSAGES, SearchMode.HYBRID, fusion);
    }

    private static Query article(SearchHit best) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.ARTICLE_ID, best.citation().articleId())), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, best.type().indexValue())), BooleanClause.Occur.FILTER)
                .build();
    }
}
