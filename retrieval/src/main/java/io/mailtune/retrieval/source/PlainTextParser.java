package io.mailtune.retrieval.source;

import java.util.regex.Pattern;

/**
 * Parses plain-text articles: an optional front-matter block, a first short line followed by a blank line as the
 * title, paragraphs separated by blank lines, and lines starting with a bullet or number as list items.
 */
final class PlainTextParser {

    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*•]|\\d{1,3}[.)])\\s+.*");
    private static final int MAX_TITLE_CHARS = 120;

    private PlainTextParser() {
    }

    /** Parses a whole plain-text document. */
    static ParsedDocument parse(String text) {
        FrontMatter.Split split = FrontMatter.split(text);
        String[] lines = split.body().split("\r?\n", -1);
        int start = 0;
        while (start < lines.length && lines[start].isBlank()) {
            start++;
        }
        String title = null;
        if (start + 1 < lines.length && lines[start + 1].isBlank() && lines[start].strip().length() <= MAX_TITLE_CHARS) {
            title = lines[start].strip();
            start++;
        }
        SectionBuilder sections = new SectionBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (int i = start; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                flush(sections, paragraph);
            } else if (LIST_ITEM.matcher(line).matches()) {
                flush(sections, paragraph);
                sections.block(Block.Kind.LIST_ITEM, line.strip());
            } else {
                paragraph.append(line.strip()).append(' ');
            }
        }
        flush(sections, paragraph);
        return new ParsedDocument(split.values(), title, sections.build(title == null ? "" : title));
    }

    private static void flush(SectionBuilder sections, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            sections.block(Block.Kind.PARAGRAPH, paragraph.toString());
            paragraph.setLength(0);
        }
    }
}
