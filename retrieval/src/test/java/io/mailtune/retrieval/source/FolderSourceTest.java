package io.mailtune.retrieval.source;

import io.mailtune.retrieval.testing.HelpCentre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderSourceTest {

    @TempDir
    Path dir;

    private final ArticleReader reader = new ArticleReader("help", "en", 1 << 20, 20_000, "test");

    @Test
    void badFilesAreReportedAndTheOthersStillRead() throws Exception {
        HelpCentre.write(dir);
        Files.writeString(dir.resolve("empty.md"), "");
        Files.write(dir.resolve("broken.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
        Files.writeString(dir.resolve("notes.json"), "{}");
        FolderScan scan = new FolderSource(dir, reader).scan();
        assertEquals(Set.of("refunds", "password-reset", "delivery", "lieferung"),
                scan.articles().stream().map(Article::id).collect(Collectors.toSet()));
        assertEquals(2, scan.problems().size());
        assertTrue(scan.seenPaths().contains("empty.md"));
        assertTrue(!scan.seenPaths().contains("notes.json"));
    }

    @Test
    void aSecondArticleWithTheSameIdIsReported() throws Exception {
        Files.writeString(dir.resolve("a.md"), "---\nid: same\n---\nOne.");
        Files.writeString(dir.resolve("b.md"), "---\nid: same\n---\nTwo.");
        FolderScan scan = new FolderSource(dir, reader).scan();
        assertEquals(1, scan.articles().size());
        assertTrue(scan.problems().getFirst().reason().contains("already used by a.md"), scan.problems().getFirst().reason());
    }
}
