package io.mailtune.agent.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Customers' HTML mail made safe to look at: an allowlist (jsoup's {@link Safelist}) keeps text, tables and simple
 * formatting and drops everything active (script, event handlers, forms, frames, {@code <meta>}, {@code <style>} and
 * its {@code @import}, {@code <link>}, {@code <base>}); inline styles survive only as properties that lay text out
 * (colours, fonts, spacing, borders, alignment), never positioning or anything that loads ({@code url()}); links keep
 * http, https and mailto only and open in a new tab without a referrer; images show only when the message carries them
 * itself ({@code cid:}, turned into {@code data:} URIs), remote ones are counted and left out. Quoted history
 * ({@code <blockquote>}, Gmail's and Outlook's quote blocks) folds into a {@code <details>}. The desk shows the result in
 * a sandboxed frame without scripts under a Content-Security-Policy that blocks every load: this class is the first of
 * two walls, not the only one.
 */
public final class MailHtml {

    /** What sanitising produced. */
    public record Sanitised(String body, int remoteImagesBlocked) {
    }

    private static final Set<String> STYLE_PROPERTIES = Set.of("color", "background-color", "font-weight", "font-style",
            "font-size", "font-family", "text-align", "text-decoration", "text-transform", "vertical-align", "line-height",
            "letter-spacing", "white-space", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
            "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "border", "border-top", "border-right",
            "border-bottom", "border-left", "border-color", "border-style", "border-width", "border-collapse",
            "border-spacing", "border-radius", "width", "height", "max-width", "min-width", "list-style-type");
    private static final Pattern UNSAFE_VALUE = Pattern.compile("url\\(|expression|javascript:|@|\\\\|<|>|/\\*|attr\\(|var\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPERTY = Pattern.compile("[a-z-]{1,40}");
    private static final Pattern REMOTE = Pattern.compile("^\\s*(https?:)?//", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATA_IMAGE = Pattern.compile("^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$");

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("font", "center", "hr", "s", "del", "ins", "mark", "abbr", "address", "article", "section",
                    "header", "footer", "figure", "figcaption")
            .addAttributes(":all", "style", "align", "dir", "lang", "title")
            .addAttributes("font", "color", "face", "size")
            .addAttributes("table", "border", "cellpadding", "cellspacing", "bgcolor", "align", "width")
            .addAttributes("tr", "bgcolor", "valign")
            .addAttributes("td", "bgcolor", "valign", "height", "nowrap")
            .addAttributes("th", "bgcolor", "valign", "height", "nowrap")
            .addAttributes("img", "border")
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "data")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank")
            .preserveRelativeLinks(false);

    private MailHtml() {
    }

    /**
     * Sanitises a message's HTML; {@code images} maps the message's own Content-IDs to {@code data:} URIs.
     */
    public static Sanitised sanitise(String html, Map<String, String> images) {
        Document dirty = Jsoup.parse(html == null ? "" : html);
        int remote = 0;
        for (Element img : dirty.select("img")) {
            String src = img.attr("src").strip();
            if (src.regionMatches(true, 0, "cid:", 0, 4)) {
                String data = images.get(src.substring(4));
                if (data != null) {
                    img.attr("src", data);
                } else {
                    img.remove();
                }
            } else if (REMOTE.matcher(src).find() || !src.startsWith("data:")) {
                remote += REMOTE.matcher(src).find() ? 1 : 0;
                img.replaceWith(new Element("span").addClass("mailtune-blocked").text("[image: " + describe(img) + "]"));
            }
        }
        // Background images and the like are remote loads too: count them before the allowlist drops the attributes.
        remote += dirty.select("[background]").size();
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        for (Element img : clean.select("img")) {
            if (!DATA_IMAGE.matcher(img.attr("src")).matches()) {
                img.remove();
            }
        }
        for (Element styled : clean.select("[style]")) {
            String style = safeStyle(styled.attr("style"));
            if (style.isEmpty()) {
                styled.removeAttr("style");
            } else {
                styled.attr("style", style);
            }
        }
        foldQuotes(clean);
        clean.outputSettings().prettyPrint(false);
        return new Sanitised(clean.body().html(), remote);
    }

    /** The declarations of an inline style that only lay text out; everything else dropped. */
    static String safeStyle(String style) {
        List<String> kept = new ArrayList<>();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip();
            if (PROPERTY.matcher(property).matches() && STYLE_PROPERTIES.contains(property) && !value.isEmpty()
                    && value.length() < 200 && !UNSAFE_VALUE.matcher(value).find()) {
                kept.add(property + ": " + value);
            }
        }
        return String.join("; ", kept);
    }

    private static void foldQuotes(Document doc) {
        for (Element quote : doc.select("blockquote, div.gmail_quote, div#divRplyFwdMsg, div#appendonsend")) {
            if (quote.parents().stream().anyMatch(p -> p.tagName().equals("details"))) {
                continue;
            }
            Element details = new Element("details").addClass("mailtune-quote");
            details.appendElement("summary").text("Quoted text");
            quote.before(details);
            details.appendChild(quote);
        }
    }

    private static String describe(Element img) {
        String alt = img.attr("alt").strip();
        return alt.isEmpty() ? "remote image blocked" : alt.substring(0, Math.min(60, alt.length())) + ", remote image blocked";
    }
}
