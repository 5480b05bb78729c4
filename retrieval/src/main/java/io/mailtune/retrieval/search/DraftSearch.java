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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The passages a reply is drafted from: the best {@code k} for the whole email, with the other passages of the best
 * public one's article right after it (a help article's answer is often in a section other than the one that matched
 * best), then the best public passages for each of the email's questions searched alone when their article is not
 * yet among them (a second question is often another article's), then the rest; of other articles' public passages
 * only the first {@code k - 1} are kept, so the questions' passages take the places of the weakest hits. Every
 * passage's vector similarity is to the whole email, so matches stay comparable across passages and searches; the
 * article's and the questions' passages have a fused score within their own search.
 */
final class DraftSearch {

    /** The most passages of one article added (a help article has a handful of sections). */
    private static final int ARTICLE_PASSAGES = 20;
    /** Hits looked at per question: its best public one's article's among them are added. */
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
        List<SearchHit> out = new ArrayList<>(hits.subList(0, hits.indexOf(best) + 1));
        Set<String> seen = new HashSet<>();
        Set<String> articles = new HashSet<>();
        out.forEach(h -> seen.add(h.citation().chunkId()));
        out.forEach(h -> articles.add(h.citation().articleId()));
        for (SearchHit h : hybrid.run(searcher, query, vector, filters, article(best), ARTICLE_PASSAGES, SearchMode.HYBRID, fusion)) {
            if (seen.add(h.citation().chunkId())) {
                out.add(h);
            }
        }
        for (String question : questions) {
            List<SearchHit> answers = hybrid.run(searcher, question, encoder.encode(question), filters, QUESTION_HITS,
                    SearchMode.HYBRID, fusion).stream().filter(h -> h.visibility() == Visibility.PUBLIC).toList();
            if (answers.isEmpty() || answers.getFirst().score().vectorSimilarity() < MIN_QUESTION_SIMILARITY
                    || !articles.add(answers.getFirst().citation().articleId())) {
                continue;
            }
            String article = answers.getFirst().citation().articleId();
            for (SearchHit answer : answers) {
                if (!answer.citation().articleId().equals(article)) {
                    continue;
                }
                // Scored again against the whole email, so that its similarity means what the others' do.
                Query chunk = new TermQuery(new Term(IndexFields.CHUNK_ID, answer.citation().chunkId()));
                for (SearchHit h : hybrid.run(searcher, query, vector, filters, chunk, 1, SearchMode.HYBRID, fusion)) {
                    if (seen.add(h.citation().chunkId())) {
                        out.add(h);
                    }
                }
            }
        }
        for (SearchHit h : hits) {
            if (seen.add(h.citation().chunkId())) {
                out.add(h);
            }
        }
        return withOtherArticlesCapped(out, best.citation().articleId(), k - 1);
    }

    /**
     * {@code hits} with the best article's passages and internal ones (which never reach a prompt) all kept, but only
     * the first {@code others} public passages of other articles: the questions' passages come first among them, so
     * they take the places of the weakest hits and the prompt does not grow with the number of questions.
     */
    private static List<SearchHit> withOtherArticlesCapped(List<SearchHit> hits, String bestArticle, int others) {
        List<SearchHit> out = new ArrayList<>();
        int kept = 0;
        for (SearchHit h : hits) {
            boolean other = h.visibility() == Visibility.PUBLIC && !h.citation().articleId().equals(bestArticle);
            if (!other || kept++ < others) {
                out.add(h);
            }
        }
        return out;
    }

    private static Query article(SearchHit best) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.ARTICLE_ID, best.citation().articleId())), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, best.type().indexValue())), BooleanClause.Occur.FILTER)
                .build();
    }
}
