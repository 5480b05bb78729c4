package io.mailtune.demo.brightcart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioCatalogTest {

    private static final DemoKnowledgeBase KB = DemoKnowledgeBase.load();
    private static final ScenarioCatalog CATALOG = ScenarioCatalog.load(KB);
    private static final String VALID = """
            topic: resetting your password
            subject: Forgot my password
            subject: Can't log in
            ask: I forgot my password.
            ask: How do I reset it on my {device}?
            ask: Order {order} is stuck because I can't sign in.
            fact: The reset link is valid for 30 minutes and works only once.
            """;

    @Test
    void everyArticleHasAScenario() {
        assertEquals(KB.ids(), CATALOG.articleScenarios().stream().map(ArticleScenario::articleId).toList());
    }

    @Test
    void everyFactOccursVerbatimInItsArticle() {
        for (ArticleScenario scenario : CATALOG.articleScenarios()) {
            for (String fact : scenario.facts()) {
                assertTrue(KB.article(scenario.articleId()).markdownBody().contains(fact), scenario.articleId() + ": " + fact);
            }
        }
    }

    @Test
    void thereAreAtLeastTenKindsOfHandOff() {
        assertTrue(CATALOG.handOffs().size() >= 10, "hand-offs: " + CATALOG.handOffs().size());
    }

    @Test
    void aValidScenarioParses() {
        ArticleScenario scenario = ScenarioCatalog.parseArticleScenario(KB.article("account-reset-password"), "s.txt", VALID);
        assertEquals("resetting your password", scenario.topic());
        assertEquals(3, scenario.asks().size());
    }

    @Test
    void aFactMissingFromTheArticleIsRejectedWithItsLine() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class, () -> ScenarioCatalog.parseArticleScenario(
                KB.article("account-reset-password"), "s.txt", VALID.replace("30 minutes", "3 hours")));
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("does not occur verbatim"), e.getMessage());
    }

    @Test
    void anUnknownPlaceholderIsRejected() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class, () -> ScenarioCatalog.parseArticleScenario(
                KB.article("account-reset-password"), "s.txt", VALID.replace("{device}", "{phone}")));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("{phone}"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRejected() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class, () -> ScenarioCatalog.parseArticleScenario(
                KB.article("account-reset-password"), "s.txt", VALID.replace("subject: Can't", "subjet: Can't")));
        assertEquals(3, e.line());
    }

    @Test
    void tooFewAsksIsRejected() {
        String twoAsks = VALID.replace("ask: I forgot my password.\n", "");
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class, () -> ScenarioCatalog.parseArticleScenario(
                KB.article("account-reset-password"), "s.txt", twoAsks));
        assertTrue(e.getMessage().contains("at least 3 asks"), e.getMessage());
    }

    @Test
    void aHandOffBlockMustStartWithATopic() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> ScenarioCatalog.parseHandOffs("h.txt", "subject: Hi\nask: Hello?\n"));
        assertEquals(1, e.line());
    }
}
