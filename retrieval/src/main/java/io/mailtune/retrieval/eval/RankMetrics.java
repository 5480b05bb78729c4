package io.mailtune.retrieval.eval;

import java.util.List;

/**
 * Ranking quality over queries with one right article each. Ranks are 1-based; 0 means the article was not retrieved.
 * With one relevant article, nDCG@10 is {@code 1 / log2(rank + 1)} for ranks up to 10 (the ideal DCG is 1).
 *
 * @param queries   number of queries
 * @param recallAt1 share of queries whose right article ranked first
 * @param recallAt5 share whose right article ranked in the top five
 * @param mrr       mean reciprocal rank over the top ten (0 beyond)
 * @param ndcgAt10  mean nDCG@10
 */
public record RankMetrics(int queries, double recallAt1, double recallAt5, double mrr, double ndcgAt10) {

    /** Depth of the ranking that MRR and nDCG look at. */
    public static final int DEPTH = 10;

    /** Computes the metrics from the rank of the right article for each query. */
    public static RankMetrics of(List<Integer> ranks) {
        if (ranks.isEmpty()) {
            throw new IllegalArgumentException("no ranks to score");
        }
        double r1 = 0;
        double r5 = 0;
        double mrr = 0;
        double ndcg = 0;
        for (int rank : ranks) {
            if (rank < 0) {
                throw new IllegalArgumentException("rank must be 0 (not found) or positive, was " + rank);
            }
            if (rank == 0 || rank > DEPTH) {
                continue;
            }
            r1 += rank == 1 ? 1 : 0;
            r5 += rank <= 5 ? 1 : 0;
            mrr += 1.0 / rank;
            ndcg += 1.0 / (Math.log(rank + 1) / Math.log(2));
        }
        int n = ranks.size();
        return new RankMetrics(n, r1 / n, r5 / n, mrr / n, ndcg / n);
    }
}
