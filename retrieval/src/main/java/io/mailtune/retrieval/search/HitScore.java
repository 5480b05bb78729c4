package io.mailtune.retrieval.search;

import java.util.Locale;

/**
 * Why a passage ranked where it did: each retriever's rank and raw score, and the fused score that ordered the results.
 *
 * @param bm25Rank         1-based rank in the keyword results, 0 when keyword search did not return it
 * @param bm25Score        BM25 score, NaN when not returned by keyword search
 * @param vectorRank       1-based rank in the vector results, 0 when vector search did not return it
 * @param vectorSimilarity cosine similarity of query and passage vectors, NaN when not returned by vector search
 * @param fused            the reciprocal-rank-fusion score (in single-retriever modes, that retriever's fused contribution)
 */
public record HitScore(int bm25Rank, float bm25Score, int vectorRank, float vectorSimilarity, double fused) {

    /** A one-line explanation, e.g. {@code fused 0.2083 = bm25 #1 (7.41) + vector #3 (cos 0.62)}. */
    public String explain() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "fused %.4f =", fused));
        out.append(bm25Rank > 0 ? String.format(Locale.ROOT, " bm25 #%d (%.2f)", bm25Rank, bm25Score) : " bm25 -");
        out.append(vectorRank > 0 ? String.format(Locale.ROOT, " + vector #%d (cos %.2f)", vectorRank, vectorSimilarity) : " + vector -");
        return out.toString();
    }
}
