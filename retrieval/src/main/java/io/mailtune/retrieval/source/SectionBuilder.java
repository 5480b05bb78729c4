package io.mailtune.retrieval.source;

import java.util.ArrayList;
import java.util.List;

/** Collects blocks under headings while a parser walks a document; the parsers share it so anchors agree. */
final class SectionBuilder {

    private final Anchors anchors = new Anchors();
    private final List<Section> sections = new ArrayList<>();
    private String heading = "";
    private String anchor = "";
    private int level;
    private List<Block> blocks = new ArrayList<>();
    private String firstTopHeading;

    /** Starts a new section under a heading of the given level. */
    void heading(int headingLevel, String text) {
        String clean = Text.collapseSpaces(text);
        if (clean.isEmpty()) {
            return;
        }
        flush();
        if (headingLevel == 1 && firstTopHeading == null) {
            firstTopHeading = clean;
        }
        heading = clean;
        anchor = anchors.next(clean);
        level = headingLevel;
    }

    /** Adds a block of text to the current section; blank text is ignored. */
    void block(Block.Kind kind, String text) {
        String clean = switch (kind) {
            case CODE -> text.strip();
            case TABLE -> text.lines().map(Text::collapseSpaces).filter(l -> !l.isEmpty())
                    .reduce((a, b) -> a + "\n" + b).orElse("");
            default -> Text.collapseSpaces(text);
        };
        if (!clean.isEmpty()) {
            blocks.add(new Block(kind, clean));
        }
    }

    /** The first level-1 heading, used as the title when no front matter names one. */
    String firstTopHeading() {
        return firstTopHeading;
    }

    /** The finished sections; text before the first heading gets the title as its heading and an empty anchor. */
    List<Section> build(String title) {
        flush();
        List<Section> out = new ArrayList<>(sections.size());
        for (Section s : sections) {
            out.add(s.level() == 0 ? new Section(title, "", 0, s.blocks()) : s);
        }
        return out;
    }

    private void flush() {
        if (!blocks.isEmpty()) {
            sections.add(new Section(heading, anchor, level, blocks));
        }
        blocks = new ArrayList<>();
    }
}
