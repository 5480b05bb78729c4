package io.mailtune.demo.synthetic;

import io.mailtune.retrieval.source.ArticleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompanyGeneratorTest {

    private final CompanyGenerator generator = new CompanyGenerator();

    @Test
    void aCompanyDependsOnlyOnSeedAndIndex() {
        assertEquals(generator.company(3, 7), generator.company(3, 7));
        assertNotEquals(generator.company(3, 7).profile().name(), generator.company(3, 8).profile().name());
    }

    @Test
    void aHundredCompaniesHaveAlmostAHundredNames() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            names.add(generator.company(11, i).profile().name());
        }
        assertTrue(names.size() >= 90, "distinct names: " + names.size());
    }

    @Test
    void everyArticleReadsWithTheRetrievalParserAndHoldsItsInstructionAndFacts(@TempDir Path dir) throws Exception {
        SyntheticCompany c = generator.company(5, 0);
        ArticleReader reader = new ArticleReader("test", "en", 1 << 20, 200_000, "test");
        for (SyntheticArticle a : c.articles()) {
            Path file = dir.resolve(a.id() + ".md");
            Files.writeString(file, a.markdown());
            var article = reader.read(file, a.id() + ".md");
            String text = String.join("\n", article.sections().stream()
                    .flatMap(s -> s.blocks().stream()).map(b -> b.text()).toList());
            assertTrue(text.contains(a.keyInstruction()), a.id() + ": " + a.keyInstruction());
            a.facts().values().forEach(f -> assertTrue(text.contains(f), a.id() + ": " + f));
            assertEquals(c.id(), article.product());
        }
    }
}
