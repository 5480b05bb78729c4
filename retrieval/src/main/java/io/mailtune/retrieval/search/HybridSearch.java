package io.mailtune.retrieval.search;

import io.mailtune.core.reply.Citation;
import io.mailtune.retrieval.index.IndexFields;
import io.mailtune.retrieval.source.SourceType;
import io.mailtune.retrieval.source.Visibility;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One search over a point-in-time searcher: BM25 and/or kNN candidates, fused by rank, highlighted, loaded. */
final class HybridSearch {

    /** At most this many distinct query words are searched; a pasted email must not exceed Lucene's clause limit. */
    private static final int MAX_QUERY_TERMS = 256;
    private static final float TITLE_BOOST = 0.5f;
    private static final float HEADING_BOOST = 0.5f;
    private static final int HIGHLIGHT_MAX_CHARS = 10_000;
    private static final int MIN_FUZZY_LENGTH = 4;
    private static final int TWO_EDIT_LENGTH = 7;
    private static final int FUZZY_EXPANSIONS = 10;
    private static final Pattern MARKED = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Set<String> LOADED_FIELDS = Set.of(
            IndexFields.ARTICLE_ID, IndexFields.CHUNK_ID, IndexFields.TYPE, IndexFields.PRODUCT, IndexFields.LANGUAGE,
            IndexFields.TITLE, IndexFields.HEADING, IndexFields.ANCHOR, IndexFields.URL, IndexFields.UPDATED_AT,
            IndexFields.KEY_INSTRUCTION, IndexFields.VISIBILITY, IndexFields.BODY);

    private final Analyzer analyzer;
    private final int candidates;

    HybridSearch(Analyzer analyzer, int candidates) {
        this.analyzer = analyzer;
        this.candidates = candidates;
    }

    /** Runs the search; {@code queryVector} may be null only in {@link SearchMode#BM25}. */
    List<SearchHit> run(IndexSearcher searcher, String query, float[] queryVector, SearchFilters filters, int k, SearchMode mode,
                         Fusion fusion) throws IOException {
        return run(searcher, query, queryVector, filters, null, k, mode, fusion);
    }

