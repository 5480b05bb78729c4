package io.mailtune.retrieval.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extracts headings, paragraphs, list items and preformatted text from HTML in one linear pass, so a
 * multi-megabyte page costs time in proportion to its size and never recurses. Scripts, styles and comments are dropped.
 */
final class HtmlParser {

    private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "svg");
    private static final Set<String> BLOCK_BREAKS = Set.of(
            "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "table", "tr", "blockquote",
            "ul", "ol", "dl", "dt", "dd", "form", "hr", "br", "body", "figure", "figcaption");
    private static final Map<String, String> ENTITIES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "ndash", "–", "mdash", "—",
            "hellip", "…", "rsquo", "’");

    private final String html;
    private final SectionBuilder sections = new SectionBuilder();
    private final Map<String, String> metadata = new HashMap<>();
    private final StringBuilder text = new StringBuilder();
    private Block.Kind kind = Block.Kind.PARAGRAPH;
    private int headingLevel;
    private boolean inTitle;
    private boolean inPre;
    private final StringBuilder title = new StringBuilder();

    private HtmlParser(String html) {
        this.html = html;
    }

    /** Parses a whole HTML document. */
    static ParsedDocument parse(String html) {
        return new HtmlParser(html).run();
    }

    private ParsedDocument run() {
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                int next = html.indexOf('<', i);
                int end = next < 0 ? n : next;
                appendText(decodeEntities(html.substring(i, end)));
                i = end;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            int close = html.indexOf('>', i + 1);
            if (close < 0) {
                break;
            }
            String tag = html.substring(i + 1, close);
            i = close + 1;
            boolean closing = tag.startsWith("/");
            String name = tagName(closing ? tag.substring(1) : tag);
            if (name.isEmpty() || name.startsWith("!") || name.startsWith("?")) {
                continue;
            }
            if (!closing && SKIPPED.contains(name) && !tag.endsWith("/")) {
                int end = indexOfIgnoreCase(html, "</" + name, i);
                int gt = end < 0 ? -1 : html.indexOf('>', end);
                i = gt < 0 ? n : gt + 1;
                continue;
            }
            handleTag(name, tag, closing);
        }
        flush();
        String declaredTitle = sections.firstTopHeading() != null ? sections.firstTopHeading() : nullIfBlank(Text.collapseSpaces(title.toString()));
        return new ParsedDocument(metadata, declaredTitle, sections.build(declaredTitle == null ? "" : declaredTitle));
    }

    private void handleTag(String name, String tag, boolean closing) {
        if (name.equals("title")) {
            inTitle = !closing;
            return;
        }
        if (name.equals("meta") && !closing) {
            String key = attribute(tag, "name");
            if (key == null) {
                key = attribute(tag, "property");
            }
            String value = attribute(tag, "content");
            if (key != null && value != null) {
                metadata.put(key.toLowerCase(Locale.ROOT).replace('_', '-'), decodeEntities(value));
            }
            return;
        }
        if (name.equals("link") && !closing && "canonical".equalsIgnoreCase(attribute(tag, "rel"))) {
            String href = attribute(tag, "href");
            if (href != null) {
                metadata.putIfAbsent("url", href);
            }
            return;
        }
        if (name.equals("html") && !closing) {
            String lang = attribute(tag, "lang");
            if (lang != null) {
                metadata.putIfAbsent("language", lang);
            }
            return;
        }
        if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
            flush();
            if (closing) {
                headingLevel = 0;
            } else {
                headingLevel = name.charAt(1) - '0';
            }
            return;
        }
        if (name.equals("li")) {
            flush();
            kind = closing ? Block.Kind.PARAGRAPH : Block.Kind.LIST_ITEM;
            if (!closing) {
                text.append("- ");
            }
            return;
        }
        if (name.equals("pre")) {
            flush();
            inPre = !closing;
            kind = closing ? Block.Kind.PARAGRAPH : Block.Kind.CODE;
            return;
        }
        if (BLOCK_BREAKS.contains(name) || name.equals("td") || name.equals("th")) {
            if (name.equals("td") || name.equals("th")) {
                text.append(' ');
                return;
            }
            if (kind != Block.Kind.LIST_ITEM || name.equals("ul") || name.equals("ol")) {
                flush();
                kind = Block.Kind.PARAGRAPH;
            } else {
                text.append(' ');
            }
        }
    }

    private void appendText(String decoded) {
        if (inTitle) {
            title.append(decoded);
        } else {
            text.append(inPre ? decoded : decoded.replace('\n', ' '));
        }
    }

    private void flush() {
        String content = text.toString();
        text.setLength(0);
        if (headingLevel > 0) {
            sections.heading(headingLevel, content);
            return;
        }
        String check = content.strip();
        if (kind == Block.Kind.LIST_ITEM && check.equals("-")) {
            return;
        }
        sections.block(kind, content);
    }

    private static String tagName(String tag) {
        int end = 0;
        while (end < tag.length() && !Character.isWhitespace(tag.charAt(end)) && tag.charAt(end) != '/' && tag.charAt(end) != '>') {
            end++;
        }
        return tag.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static String attribute(String tag, String attribute) {
        String lower = tag.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = lower.indexOf(attribute, from);
            if (at < 0) {
                return null;
            }
            from = at + attribute.length();
            boolean boundary = at > 0 && Character.isWhitespace(lower.charAt(at - 1));
            int eq = from;
            while (eq < lower.length() && lower.charAt(eq) == ' ') {
                eq++;
            }
            if (!boundary || eq >= lower.length() || lower.charAt(eq) != '=') {
                continue;
            }
            int start = eq + 1;
            while (start < tag.length() && tag.charAt(start) == ' ') {
                start++;
            }
            if (start >= tag.length()) {
                return null;
            }
            char quote = tag.charAt(start);
            if (quote == '"' || quote == '\'') {
                int end = tag.indexOf(quote, start + 1);
                return end < 0 ? tag.substring(start + 1) : tag.substring(start + 1, end);
            }
            int end = start;
            while (end < tag.length() && !Character.isWhitespace(tag.charAt(end)) && tag.charAt(end) != '/') {
                end++;
            }
            return tag.substring(start, end);
        }
    }

    private static int indexOfIgnoreCase(String haystack, String needle, int from) {
        int n = haystack.length() - needle.length();
        for (int i = from; i <= n; i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i + 1) : -1;
            if (semi > 0 && semi - i <= 10) {
                String entity = s.substring(i + 1, semi);
                String decoded = decodeEntity(entity);
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String decodeEntity(String entity) {
        if (entity.startsWith("#")) {
            try {
                int code = entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X')
                        ? Integer.parseInt(entity.substring(2), 16)
                        : Integer.parseInt(entity.substring(1));
                return Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(entity.toLowerCase(Locale.ROOT));
    }

    private static String nullIfBlank(String s) {
        return s.isBlank() ? null : s;
    }
}
