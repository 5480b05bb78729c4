package io.mailtune.demo.brightcart;

import io.mailtune.retrieval.eval.LabelledQuery;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrightcartQueriesTest {

    @Test
    void theBrightcartSetLabelsEveryDemoArticleWithAtLeastTwoQueries() {
        List<LabelledQuery> queries = BrightcartQueries.all();
        assertTrue(queries.size() >= 100, queries.size() + " queries");
        DemoKnowledgeBase kb = DemoKnowledgeBase.load();
        for (LabelledQuery q : queries) {
            assertTrue(kb.find(q.articleId()).isPresent(), "unknown article id " + q.articleId() + " for '" + q.query() + "'");
        }
        Map<String, Long> perArticle = queries.stream().collect(Collectors.groupingBy(LabelledQuery::articleId, Collectors.counting()));
        assertEquals(kb.size(), perArticle.size());
        assertTrue(perArticle.values().stream().allMatch(n -> n >= 2), perArticle.toString());
    }

}
