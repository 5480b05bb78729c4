package io.mailtune.retrieval.search;

import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.source.Article;
import io.mailtune.retrieval.source.Block;
import io.mailtune.retrieval.source.Section;
import io.mailtune.retrieval.source.SourceType;
import io.mailtune.retrieval.testing.SharedEncoder;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearRealTimeTest {

    @TempDir
    Path tmp;

    static Article article(String id, String text) {
        return new Article(id, SourceType.ARTICLE, "help", id + ".md", "Notice " + id, null, null, "en", null, null,
                "hash-" + text.hashCode(), List.of(new Section("Notice " + id, "", 0, List.of(new Block(Block.Kind.PARAGRAPH, text)))), null);
    }

    @Test
    void aNewArticleIsSearchableWhenIndexingReturnsBeforeAnyCommit() throws Exception {
        Path dir = tmp.resolve("index");
        try (KnowledgeBase kb = KnowledgeBase.open(dir, SharedEncoder.get())) {
            assertEquals(IndexOutcome.ADDED, kb.index(article("outage", "The warehouse in Leeds is closed because of a flood.")));
            assertEquals("outage", kb.search("leeds flood", SearchFilters.NONE, 1).getFirst().citation().articleId());
            try (DirectoryReader committed = DirectoryReader.open(FSDirectory.open(dir))) {
                assertEquals(0, committed.numDocs(), "visible through the near-real-time reader, not through a commit");
            }
        }
    }

    @Test
    void indexingTheSameContentAgainIsUnchanged() {
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), SharedEncoder.get())) {
            kb.index(article("a", "Same text."));
            assertEquals(IndexOutcome.UNCHANGED, kb.index(article("a", "Same text.")));
            assertEquals(IndexOutcome.UPDATED, kb.index(article("a", "New text.")));
        }
    }

    @Test
    void searchesAnswerWhileAnArticleIsBeingIndexed() throws Exception {
        CountDownLatch encoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SentenceEncoder slowWriter = new SentenceEncoder() {
            @Override
            public String name() {
                return SharedEncoder.get().name();
            }

            @Override
            public int dimensions() {
                return SharedEncoder.get().dimensions();
            }

            @Override
            public float[] encode(String text) {
                return SharedEncoder.get().encode(text);
            }

            @Override
            public List<float[]> encodeAll(List<String> texts) {
                encoding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SharedEncoder.get().encodeAll(texts);
            }
        };
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("index"), slowWriter)) {
            CompletableFuture<IndexOutcome> writing = CompletableFuture.supplyAsync(
                    () -> kb.index(article("slow", "Our phone line is open on Saturdays.")));
            assertTrue(encoding.await(30, TimeUnit.SECONDS));
            List<SearchHit> during = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> kb.search("phone line saturday", SearchFilters.NONE, 5));
            assertTrue(during.isEmpty(), "the article being written is not visible yet, and the search did not wait for it");
            release.countDown();
            assertEquals(IndexOutcome.ADDED, writing.get(30, TimeUnit.SECONDS));
            assertFalse(kb.search("phone line saturday", SearchFilters.NONE, 5).isEmpty());
        }
    }
}
