package io.mailtune.agent.web;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailHtmlTest {

    private static String clean(String html) {
        return MailHtml.sanitise(html, Map.of()).body();
    }

    @Test
    void scriptsEventHandlersAndJavascriptLinksAreDropped() {
        String out = clean("<p onclick=\"steal()\">Hi</p><script>steal()</script><a href=\"javascript:steal()\">x</a>"
                + "<svg onload=\"steal()\"></svg><img src=x onerror=steal()>");
        assertFalse(out.contains("script"), out);
        assertFalse(out.contains("onclick"), out);
        assertFalse(out.contains("onerror"), out);
        assertFalse(out.contains("javascript"), out);
        assertFalse(out.contains("svg"), out);
        assertTrue(out.contains("<p>Hi</p>"), out);
    }

    @Test
    void nothingThatLoadsOrNavigatesSurvives() {
        String out = clean("<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\"><base href=\"http://evil.example/\">"
                + "<link rel=stylesheet href=\"http://evil.example/x.css\"><style>@import url(http://evil.example/i.css);</style>"
                + "<iframe src=\"http://evil.example/\"></iframe><object data=\"http://evil.example/o\"></object>"
                + "<form action=\"http://evil.example/post\"><input name=card><button>Pay</button></form>"
                + "<table background=\"http://evil.example/t.png\"><tr><td>cell</td></tr></table>");
        assertFalse(out.contains("evil.example"), out);
        for (String tag : new String[]{"<meta", "<base", "<link", "<style", "<iframe", "<object", "<form", "<input"}) {
            assertFalse(out.contains(tag), tag + " in " + out);
        }
        assertTrue(out.contains("cell"), "the table's text stays: " + out);
    }

    @Test
    void remoteImagesAreCountedAndLeftOutWhileTheMessagesOwnImagesShow() {
        MailHtml.Sanitised s = MailHtml.sanitise("<img src=\"https://tracker.example/pixel.gif\" alt=\"Logo\">"
                + "<img src=\"//cdn.example/a.png\"><img src=\"cid:logo@shop\"><img src=\"cid:missing\">",
                Map.of("logo@shop", "data:image/png;base64,iVBORw0KGgo="));
        assertEquals(2, s.remoteImagesBlocked());
        assertFalse(s.body().contains("tracker.example") || s.body().contains("cdn.example"), s.body());
        assertTrue(s.body().contains("src=\"data:image/png;base64,iVBORw0KGgo=\""), s.body());
        assertTrue(s.body().contains("[image: Logo, remote image blocked]"), s.body());
        assertEquals(1, s.body().split("<img", -1).length - 1, "only the message's own image: " + s.body());
    }

    @Test
    void inlineStylesKeepTypographyButNeverPositioningOrLoads() {
        assertEquals("color: #c00; font-weight: bold", MailHtml.safeStyle("color: #c00; position: fixed; font-weight: bold;"
                + " top: 0; z-index: 9999"));
        assertEquals("", MailHtml.safeStyle("background: url(http://evil.example/x.png)"));
        assertEquals("", MailHtml.safeStyle("background-color: expression(alert(1))"));
        assertEquals("padding: 4px", MailHtml.safeStyle("padding: 4px; behavior: url(x.htc); -moz-binding: url(x)"));
        String out = clean("<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</div>");
        assertFalse(out.contains("position"), out);
        assertTrue(out.contains("width: 100%"), out);
    }

    @Test
    void linksOpenInANewTabWithoutReferrerAndOnlyForWebAndMail() {
        String out = clean("<a href=\"https://shop.example/order/1\">order</a><a href=\"mailto:help@shop.example\">mail</a>"
                + "<a href=\"file:///etc/passwd\">file</a>");
        assertTrue(out.contains("href=\"https://shop.example/order/1\""), out);
        assertTrue(out.contains("rel=\"noopener noreferrer nofollow\"") && out.contains("target=\"_blank\""), out);
        assertTrue(out.contains("mailto:help@shop.example"), out);
        assertFalse(out.contains("file:"), out);
    }

    @Test
    void quotedHistoryFoldsIntoDetails() {
        String out = clean("<p>New words</p><blockquote>old words<blockquote>older</blockquote></blockquote>");
        assertTrue(out.startsWith("<p>New words</p><details class=\"mailtune-quote\"><summary>Quoted text</summary><blockquote>"), out);
        assertEquals(1, out.split("<details", -1).length - 1, "nested quotes fold once: " + out);
    }

    @Test
    void tablesKeepTheirLayoutAttributes() {
        String out = clean("<table width=\"600\" cellpadding=\"4\" border=\"1\"><tr><td align=\"right\" bgcolor=\"#eee\">12.00</td></tr></table>");
        assertTrue(out.contains("width=\"600\"") && out.contains("cellpadding=\"4\"") && out.contains("align=\"right\""), out);
    }
}
