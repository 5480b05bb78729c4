package io.mailtune.retrieval.chunk;

import io.mailtune.retrieval.source.Article;
import io.mailtune.retrieval.source.Block;
import io.mailtune.retrieval.source.Section;
import io.mailtune.retrieval.source.SourceType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkerTest {

    private final Chunker chunker = new Chunker(new ChunkingPolicy(200, 300, 60));

    private static Article article(Section... sections) {
        return new Article("a1", SourceType.ARTICLE, "help", "a1.md", "Title", null, null, "en", null, null, "h", List.of(sections), null);
    }

    private static List<Block> paragraphs(int count, String word) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Block(Block.Kind.PARAGRAPH, (word + " ").repeat(8).strip() + " number " + i + "."));
        }
        return out;
    }

    @Test
    void chunksNeverCrossAHeading() {
        List<Chunk> chunks = chunker.chunk(article(
                new Section("Alpha", "alpha", 2, paragraphs(5, "alpha")),
                new Section("Beta", "beta", 2, paragraphs(5, "beta"))));
        for (Chunk chunk : chunks) {
            String other = chunk.heading().equals("Alpha") ? "beta" : "alpha";
            assertTrue(!chunk.text().contains(other), chunk.text());
        }
    }

    @Test
    void listItemsAreNeverSplitAndStayTogetherUpToTheMaximum() {
        List<Block> blocks = new ArrayList<>(paragraphs(2, "intro"));
        for (int i = 0; i < 4; i++) {
            blocks.add(new Block(Block.Kind.LIST_ITEM, "- step " + i + " do the thing carefully"));
        }
        List<Chunk> chunks = chunker.chunk(article(new Section("Steps", "steps", 2, blocks)));
        for (int i = 0; i < 4; i++) {
            String item = "- step " + i + " do the thing carefully";
            assertTrue(chunks.stream().anyMatch(c -> c.text().contains(item)), item);
        }
        Chunk withSteps = chunks.stream().filter(c -> c.text().contains("- step 0")).findFirst().orElseThrow();
        assertTrue(withSteps.text().contains("- step 3"), "a list that fits within maxChars stays in one chunk");
    }

    @Test
    void consecutiveChunksInASectionOverlap() {
        List<Chunk> chunks = chunker.chunk(article(new Section("Alpha", "alpha", 2, paragraphs(6, "alpha"))));
        assertTrue(chunks.size() >= 2);
        for (int i = 1; i < chunks.size(); i++) {
            String firstLine = chunks.get(i).text().split("\n")[0];
            assertTrue(chunks.get(i - 1).text().contains(firstLine), "chunk " + i + " starts with the tail of chunk " + (i - 1));
        }
    }

    @Test
    void chunkIdsPointToTheArticleAndHeadingAnchor() {
        List<Chunk> chunks = chunker.chunk(article(
                new Section("Title", "", 0, paragraphs(1, "top")),
                new Section("Alpha", "alpha", 2, paragraphs(6, "alpha"))));
        assertEquals("a1#top/0", chunks.getFirst().chunkId());
        assertEquals("a1#alpha/0", chunks.get(1).chunkId());
        assertEquals("a1#alpha/1", chunks.get(2).chunkId());
        assertEquals("alpha", chunks.get(2).anchor());
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).ordinal());
        }
    }

    @Test
    void aParagraphLongerThanTheTargetIsSplitBetweenSentences() {
        String sentence = "This sentence is exactly about fifty characters. ";
        List<Chunk> chunks = chunker.chunk(article(new Section("Long", "long", 2,
                List.of(new Block(Block.Kind.PARAGRAPH, sentence.repeat(12).strip())))));
        assertTrue(chunks.size() >= 3);
        for (Chunk chunk : chunks) {
            assertTrue(chunk.text().length() <= 300, chunk.text().length() + " chars");
            assertTrue(chunk.text().endsWith("characters."), chunk.text());
        }
    }
}
