package io.mailtune.retrieval.eval;

import io.mailtune.core.demo.DemoKnowledgeBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuerySetTest {

    @Test
    void theBrightcartSetLabelsEveryDemoArticleWithAtLeastTwoQueries() {
        List<LabelledQuery> queries = QuerySet.brightcart();
        assertTrue(queries.size() >= 100, queries.size() + " queries");
        DemoKnowledgeBase kb = DemoKnowledgeBase.load();
        for (LabelledQuery q : queries) {
            assertTrue(kb.find(q.articleId()).isPresent(), "unknown article id " + q.articleId() + " for '" + q.query() + "'");
        }
        Map<String, Long> perArticle = queries.stream().collect(Collectors.groupingBy(LabelledQuery::articleId, Collectors.counting()));
        assertEquals(kb.size(), perArticle.size());
        assertTrue(perArticle.values().stream().allMatch(n -> n >= 2), perArticle.toString());
    }

    @Test
    void aLineWithoutATabIsAnErrorNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuerySet.parse("q.tsv", "# comment\nrefunds\thow long\nno tab here\n"));
        assertTrue(e.getMessage().startsWith("q.tsv:3:"), e.getMessage());
    }
}
