package io.mailtune.demo.brightcart;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpArticleParserTest {

    private static final String VALID = """
            ---
            id: sample-article
            title: Sample
            url: https://help.example/sample
            product: store
            updated-at: 2026-01-31
            key-instruction: Click Do it.
            ---
            # Sample

            To proceed, Click Do it.
            """;

    @Test
    void parsesEveryFrontMatterFieldAndTheBody() {
        HelpArticle article = HelpArticleParser.parse("sample-article.md", VALID);
        assertEquals("sample-article", article.id());
        assertEquals("Sample", article.title());
        assertEquals("https://help.example/sample", article.url());
        assertEquals("store", article.product());
        assertEquals(LocalDate.of(2026, 1, 31), article.updatedAt());
        assertEquals("Click Do it.", article.keyInstruction());
        assertEquals("# Sample\n\nTo proceed, Click Do it.\n", article.markdownBody());
    }

    @Test
    void windowsLineEndingsParseTheSame() {
        assertEquals(HelpArticleParser.parse("a.md", VALID), HelpArticleParser.parse("a.md", VALID.replace("\n", "\r\n")));
    }

    @Test
    void aMissingOpeningFenceNamesLineOne() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.substring(4)));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("a.md line 1:"), e.getMessage());
    }

    @Test
    void aMissingKeyIsNamed() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.replace("product: store\n", "")));
        assertTrue(e.getMessage().contains("lacks the key 'product'"), e.getMessage());
    }

    @Test
    void aDuplicateKeyNamesBothLines() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.replace("product: store\n", "product: store\ntitle: Again\n")));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("duplicate key 'title' (first on line 3)"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRejectedWithItsLine() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.replace("product: store", "prodcut: store")));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("unknown key 'prodcut'"), e.getMessage());
    }

    @Test
    void anEmptyValueIsRejected() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.replace("title: Sample", "title:")));
        assertTrue(e.getMessage().contains("key 'title' has no value"), e.getMessage());
    }

    @Test
    void anUnclosedFrontMatterIsRejected() {
        String unclosed = VALID.replace("key-instruction: Click Do it.\n---\n", "key-instruction: Click Do it.\n");
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class, () -> HelpArticleParser.parse("a.md", unclosed));
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("closing '---'"), e.getMessage());
    }

    @Test
    void aBadDateShowsTheExpectedFormat() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.replace("2026-01-31", "31/01/2026")));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("ISO date"), e.getMessage());
    }

    @Test
    void aKeyInstructionMissingFromTheBodyIsRejected() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.replace("To proceed, Click Do it.", "To proceed, click it.")));
        assertTrue(e.getMessage().contains("does not occur verbatim in the body"), e.getMessage());
    }

    @Test
    void aNonHttpsUrlIsRejected() {
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class,
                () -> HelpArticleParser.parse("a.md", VALID.replace("https://help.example/sample", "ftp://help.example/sample")));
        assertTrue(e.getMessage().contains("https URL"), e.getMessage());
    }

    @Test
    void anEmptyBodyIsRejected() {
        String headerOnly = VALID.substring(0, VALID.indexOf("# Sample"));
        MalformedDemoFileException e = assertThrows(MalformedDemoFileException.class, () -> HelpArticleParser.parse("a.md", headerOnly));
        assertTrue(e.getMessage().contains("no body"), e.getMessage());
    }
}
