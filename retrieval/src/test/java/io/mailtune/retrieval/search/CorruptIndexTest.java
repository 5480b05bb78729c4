package io.mailtune.retrieval.search;

import io.mailtune.retrieval.chunk.ChunkingPolicy;
import io.mailtune.retrieval.index.IndexUnreadableException;
import io.mailtune.retrieval.testing.HelpCentre;
import io.mailtune.retrieval.testing.SharedEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorruptIndexTest {

    @TempDir
    Path tmp;

    private Path index;
    private Path articles;

    @BeforeEach
    void buildIndex() throws Exception {
        index = tmp.resolve("index");
        articles = HelpCentre.write(tmp.resolve("articles"));
        try (KnowledgeBase kb = KnowledgeBase.open(index, SharedEncoder.get())) {
            kb.indexFolder(articles, "help");
        }
    }

    private Path fileNamed(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(index)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    private IndexUnreadableException assertUnreadable() {
        IndexUnreadableException e = assertThrows(IndexUnreadableException.class, () -> KnowledgeBase.open(index, SharedEncoder.get()));
        assertTrue(e.getMessage().contains(index.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("rebuild"), e.getMessage());
        return e;
    }

    @Test
    void aDamagedCommitFileIsAClearErrorNamingTheDirectory() throws Exception {
        Path segments = fileNamed("segments_");
        try (FileChannel channel = FileChannel.open(segments, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x13, 0x37, 0x13, 0x37}), Files.size(segments) / 2);
        }
        assertUnreadable();
    }

    @Test
    void aMissingSegmentFileIsAClearError() throws Exception {
        Files.delete(fileNamed("_0.si"));
        assertUnreadable();
    }

    @Test
    void filesWithoutAnyCommitAreNotSilentlyReplaced() throws Exception {
        Files.delete(fileNamed("segments_"));
        IndexUnreadableException e = assertUnreadable();
        assertTrue(e.getMessage().contains("no Lucene commit"), e.getMessage());
    }

    @Test
    void anIndexBuiltWithOtherChunkingIsRefused() {
        RetrievalConfig other = RetrievalConfig.DEFAULT.withChunking(new ChunkingPolicy(300, 400, 50));
        IndexUnreadableException e = assertThrows(IndexUnreadableException.class, () -> KnowledgeBase.open(index, SharedEncoder.get(), other));
        assertTrue(e.getMessage().contains("chunk:300/400/50"), e.getMessage());
    }

    @Test
    void rebuildingMovesTheDamagedIndexAsideAndSearchesAreAnsweredAgain() throws Exception {
        Files.write(fileNamed("segments_"), new byte[] {1, 2, 3});
        assertUnreadable();
        try (KnowledgeBase kb = KnowledgeBase.rebuild(index, SharedEncoder.get(), RetrievalConfig.DEFAULT)) {
            assertEquals(4, kb.indexFolder(articles, "help").added());
            assertEquals("refunds", kb.search("money back", SearchFilters.NONE, 1).getFirst().citation().articleId());
        }
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith("index.unreadable-")));
        }
    }
}
