package io.mailtune.retrieval.search;

/**
 * Weighted reciprocal rank fusion: a passage scores {@code bm25Weight / (k + bm25Rank) + vectorWeight / (k + vectorRank)},
 * a term dropped when that retriever did not return it. Ranks, not raw scores, are fused, because BM25 scores and
 * cosine similarities are on unrelated scales.
 *
 * @param bm25Weight   weight of the keyword ranking
 * @param vectorWeight weight of the vector ranking
 * @param k            damping constant; larger values flatten the advantage of the very first ranks
 */
public record Fusion(double bm25Weight, double vectorWeight, double k) {

    /**
     * Keyword ranks count half as much as vector ranks, k = 5: a plateau of the grid searched on the tuning half of the
     * Brightcart query set (docs/retrieval.md). The textbook k = 60 with equal weights ranked worse than vectors alone
     * there, because all-MiniLM-L6-v2 reads customers' paraphrases better than BM25 does.
     */
    public static final Fusion DEFAULT = new Fusion(0.5, 1.0, 5);

    /** Equal weights and k = 60, the values of the original RRF paper (Cormack et al., 2009). */
    public static final Fusion TEXTBOOK = new Fusion(1.0, 1.0, 60);

    /** Validates the weights and k. */
    public Fusion {
        if (!(bm25Weight >= 0) || !(vectorWeight >= 0) || bm25Weight + vectorWeight == 0) {
            throw new IllegalArgumentException("weights must be non-negative and not both zero, were " + bm25Weight + " and " + vectorWeight);
        }
        if (!(k >= 0)) {
            throw new IllegalArgumentException("k must be non-negative, was " + k);
        }
    }

    /** The fused contribution of one ranking position (1-based) with a weight; 0 when the rank is 0 (absent). */
    public double contribution(double weight, int rank) {
        return rank <= 0 ? 0 : weight / (k + rank);
    }
}
