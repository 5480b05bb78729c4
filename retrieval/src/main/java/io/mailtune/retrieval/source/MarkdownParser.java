package io.mailtune.retrieval.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses CommonMark-style help articles: ATX headings, paragraphs, bullet and numbered lists, fenced code, tables. */
final class MarkdownParser {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)([-*+]|\\d{1,3}[.)])\\s+(.*)$");

    private MarkdownParser() {
    }

    /** Parses a whole Markdown document, front matter included. */
    static ParsedDocument parse(String text) {
        FrontMatter.Split split = FrontMatter.split(text);
        SectionBuilder sections = new SectionBuilder();
        StringBuilder paragraph = new StringBuilder();
        StringBuilder item = null;
        StringBuilder code = null;
        String[] lines = split.body().split("\r?\n", -1);
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (code != null) {
                if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                    sections.block(Block.Kind.CODE, code.toString());
                    code = null;
                } else {
                    code.append(raw).append('\n');
                }
                continue;
            }
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                flushParagraph(sections, paragraph);
                item = flushItem(sections, item);
                code = new StringBuilder();
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                flushParagraph(sections, paragraph);
                item = flushItem(sections, item);
                sections.heading(heading.group(1).length(), Text.stripInlineMarkdown(heading.group(2)));
                continue;
            }
            if (line.isBlank()) {
                flushParagraph(sections, paragraph);
                item = flushItem(sections, item);
                continue;
            }
            Matcher listItem = LIST_ITEM.matcher(line);
            if (listItem.matches()) {
                flushParagraph(sections, paragraph);
                flushItem(sections, item);
                String marker = Character.isDigit(listItem.group(2).charAt(0)) ? listItem.group(2) : "-";
                item = new StringBuilder(marker).append(' ').append(Text.stripInlineMarkdown(listItem.group(3)));
                continue;
            }
            String content = Text.stripInlineMarkdown(line.strip().startsWith(">") ? line.strip().substring(1) : line);
            if (item != null && Character.isWhitespace(raw.isEmpty() ? 'x' : raw.charAt(0))) {
                item.append(' ').append(content.strip());
            } else {
                item = flushItem(sections, item);
                boolean tableRow = line.strip().startsWith("|");
                if (!paragraph.isEmpty() && (paragraph.charAt(0) == '|') != tableRow) {
                    flushParagraph(sections, paragraph);
                }
                if (isTableRule(line)) {
                    continue;
                }
                paragraph.append(content.strip()).append(tableRow ? "\n" : " ");
            }
        }
        if (code != null) {
            sections.block(Block.Kind.CODE, code.toString());
        }
        flushParagraph(sections, paragraph);
        flushItem(sections, item);
        String title = sections.firstTopHeading();
        return new ParsedDocument(split.values(), title, sections.build(title == null ? "" : title));
    }

    private static boolean isTableRule(String line) {
        String s = line.strip();
        return s.startsWith("|") && s.chars().allMatch(c -> c == '|' || c == '-' || c == ':' || c == ' ');
    }

    /** Emits the buffered paragraph, or table when the buffer holds table rows (they are never mixed). */
    private static void flushParagraph(SectionBuilder sections, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            sections.block(paragraph.charAt(0) == '|' ? Block.Kind.TABLE : Block.Kind.PARAGRAPH, paragraph.toString());
            paragraph.setLength(0);
        }
    }

    private static StringBuilder flushItem(SectionBuilder sections, StringBuilder item) {
        if (item != null) {
            sections.block(Block.Kind.LIST_ITEM, item.toString());
        }
        return null;
    }
}
