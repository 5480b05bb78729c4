package io.mailtune.retrieval.eval;

import io.mailtune.retrieval.search.SearchMode;

import java.util.List;
import java.util.Map;

/**
 * How one labelled query fared in each mode.
 *
 * @param query    the query and its right article
 * @param ranks    1-based rank of the right article per mode, 0 when not in the top {@link RankMetrics#DEPTH}
 * @param rankings the article ids each mode returned, best first
 */
public record QueryOutcome(LabelledQuery query, Map<SearchMode, Integer> ranks, Map<SearchMode, List<String>> rankings) {

    /** Copies the maps. */
    public QueryOutcome {
        ranks = Map.copyOf(ranks);
        rankings = Map.copyOf(rankings);
    }
}
