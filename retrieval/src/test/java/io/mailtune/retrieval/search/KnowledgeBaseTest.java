package io.mailtune.retrieval.search;

import io.mailtune.retrieval.source.SourceType;
import io.mailtune.retrieval.source.Visibility;
import io.mailtune.retrieval.testing.HelpCentre;
import io.mailtune.retrieval.testing.SharedEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeBaseTest {

    @TempDir
    Path tmp;

    private Path articles;
    private KnowledgeBase kb;

    @BeforeEach
    void indexHelpCentre() throws Exception {
        articles = HelpCentre.write(tmp.resolve("articles"));
        kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get());
        SyncReport report = kb.indexFolder(articles, "help");
        assertEquals(4, report.added(), report.summary());
    }

    @AfterEach
    void close() {
        kb.close();
    }

    @Test
    void hybridSearchFindsTheArticleForACustomersWords() {
        List<SearchHit> hits = kb.search("when do i get my money back for the stuff i sent back??", SearchFilters.NONE, 3);
        assertEquals("refunds", hits.getFirst().citation().articleId());
    }

    @Test
    void aHitCitesArticleChunkTitleAndAnchoredUrl() {
        SearchHit hit = kb.search("how many days until the refund shows on my card", SearchFilters.NONE, 1).getFirst();
        assertEquals("refunds#how-long-a-refund-takes/0", hit.citation().chunkId());
        assertEquals("Refunds and returns", hit.citation().title());
        assertEquals("https://help.example.com/refunds#how-long-a-refund-takes", hit.citation().url());
        assertEquals("How long a refund takes", hit.heading());
        assertTrue(hit.keyInstruction().startsWith("Never promise"));
    }

    @Test
    void eachHitExplainsItsKeywordAndVectorRanksAndTheFusedScore() {
        Fusion fusion = kb.config().fusion();
        SearchHit hit = kb.search("refund card bank days", SearchFilters.NONE, 1).getFirst();
        HitScore s = hit.score();
        assertTrue(s.bm25Rank() >= 1 && s.vectorRank() >= 1, s.explain());
        assertTrue(s.bm25Score() > 0 && s.vectorSimilarity() > 0 && s.vectorSimilarity() <= 1, s.explain());
        double expected = fusion.contribution(fusion.bm25Weight(), s.bm25Rank()) + fusion.contribution(fusion.vectorWeight(), s.vectorRank());
        assertEquals(expected, s.fused(), 1e-12);
    }

    @Test
    void aSearchForDraftingPutsTheBestArticlesOtherSectionsRightAfterItsBestOne() {
        String query = "how many days until the refund shows on my card";
        List<SearchHit> plain = kb.search(query, SearchFilters.NONE, 1);
        List<SearchHit> hits = kb.searchForDraft(query, List.of(), SearchFilters.NONE, 1);
        assertEquals(plain.getFirst().citation().chunkId(), hits.getFirst().citation().chunkId());
        List<String> refundChunks = hits.stream().filter(h -> h.citation().articleId().equals("refunds"))
                .map(h -> h.citation().chunkId()).toList();
        // Every section of the article comes back once, the best first, though only one hit was asked for.
        assertEquals(3, refundChunks.size(), refundChunks.toString());
        assertEquals(refundChunks.size(), refundChunks.stream().distinct().count());
        assertTrue(refundChunks.contains("refunds#items-we-cannot-take-back/0"), refundChunks.toString());
        for (SearchHit h : hits) {
            assertTrue(h.score().vectorSimilarity() > -1 && h.score().vectorSimilarity() <= 1, h.score().explain());
        }
    }

    @Test
    void aSecondQuestionAnsweredByAnotherArticleBringsThatWholeArticleAfterTheFirstArticle() {
        String query = "Refund for my returned jacket\nI sent my jacket back two weeks ago. How many days until the refund"
                + " shows on my card? The money is still not back on the card I paid with. Also, how can I choose a new password?";
        List<SearchHit> alone = kb.searchForDraft(query, List.of(), SearchFilters.NONE, 2);
        assertTrue(alone.stream().noneMatch(h -> h.citation().articleId().equals("password-reset")), alone.toString());
        List<SearchHit> hits = kb.searchForDraft(query, EmailQuestions.of(query), SearchFilters.NONE, 2);
        List<String> articles = hits.stream().map(h -> h.citation().articleId()).toList();
        assertEquals("refunds", articles.getFirst());
        assertTrue(articles.lastIndexOf("refunds") < articles.indexOf("password-reset"), articles.toString());
        // Every section of it, though k = 2 leaves room for one passage of another article: its answer may be in any.
        Set<String> allSections = kb.search("password", SearchFilters.NONE, 20).stream()
                .filter(h -> h.citation().articleId().equals("password-reset")).map(h -> h.citation().chunkId())
                .collect(Collectors.toSet());
        assertEquals(allSections, hits.stream().filter(h -> h.citation().articleId().equals("password-reset"))
                .map(h -> h.citation().chunkId()).collect(Collectors.toSet()));
        assertTrue(allSections.size() > 1, allSections.toString());
        // Its similarity is to the whole email, like every other passage's, not to the question alone.
        SearchHit password = hits.stream().filter(h -> h.citation().articleId().equals("password-reset")).findFirst().orElseThrow();
        SearchHit plain = kb.search(query, SearchFilters.NONE, 20).stream()
                .filter(h -> h.citation().chunkId().equals(password.citation().chunkId())).findFirst().orElseThrow();
        assertEquals(plain.score().vectorSimilarity(), password.score().vectorSimilarity(), 1e-5);
    }

    @Test
    void ofTheOtherArticlesTheWholeEmailFoundOnlyTheFirstKMinusOnePassagesAreKept() {
        String query = "Refund for my returned jacket\nHow many days until the refund shows on my card? Is express"
                + " delivery faster? Can I reset my password?";
        for (int k = 1; k <= 3; k++) {
            long others = kb.searchForDraft(query, List.of(), SearchFilters.NONE, k).stream()
                    .filter(h -> !h.citation().articleId().equals("refunds")).count();
            assertTrue(others <= k - 1, "k=" + k + ": " + others + " passages of other articles");
        }
    }

    @Test
    void aQuestionWhoseArticleIsAlreadyRetrievedAddsNothing() {
        String query = "How many days until the refund shows on my card?";
        assertEquals(kb.searchForDraft(query, List.of(), SearchFilters.NONE, 2).stream().map(h -> h.citation().chunkId()).toList(),
                kb.searchForDraft(query, EmailQuestions.of(query), SearchFilters.NONE, 2).stream().map(h -> h.citation().chunkId()).toList());
    }

    @Test
    void highlightsMarkTheQueryWordsThatMatched() {
        SearchHit hit = kb.search("forgot password", SearchFilters.NONE, 1, SearchMode.BM25).getFirst();
        assertEquals("password-reset", hit.citation().articleId());
        assertTrue(hit.highlight().contains("**password**"), hit.highlight());
        assertTrue(hit.matchedTerms().contains("password"), hit.matchedTerms().toString());
    }

    @Test
    void aMisspeltWordStillMatchesByKeyword() {
        SearchHit hit = kb.search("forgot my pasword", SearchFilters.NONE, 1, SearchMode.BM25).getFirst();
        assertEquals("password-reset", hit.citation().articleId());
        assertTrue(hit.matchedTerms().contains("password"), hit.highlight());
    }

    @Test
    void aMatchByMeaningAloneHasNoMarkedTerms() {
        SearchHit hit = kb.search("xyzzy", SearchFilters.NONE, 1, SearchMode.VECTOR).getFirst();
        assertEquals(0, hit.score().bm25Rank());
        assertTrue(Float.isNaN(hit.score().bm25Score()));
        assertTrue(hit.matchedTerms().isEmpty());
        assertFalse(hit.highlight().isBlank());
    }

    @Test
    void filtersLimitProductLanguageAndSourceType() {
        String query = "how long does delivery take";
        assertTrue(kb.search(query, new SearchFilters("account", null, null), 10).stream().allMatch(h -> "account".equals(h.product())));
        List<SearchHit> german = kb.search(query, new SearchFilters(null, "de", null), 10);
        assertEquals(List.of("lieferung"), german.stream().map(h -> h.citation().articleId()).distinct().toList());
        assertTrue(kb.search(query, SearchFilters.ofType(SourceType.APPROVED_REPLY), 10).isEmpty());
    }

    @Test
    void anInternalArticleIsFoundAndMarkedInternalSoNoReplyQuotesIt() throws Exception {
        Files.writeString(articles.resolve("escalation.md"), "---\nid: escalation\nvisibility: internal\n---\n# Refund escalation\n\n"
                + "Refunds over 500 euros need the duty manager's approval before they are paid.\n");
        kb.indexFolder(articles, "help");
        List<SearchHit> hits = kb.search("who approves a refund over 500 euros", SearchFilters.NONE, 5);
        SearchHit escalation = hits.stream().filter(h -> h.citation().articleId().equals("escalation")).findFirst().orElseThrow();
        assertEquals(Visibility.INTERNAL, escalation.visibility());
        assertTrue(hits.stream().filter(h -> !h.citation().articleId().equals("escalation"))
                .allMatch(h -> h.visibility() == Visibility.PUBLIC));
    }

    @Test
    void reindexingUnchangedFilesWritesNothing() {
        SyncReport again = kb.indexFolder(articles, "help");
        assertEquals(4, again.unchanged(), again.summary());
        assertEquals(0, again.chunks());
    }

    @Test
    void aChangedFileIsReindexedAndItsOldTextIsGone() throws Exception {
        Files.writeString(articles.resolve("delivery.txt"), "Delivery times\n\nParcels now travel by carrier pigeon in four hours.\n");
        SyncReport report = kb.indexFolder(articles, "help");
        assertEquals(1, report.updated(), report.summary());
        assertEquals(3, report.unchanged(), report.summary());
        List<SearchHit> hits = kb.search("carrier pigeon", SearchFilters.NONE, 10, SearchMode.BM25);
        assertEquals("delivery", hits.getFirst().citation().articleId());
        assertTrue(kb.search("express free over 50 euros", SearchFilters.NONE, 10, SearchMode.BM25).stream()
                .noneMatch(h -> h.citation().articleId().equals("delivery")));
    }

    @Test
    void aDeletedFileIsRemovedFromTheIndex() throws Exception {
        Files.delete(articles.resolve("password.html"));
        SyncReport report = kb.indexFolder(articles, "help");
        assertEquals(1, report.deleted(), report.summary());
        assertTrue(kb.search("forgot password", SearchFilters.NONE, 10).stream()
                .noneMatch(h -> h.citation().articleId().equals("password-reset")));
    }

    @Test
    void aFileThatBreaksKeepsItsPreviouslyIndexedVersion() throws Exception {
        Files.writeString(articles.resolve("password.html"), "");
        SyncReport report = kb.indexFolder(articles, "help");
        assertEquals(0, report.deleted(), report.summary());
        assertEquals(1, report.problems().size());
        assertEquals("password-reset", kb.search("forgot password", SearchFilters.NONE, 1).getFirst().citation().articleId());
    }

    @Test
    void anotherOriginIsUntouchedByASync() throws Exception {
        Path customer = Files.createDirectories(tmp.resolve("customer"));
        Files.writeString(customer.resolve("warranty.md"), "# Warranty\n\nEvery kettle has a two-year warranty.\n");
        kb.indexFolder(customer, "customer");
        Files.delete(customer.resolve("warranty.md"));
        kb.indexFolder(customer, "customer");
        assertEquals(0, kb.articleCount("customer"));
        assertEquals(4, kb.articleCount("help"));
    }

    @Test
    void theIndexSurvivesCloseAndReopen() {
        kb.close();
        kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get());
        assertEquals(4, kb.articleCount("help"));
        assertEquals("refunds", kb.search("return an item for a refund", SearchFilters.NONE, 1).getFirst().citation().articleId());
    }
}