    /** Runs the search over the passages {@code restrict} also matches (all of them when it is null). */
    List<SearchHit> run(IndexSearcher searcher, String query, float[] queryVector, SearchFilters filters, Query restrict, int k,
                        SearchMode mode, Fusion fusion) throws IOException {
        int n = Math.max(candidates, k);
        Query filter = filters.toQuery();
        if (restrict != null) {
            filter = filter == null ? restrict : new BooleanQuery.Builder()
                    .add(filter, BooleanClause.Occur.FILTER)
                    .add(restrict, BooleanClause.Occur.FILTER)
                    .build();
        }
        Map<Integer, Candidate> byDoc = new HashMap<>();
        Query keywordQuery = mode == SearchMode.VECTOR ? null : keywordQuery(searcher, query);
        if (keywordQuery != null) {
            Query scored = filter == null ? keywordQuery : new BooleanQuery.Builder()
                    .add(keywordQuery, BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER)
                    .build();
            ScoreDoc[] hits = searcher.search(scored, n).scoreDocs;
            for (int i = 0; i < hits.length; i++) {
                Candidate c = byDoc.computeIfAbsent(hits[i].doc, Candidate::new);
                c.bm25Rank = i + 1;
                c.bm25Score = hits[i].score;
            }
        }
        if (mode != SearchMode.BM25) {
            if (queryVector == null) {
                throw new IllegalArgumentException("a query vector is needed for " + mode + " search");
            }
            ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, queryVector, n, filter), n).scoreDocs;
            for (int i = 0; i < hits.length; i++) {
                Candidate c = byDoc.computeIfAbsent(hits[i].doc, Candidate::new);
                c.vectorRank = i + 1;
                // Lucene scores DOT_PRODUCT as (1 + cos) / 2; report the cosine itself.
                c.vectorSimilarity = 2 * hits[i].score - 1;
            }
        }
        double bm25Weight = mode == SearchMode.VECTOR ? 0 : fusion.bm25Weight();
        double vectorWeight = mode == SearchMode.BM25 ? 0 : fusion.vectorWeight();
        for (Candidate c : byDoc.values()) {
            c.fused = fusion.contribution(bm25Weight, c.bm25Rank) + fusion.contribution(vectorWeight, c.vectorRank);
        }
        List<Candidate> ranked = byDoc.values().stream()
                .filter(c -> c.fused > 0)
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.fused).thenComparingInt(c -> c.doc))
                .limit(k)
                .toList();
        return load(searcher, keywordQuery, ranked);
    }

    /**
     * Per distinct analysed word: body, title and heading term queries, summed (BM25 per field). A word no passage
     * contains is most likely misspelt ("pasword", "adress"), so it also matches indexed words within one or two
     * edits; known words are never expanded, which keeps the cost to the rare typo.
     */
    Query keywordQuery(IndexSearcher searcher, String query) throws IOException {
        Set<String> terms = analyse(query);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String term : terms) {
            Term bodyTerm = new Term(IndexFields.BODY, term);
            if (term.length() >= MIN_FUZZY_LENGTH && searcher.getIndexReader().docFreq(bodyTerm) == 0) {
                int edits = term.length() >= TWO_EDIT_LENGTH ? 2 : 1;
                builder.add(new FuzzyQuery(bodyTerm, edits, 1, FUZZY_EXPANSIONS, true), BooleanClause.Occur.SHOULD);
                continue;
            }
            builder.add(new TermQuery(bodyTerm), BooleanClause.Occur.SHOULD);
            builder.add(new BoostQuery(new TermQuery(new Term(IndexFields.TITLE, term)), TITLE_BOOST), BooleanClause.Occur.SHOULD);
            builder.add(new BoostQuery(new TermQuery(new Term(IndexFields.HEADING, term)), HEADING_BOOST), BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    private Set<String> analyse(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(IndexFields.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a query string cannot do I/O", e);
        }
        return terms;
    }

    private List<SearchHit> load(IndexSearcher searcher, Query keywordQuery, List<Candidate> ranked) throws IOException {
        if (ranked.isEmpty()) {
            return List.of();
        }
        String[] highlights = new String[ranked.size()];
        if (keywordQuery != null) {
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                    .withFormatter(new DefaultPassageFormatter("**", "**", " … ", false))
                    .withMaxLength(HIGHLIGHT_MAX_CHARS)
                    .withHighlightPhrasesStrictly(false)
                    .build();
            int[] docs = ranked.stream().mapToInt(c -> c.doc).toArray();
            Map<String, String[]> found = highlighter.highlightFields(new String[] {IndexFields.BODY}, keywordQuery, docs, new int[] {2});
            highlights = found.get(IndexFields.BODY);
        }
        StoredFields stored = searcher.storedFields();
        List<SearchHit> out = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            Document doc = stored.document(c.doc, LOADED_FIELDS);
            String body = doc.get(IndexFields.BODY);
            String highlight = highlights[i] == null ? leading(body) : highlights[i];
            String anchor = doc.get(IndexFields.ANCHOR);
            String url = doc.get(IndexFields.URL);
            String cited = url == null ? null : (anchor == null || anchor.isEmpty() ? url : url + "#" + anchor);
            IndexableField updated = doc.getField(IndexFields.UPDATED_AT);
            out.add(new SearchHit(
                    new Citation(doc.get(IndexFields.ARTICLE_ID), doc.get(IndexFields.CHUNK_ID), doc.get(IndexFields.TITLE), cited),
                    SourceType.parse(doc.get(IndexFields.TYPE)),
                    doc.get(IndexFields.HEADING),
                    body,
                    highlight,
                    markedTerms(highlights[i]),
                    doc.get(IndexFields.PRODUCT),
                    doc.get(IndexFields.LANGUAGE),
                    updated == null ? null : Instant.ofEpochMilli(updated.numericValue().longValue()),
                    doc.get(IndexFields.KEY_INSTRUCTION),
                    new HitScore(c.bm25Rank, c.bm25Rank > 0 ? c.bm25Score : Float.NaN, c.vectorRank,
                            c.vectorRank > 0 ? c.vectorSimilarity : Float.NaN, c.fused),
                    Visibility.parse(doc.get(IndexFields.VISIBILITY))));
        }
        return out;
    }

    private static String leading(String body) {
        return body.length() <= 240 ? body : body.substring(0, 240) + " …";
    }

    private static List<String> markedTerms(String highlight) {
        if (highlight == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = MARKED.matcher(highlight);
        while (m.find()) {
            out.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /** A passage found by at least one retriever. */
    private static final class Candidate {
        final int doc;
        int bm25Rank;
        float bm25Score;
        int vectorRank;
        float vectorSimilarity;
        double fused;

        Candidate(int doc) {
            this.doc = doc;
        }
    }
}
