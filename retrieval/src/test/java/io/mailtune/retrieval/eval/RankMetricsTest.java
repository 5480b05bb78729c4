package io.mailtune.retrieval.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RankMetricsTest {

    @Test
    void metricsFollowTheirDefinitionsForOneRelevantArticle() {
        RankMetrics m = RankMetrics.of(List.of(1, 2, 5, 0));
        assertEquals(4, m.queries());
        assertEquals(0.25, m.recallAt1(), 1e-12);
        assertEquals(0.75, m.recallAt5(), 1e-12);
        assertEquals((1 + 0.5 + 0.2) / 4, m.mrr(), 1e-12);
        double ndcg = (1 + 1 / (Math.log(3) / Math.log(2)) + 1 / (Math.log(6) / Math.log(2))) / 4;
        assertEquals(ndcg, m.ndcgAt10(), 1e-12);
    }

    @Test
    void ranksBeyondTheDepthCountAsMisses() {
        RankMetrics m = RankMetrics.of(List.of(11));
        assertEquals(0, m.mrr());
        assertEquals(0, m.ndcgAt10());
    }

    @Test
    void aNegativeRankIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RankMetrics.of(List.of(-1)));
    }
}
