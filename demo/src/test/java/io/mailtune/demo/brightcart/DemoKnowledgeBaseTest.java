package io.mailtune.demo.brightcart;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoKnowledgeBaseTest {

    private final DemoKnowledgeBase kb = DemoKnowledgeBase.load();

    @Test
    void bundlesBetween36And48Articles() {
        assertTrue(kb.size() >= 36 && kb.size() <= 48, "articles: " + kb.size());
    }

    @Test
    void everyArticleFileInTheFolderIsListedInTheIndex() throws IOException, URISyntaxException {
        Path folder = Path.of(DemoKnowledgeBase.class.getResource(DemoKnowledgeBase.RESOURCE_FOLDER).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            Set<String> onDisk = new HashSet<>(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).toList());
            assertEquals(onDisk, new HashSet<>(DemoKnowledgeBase.bundledFileNames()));
        }
    }

    @Test
    void everyArticleKeyInstructionOccursInItsBody() {
        for (HelpArticle article : kb.articles()) {
            assertTrue(article.markdownBody().contains(article.keyInstruction()), article.id());
        }
    }

    @Test
    void articleIdsAreUnique() {
        assertEquals(kb.size(), new HashSet<>(kb.ids()).size());
    }

    @Test
    void keyInstructionsAreDistinct() {
        assertEquals(kb.size(), kb.articles().stream().map(HelpArticle::keyInstruction).distinct().count());
    }

    @Test
    void everyArticleHas150To500WordsWithAHeadingAndAList() {
        for (HelpArticle article : kb.articles()) {
            String body = article.markdownBody();
            int words = body.split("\\s+").length;
            assertTrue(words >= 150 && words <= 500, article.id() + " has " + words + " words");
            assertTrue(body.startsWith("# ") && body.contains("\n## "), article.id() + " needs a title and a section heading");
            assertTrue(body.lines().anyMatch(l -> l.startsWith("- ") || l.matches("\\d+\\. .*") || l.startsWith("|")),
                    article.id() + " needs a list or table");
        }
    }

    @Test
    void everyArticleTitleMatchesItsTopHeading() {
        for (HelpArticle article : kb.articles()) {
            assertEquals("# " + article.title(), article.markdownBody().lines().findFirst().orElseThrow(), article.id());
        }
    }

    @Test
    void coversEverySupportArea() {
        List<String> areas = List.of("account-", "login-", "billing-", "invoices-", "refunds-", "orders-", "shipping-",
                "tracking-", "returns-", "exchanges-", "damaged-", "status-", "security-", "privacy-", "plus-", "api-");
        for (String area : areas) {
            assertTrue(kb.ids().stream().anyMatch(id -> id.startsWith(area)), "no article for " + area);
        }
    }

    @Test
    void anUnknownIdIsAnErrorThatNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kb.article("no-such-article"));
        assertTrue(e.getMessage().contains("no-such-article"));
        assertTrue(kb.find("no-such-article").isEmpty());
    }

    @Test
    void duplicateIdsAreRejected() {
        HelpArticle article = kb.articles().getFirst();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoKnowledgeBase.of(List.of(article, article)));
        assertTrue(e.getMessage().contains(article.id()));
    }
}
