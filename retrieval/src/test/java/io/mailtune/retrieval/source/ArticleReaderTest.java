package io.mailtune.retrieval.source;

import io.mailtune.retrieval.testing.HelpCentre;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ArticleReaderTest {

    @TempDir
    Path dir;

    private final ArticleReader reader = new ArticleReader("help", "en", 1 << 20, 20_000, "test");

    @Test
    void frontMatterSuppliesIdTitleUrlProductDateAndInstruction() throws Exception {
        Path file = Files.writeString(dir.resolve("refunds.md"), HelpCentre.REFUNDS);
        Article article = reader.read(file, "refunds.md");
        assertEquals("refunds", article.id());
        assertEquals("Refunds and returns", article.title());
        assertEquals("https://help.example.com/refunds", article.url());
        assertEquals("shop", article.product());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), article.updatedAt());
        assertTrue(article.keyInstruction().startsWith("Never promise"));
    }

    @Test
    void anArticleIsPublicUnlessItsFrontMatterSaysInternal() throws Exception {
        Path open = Files.writeString(dir.resolve("open.md"), "---\nid: open\n---\n# Open\n\nAnyone may read this.\n");
        Path staff = Files.writeString(dir.resolve("staff.md"), "---\nid: staff\nvisibility: Internal\n---\n# Staff\n\nEscalate to the duty lead.\n");
        assertEquals(Visibility.PUBLIC, reader.read(open, "open.md").visibility());
        assertEquals(Visibility.INTERNAL, reader.read(staff, "staff.md").visibility());
    }

    @Test
    void anUnknownVisibilityIsRejectedNamingTheFileAndTheAllowedValues() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.md"), "---\nid: secret\nvisibility: secret\n---\n# S\n\nText.\n");
        ArticleRejectedException e = assertThrows(ArticleRejectedException.class, () -> reader.read(file, "secret.md"));
        assertEquals(file + ": visibility must be 'public' or 'internal', was 'secret'", e.getMessage());
    }

    @Test
    void withoutFrontMatterTheIdIsThePathAndTheTitleTheFirstLine() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("shipping")).resolve("delivery.txt"), HelpCentre.DELIVERY);
        Article article = reader.read(file, "shipping/delivery.txt");
        assertEquals("shipping/delivery", article.id());
        assertEquals("Delivery times", article.title());
        assertEquals("en", article.language());
    }

    @Test
    void anEmptyArticleIsRejectedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.md"), "---\nid: empty\n---\n\n  \n");
        ArticleRejectedException e = assertThrows(ArticleRejectedException.class, () -> reader.read(file, "empty.md"));
        assertTrue(e.getMessage().contains("empty.md"), e.getMessage());
        assertTrue(e.getMessage().contains("no text"), e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRejected() throws Exception {
        Path file = Files.write(dir.resolve("latin1.txt"), new byte[] {'C', 'a', 'f', (byte) 0xE9, '\n'});
        ArticleRejectedException e = assertThrows(ArticleRejectedException.class, () -> reader.read(file, "latin1.txt"));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void aFileThatCannotBeOpenedIsRejected() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("gone.md"), dir.resolve("missing-target.md"));
        ArticleRejectedException e = assertThrows(ArticleRejectedException.class, () -> reader.read(link, "gone.md"));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void aFileWithoutReadPermissionIsRejected() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.md"), "Text.");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "permissions do not stop this user (root) from reading");
        ArticleRejectedException e = assertThrows(ArticleRejectedException.class, () -> reader.read(file, "secret.md"));
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
    }

    @Test
    void tooMuchTextIsRejectedWithTheLimit() throws Exception {
        Path file = Files.writeString(dir.resolve("long.txt"), "word ".repeat(10_000));
        ArticleRejectedException e = assertThrows(ArticleRejectedException.class, () -> reader.read(file, "long.txt"));
        assertTrue(e.getMessage().contains("limit of 20000"), e.getMessage());
    }

    @Test
    void aBadUpdatedAtIsRejectedWithTheExpectedForm() throws Exception {
        Path file = Files.writeString(dir.resolve("d.md"), "---\nupdated-at: last tuesday\n---\nText.\n");
        ArticleRejectedException e = assertThrows(ArticleRejectedException.class, () -> reader.read(file, "d.md"));
        assertTrue(e.getMessage().contains("2026-03-01"), e.getMessage());
    }

    @Test
    void theContentHashChangesWithTheContentAndThePipeline() throws Exception {
        Path file = Files.writeString(dir.resolve("a.md"), "Some text.");
        String first = reader.read(file, "a.md").contentHash();
        assertEquals(first, reader.read(file, "a.md").contentHash());
        assertNotEquals(first, new ArticleReader("help", "en", 1 << 20, 20_000, "other").read(file, "a.md").contentHash());
        Files.writeString(file, "Other text.");
        assertNotEquals(first, reader.read(file, "a.md").contentHash());
    }
}
