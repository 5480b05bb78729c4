package io.mailtune.retrieval.source;

import io.mailtune.retrieval.testing.HelpCentre;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HtmlParserTest {

    @Test
    void scriptsAndStylesAreNotText() {
        ParsedDocument doc = HtmlParser.parse(HelpCentre.PASSWORD);
        String all = String.join(" ", doc.sections().stream().flatMap(s -> s.blocks().stream()).map(Block::text).toList());
        assertFalse(all.contains("tracking"));
        assertFalse(all.contains("color"));
    }

    @Test
    void headingsListItemsAndMetadataAreFound() {
        ParsedDocument doc = HtmlParser.parse(HelpCentre.PASSWORD);
        assertEquals(List.of("reset-your-password", "steps", "the-email-never-arrived"), doc.sections().stream().map(Section::anchor).toList());
        List<Block> steps = doc.sections().get(1).blocks();
        assertEquals(3, steps.size());
        assertEquals("- Open the sign-in page and click Forgot password.", steps.getFirst().text());
        assertEquals("password-reset", doc.metadata().get("id"));
        assertEquals("https://help.example.com/password", doc.metadata().get("url"));
        assertEquals("en", doc.metadata().get("language"));
    }

    @Test
    void entitiesAreDecoded() {
        ParsedDocument doc = HtmlParser.parse("<p>Fish &amp; chips &#8364;5 &eacute;&nbsp;x</p>");
        assertEquals("Fish & chips €5 &eacute; x", doc.sections().getFirst().blocks().getFirst().text());
    }

    @Test
    void unterminatedTagsAndCommentsEndTheTextWithoutError() {
        ParsedDocument doc = HtmlParser.parse("<p>kept</p><!-- never closed <p>lost");
        assertEquals("kept", doc.sections().getFirst().blocks().getFirst().text());
    }
}
