package io.mailtune.retrieval.eval;

import io.mailtune.retrieval.search.SearchMode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metrics per mode over a labelled query set, with each query's outcome for failure analysis.
 *
 * @param metrics  ranking metrics per mode
 * @param outcomes per-query ranks and rankings
 */
public record EvaluationReport(Map<SearchMode, RankMetrics> metrics, List<QueryOutcome> outcomes) {

    /** Copies the collections. */
    public EvaluationReport {
        metrics = Map.copyOf(metrics);
        outcomes = List.copyOf(outcomes);
    }

    /** A Markdown table: one row per mode with recall@1, recall@5, MRR and nDCG@10. */
    public String table() {
        StringBuilder out = new StringBuilder("| mode | queries | recall@1 | recall@5 | MRR@10 | nDCG@10 |\n|---|---:|---:|---:|---:|---:|\n");
        for (SearchMode mode : SearchMode.values()) {
            RankMetrics m = metrics.get(mode);
            if (m != null) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n",
                        mode.name().toLowerCase(Locale.ROOT), m.queries(), m.recallAt1(), m.recallAt5(), m.mrr(), m.ndcgAt10()));
            }
        }
        return out.toString();
    }
}
