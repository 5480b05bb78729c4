package io.mailtune.ingest.mime;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readable plain text from an HTML mail body: block elements become line breaks, list items dashes, and
 * {@code <blockquote>} content is prefixed with "> " so that quote stripping treats HTML and text mail alike.
 */
public final class HtmlText {

    /** Comments, scripts, styles, and XML declarations and processing instructions ({@code <?xml …?>} from Word). */
    private static final Pattern DROPPED = Pattern.compile(
            "<(?:!--.*?-->|(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>|\\?[^>]*>)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*>|<![^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final java.util.Set<String> BLOCKS = java.util.Set.of("p", "div", "br", "tr", "table", "ul", "ol",
            "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "section", "article", "header", "footer", "center", "address");
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("nbsp", " "), Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("hellip", "…"), Map.entry("mdash", "—"),
            Map.entry("ndash", "–"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"), Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("copy", "©"),
            Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("eacute", "é"), Map.entry("egrave", "è"),
            Map.entry("agrave", "à"), Map.entry("auml", "ä"), Map.entry("ouml", "ö"), Map.entry("uuml", "ü"),
            Map.entry("Auml", "Ä"), Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"), Map.entry("szlig", "ß"),
            Map.entry("ccedil", "ç"), Map.entry("ntilde", "ñ"), Map.entry("bull", "•"), Map.entry("middot", "·"));

    private HtmlText() {
    }

    /** Converts an HTML document or fragment to text. */
    public static String toText(String html) {
        String cleaned = DROPPED.matcher(html).replaceAll(" ");
        Lines lines = new Lines();
        Matcher tag = TAG.matcher(cleaned);
        int at = 0;
        int preDepth = 0;
        while (tag.find()) {
            lines.text(cleaned.substring(at, tag.start()), preDepth > 0);
            at = tag.end();
            if (tag.group(2) == null) {
                continue;
            }
            boolean closing = !tag.group(1).isEmpty();
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            switch (name) {
                case "blockquote" -> {
                    lines.breakLine();
                    lines.quoteDepth += closing ? (lines.quoteDepth > 0 ? -1 : 0) : 1;
                }
                case "li" -> {
                    lines.breakLine();
                    if (!closing) {
                        lines.text("- ", true);
                    }
                }
                case "pre" -> {
                    lines.breakLine();
                    preDepth += closing ? (preDepth > 0 ? -1 : 0) : 1;
                }
                case "td", "th" -> {
                    if (!closing) {
                        lines.text(" ", false);
                    }
                }
                default -> {
                    if (BLOCKS.contains(name)) {
                        if (name.equals("br")) {
                            lines.forceBreak();
                        } else {
                            lines.breakLine();
                        }
                    }
                }
            }
        }
        lines.text(cleaned.substring(at), preDepth > 0);
        lines.breakLine();
        return lines.result();
    }

    /** Decodes named and numeric character references; unknown names stay as written. */
    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String ref = m.group(1);
            String replacement;
            if (ref.charAt(0) == '#') {
                int code = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')
                        ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
                replacement = Character.isValidCodePoint(code) && code != 0 ? Character.toString(code == 0xA0 ? ' ' : code) : "\uFFFD";
            } else {
                replacement = ENTITIES.getOrDefault(ref, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Output lines, each remembering the quote depth at which its first text was written. */
    private static final class Lines {
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private int quoteDepth;
        private int lineDepth;
        private int blankRun;

        void text(String raw, boolean preformatted) {
            String text = decodeEntities(raw);
            if (preformatted) {
                String[] parts = text.split("\n", -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        forceBreak();
                    }
                    append(parts[i]);
                }
                return;
            }
            String collapsed = text.replaceAll("[\\s\\u00A0]+", " ");
            if (line.isEmpty()) {
                collapsed = collapsed.stripLeading();
            }
            append(collapsed);
        }

        private void append(String text) {
            if (text.isEmpty()) {
                return;
            }
            if (line.isEmpty()) {
                lineDepth = quoteDepth;
            }
            line.append(text);
        }

        void breakLine() {
            if (!line.isEmpty()) {
                forceBreak();
            }
        }

        void forceBreak() {
            String text = line.toString().strip();
            line.setLength(0);
            if (text.isEmpty()) {
                if (++blankRun > 1 || out.isEmpty()) {
                    return;
                }
                out.append('\n');
                return;
            }
            blankRun = 0;
            out.append("> ".repeat(lineDepth)).append(text).append('\n');
        }

        String result() {
            return out.toString().strip();
        }
    }
}
