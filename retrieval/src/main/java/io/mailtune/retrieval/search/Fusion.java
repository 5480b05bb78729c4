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

    /** Equal weights and k = 60, the value from the original RRF paper (Cormack et al., 2009). */
    public static final Fusion DEFAULT = new Fusion(1.0, 1.0, 60);

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
