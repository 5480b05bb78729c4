package io.mailtune.retrieval.search;

import io.mailtune.retrieval.source.LoadProblem;
import io.mailtune.retrieval.testing.HelpCentre;
import io.mailtune.retrieval.testing.SharedEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadInputTest {

    private static final int TEN_MB = 10 << 20;

    @TempDir
    Path tmp;

    private Path articles;

    @BeforeEach
    void helpCentre() throws Exception {
        articles = HelpCentre.write(tmp.resolve("articles"));
    }

    private static String problemFor(SyncReport report, String fileName) {
        return report.problems().stream().filter(p -> p.file().getFileName().toString().equals(fileName))
                .map(LoadProblem::reason).findFirst().orElseThrow(() -> new AssertionError("no problem for " + fileName + ": " + report.problems()));
    }

    private SyncReport sync() {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get())) {
            SyncReport report = kb.indexFolder(articles, "help");
            assertEquals(4, kb.articleCount("help"), report.summary());
            assertEquals("refunds", kb.search("money back", SearchFilters.NONE, 1).getFirst().citation().articleId());
            return report;
        }
    }

    @Test
    void anUnreadableFileIsReportedAndTheOthersAreIndexed() throws Exception {
        Files.createSymbolicLink(articles.resolve("moved.md"), tmp.resolve("nowhere.md"));
        assertTrue(problemFor(sync(), "moved.md").contains("cannot be read"));
    }

    @Test
    void anEmptyArticleIsReportedAndTheOthersAreIndexed() throws Exception {
        Files.writeString(articles.resolve("blank.md"), "\n\n");
        assertTrue(problemFor(sync(), "blank.md").contains("empty"));
    }

    @Test
    void tenMegabytesOfHtmlTextIsRejectedWithTheLimitAndTheOthersAreIndexed() throws Exception {
        StringBuilder html = new StringBuilder(TEN_MB + 100).append("<html><body><h1>Everything</h1>");
        while (html.length() < TEN_MB) {
            html.append("<p>Our terms and conditions apply to every order placed through the shop.</p>\n");
        }
        Files.writeString(articles.resolve("dump.html"), html.append("</body></html>"));
        String reason = problemFor(sync(), "dump.html");
        assertTrue(reason.contains("more than the limit of 200000"), reason);
    }

    @Test
    void tenMegabytesOfHtmlThatIsMostlyMarkupIsIndexed() throws Exception {
        StringBuilder html = new StringBuilder(TEN_MB + 1000).append("<html><head><script>");
        while (html.length() < TEN_MB / 2) {
            html.append("var x = '<p>not text</p>'; ");
        }
        html.append("</script></head><body><h1>Gift wrapping</h1>");
        while (html.length() < TEN_MB) {
            html.append("<div class=\"spacer\" style=\"margin:0\"></div>");
        }
        html.append("<p>We gift-wrap any order for 3 euros.</p></body></html>");
        Files.writeString(articles.resolve("wrapping.html"), html);
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get())) {
            SyncReport report = kb.indexFolder(articles, "help");
            assertTrue(report.problems().isEmpty(), report.problems().toString());
            List<SearchHit> hits = kb.search("gift wrap", SearchFilters.NONE, 1);
            assertEquals("wrapping", hits.getFirst().citation().articleId());
            assertTrue(!hits.getFirst().text().contains("not text"));
        }
    }
}
