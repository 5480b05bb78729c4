package io.mailtune.retrieval.search;

import io.mailtune.retrieval.testing.SharedEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Articles marked {@code internal: true} are searchable, and every hit from one says so. */
class InternalArticlesTest {

    @TempDir
    Path tmp;

    @Test
    void passagesOfAnInternalArticleAreMarkedInternal() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(folder.resolve("refunds.md"), "---\nid: refunds\n---\n# Refunds\n\nRefunds reach your card within five days.\n");
        Files.writeString(folder.resolve("refund-fraud.md"), "---\nid: refund-fraud\ninternal: true\n---\n# Refund fraud checks\n\n"
                + "Staff only: refunds over 500 euros need a second approval from the fraud team.\n");
        Files.writeString(folder.resolve("escalation.html"), "<html><head><meta name=\"internal\" content=\"true\"><title>Escalation"
                + "</title></head><body><h1>Escalation</h1><p>Call the duty manager for refunds stuck for weeks.</p></body></html>");
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get())) {
            SyncReport report = kb.indexFolder(folder, "help");
            assertEquals(3, report.added(), report.summary());
            List<SearchHit> hits = kb.search("refund approval fraud team", SearchFilters.NONE, 5);
            SearchHit fraud = hits.stream().filter(h -> h.citation().articleId().equals("refund-fraud")).findFirst().orElseThrow();
            assertTrue(fraud.internal());
            assertTrue(hits.stream().filter(h -> h.citation().articleId().equals("escalation")).allMatch(SearchHit::internal));
            assertFalse(hits.stream().filter(h -> h.citation().articleId().equals("refunds")).findFirst().orElseThrow().internal());
        }
    }

    @Test
    void anInternalValueOtherThanTrueOrFalseIsRejectedNamingTheFile() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(folder.resolve("odd.md"), "---\ninternal: maybe\n---\n# Odd\n\nText.\n");
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get())) {
            SyncReport report = kb.indexFolder(folder, "help");
            assertEquals(1, report.problems().size());
            assertTrue(report.problems().getFirst().reason().contains("internal 'maybe' must be true or false"),
                    report.problems().getFirst().reason());
        }
    }
}
