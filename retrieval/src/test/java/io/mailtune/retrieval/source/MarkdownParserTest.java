package io.mailtune.retrieval.source;

import io.mailtune.retrieval.testing.HelpCentre;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownParserTest {

    @Test
    void headingsBecomeSectionsWithGithubStyleAnchors() {
        ParsedDocument doc = MarkdownParser.parse(HelpCentre.REFUNDS);
        List<String> anchors = doc.sections().stream().map(Section::anchor).toList();
        assertEquals(List.of("refunds-and-returns", "how-long-a-refund-takes", "items-we-cannot-take-back"), anchors);
        assertEquals("Refunds and returns", doc.title());
    }

    @Test
    void eachListItemIsOneBlock() {
        ParsedDocument doc = MarkdownParser.parse("# T\n\n- first item\n  continues here\n- second *item*\n1. numbered [link](http://x)\n");
        List<Block> blocks = doc.sections().getFirst().blocks();
        assertEquals(List.of("- first item continues here", "- second item", "1. numbered link"), blocks.stream().map(Block::text).toList());
        assertTrue(blocks.stream().allMatch(b -> b.kind() == Block.Kind.LIST_ITEM));
    }

    @Test
    void frontMatterIsMetadataNotText() {
        ParsedDocument doc = MarkdownParser.parse(HelpCentre.REFUNDS);
        assertEquals("refunds", doc.metadata().get("id"));
        assertEquals("2026-03-01", doc.metadata().get("updated-at"));
        assertTrue(doc.sections().stream().flatMap(s -> s.blocks().stream()).noneMatch(b -> b.text().contains("product:")));
    }

    @Test
    void repeatedHeadingsGetNumberedAnchors() {
        ParsedDocument doc = MarkdownParser.parse("## Fees\n\na\n\n## Fees\n\nb\n");
        assertEquals(List.of("fees", "fees-1"), doc.sections().stream().map(Section::anchor).toList());
    }

    @Test
    void aTableKeepsOneRowPerLineApartFromTheParagraphBeforeIt() {
        ParsedDocument doc = MarkdownParser.parse("# T\n\nHow long it takes:\n| Method   | Time |\n|---|---|\n| **PayPal** | 24 hours |\nAfter the table.\n");
        List<Block> blocks = doc.sections().getFirst().blocks();
        assertEquals(List.of(Block.Kind.PARAGRAPH, Block.Kind.TABLE, Block.Kind.PARAGRAPH), blocks.stream().map(Block::kind).toList());
        assertEquals("| Method | Time |\n| PayPal | 24 hours |", blocks.get(1).text());
    }

    @Test
    void fencedCodeIsKeptVerbatim() {
        ParsedDocument doc = MarkdownParser.parse("# T\n\n```\n# not a heading\n  indented\n```\n");
        Block code = doc.sections().getFirst().blocks().getFirst();
        assertEquals(Block.Kind.CODE, code.kind());
        assertEquals("# not a heading\n  indented", code.text());
    }
}
