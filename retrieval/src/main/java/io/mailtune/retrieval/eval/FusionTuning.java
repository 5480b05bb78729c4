package io.mailtune.retrieval.eval;

import io.mailtune.retrieval.search.Fusion;
import io.mailtune.retrieval.search.SearchMode;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses fusion weights without grading on the queries used to choose them: a grid is scored on the odd-numbered
 * queries (the tuning half), and the winner is reported on the even-numbered ones (the held-out half).
 */
public final class FusionTuning {

    /**
     * One grid point and its hybrid MRR on the tuning half.
     *
     * @param fusion    the weights and k tried
     * @param tuningMrr hybrid MRR@10 on the tuning half
     */
    public record Trial(Fusion fusion, double tuningMrr) {
    }

    /**
     * The grid, the winner, and the held-out evaluation of the winner.
     *
     * @param trials  every grid point, in grid order
     * @param best    the grid point with the highest tuning MRR (earliest wins ties)
     * @param heldOut BM25, vector and hybrid (with {@code best}) on the held-out half
     */
    public record Result(List<Trial> trials, Fusion best, EvaluationReport heldOut) {
    }

    private FusionTuning() {
    }

    /** Runs the grid of BM25 weights (vector weight 1) and RRF k values. */
    public static Result tune(Evaluation evaluation, List<LabelledQuery> queries, double[] bm25Weights, double[] ks) {
        List<LabelledQuery> tuning = new ArrayList<>();
        List<LabelledQuery> heldOut = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            (i % 2 == 0 ? tuning : heldOut).add(queries.get(i));
        }
        if (tuning.isEmpty() || heldOut.isEmpty()) {
            throw new IllegalArgumentException("tuning needs at least two queries, got " + queries.size());
        }
        List<float[]> tuningVectors = evaluation.encodeAll(tuning);
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        for (double weight : bm25Weights) {
            for (double k : ks) {
                Fusion fusion = new Fusion(weight, 1.0, k);
                double mrr = evaluation.run(tuning, fusion, tuningVectors).metrics().get(SearchMode.HYBRID).mrr();
                Trial trial = new Trial(fusion, mrr);
                trials.add(trial);
                if (best == null || mrr > best.tuningMrr()) {
                    best = trial;
                }
            }
        }
        return new Result(trials, best.fusion(), evaluation.run(heldOut, best.fusion(), evaluation.encodeAll(heldOut)));
    }
}
