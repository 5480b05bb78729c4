package io.mailtune.retrieval.chunk;

import io.mailtune.retrieval.source.Article;
import io.mailtune.retrieval.source.Block;
import io.mailtune.retrieval.source.Section;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits articles into passages that never cross a heading, never split a list item, keep a list together where it
 * fits within {@link ChunkingPolicy#maxChars}, and repeat the tail of the previous passage so no sentence loses its
 * context at a boundary.
 */
public final class Chunker {

    private final ChunkingPolicy policy;

    /** Creates a chunker with a policy. */
    public Chunker(ChunkingPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must not be null");
        }
        this.policy = policy;
    }

    /** The passages of an article, in reading order. */
    public List<Chunk> chunk(Article article) {
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : article.sections()) {
            List<String> parts = chunkSection(section);
            String anchorPart = section.anchor().isEmpty() ? "top" : section.anchor();
            for (int i = 0; i < parts.size(); i++) {
                chunks.add(new Chunk(article.id() + "#" + anchorPart + "/" + i, chunks.size(), section.heading(),
                        section.anchor(), parts.get(i)));
            }
        }
        return chunks;
    }

    private List<String> chunkSection(Section section) {
        List<Block> units = new ArrayList<>();
        for (Block block : section.blocks()) {
            units.addAll(splitLong(block));
        }
        List<String> out = new ArrayList<>();
        List<Block> current = new ArrayList<>();
        int length = 0;
        int fresh = 0;
        for (Block unit : units) {
            int added = unit.text().length() + (current.isEmpty() ? 0 : 1);
            boolean fits = length + added <= policy.targetChars();
            boolean listContinues = unit.kind() == Block.Kind.LIST_ITEM && !current.isEmpty()
                    && current.getLast().kind() == Block.Kind.LIST_ITEM && length + added <= policy.maxChars();
            if (current.isEmpty() || fits || listContinues) {
                current.add(unit);
                length += added;
                fresh++;
                continue;
            }
            out.add(join(current));
            current = overlapTail(current);
            length = join(current).length();
            current.add(unit);
            length += unit.text().length() + (current.size() > 1 ? 1 : 0);
            fresh = 1;
        }
        if (fresh > 0) {
            out.add(join(current));
        }
        return out;
    }

    /** The trailing blocks (or last sentence) of a closed passage that fit in the overlap budget. */
    private List<Block> overlapTail(List<Block> closed) {
        List<Block> tail = new ArrayList<>();
        int budget = policy.overlapChars();
        for (int i = closed.size() - 1; i >= 0; i--) {
            Block block = closed.get(i);
            if (block.text().length() <= budget) {
                tail.addFirst(block);
                budget -= block.text().length() + 1;
                continue;
            }
            if (tail.isEmpty() && block.kind() == Block.Kind.PARAGRAPH) {
                List<String> sentences = sentences(block.text());
                String last = sentences.getLast().strip();
                if (sentences.size() > 1 && last.length() <= budget) {
                    tail.add(new Block(Block.Kind.PARAGRAPH, last));
                }
            }
            break;
        }
        return tail;
    }

    /** Splits a block longer than the target between sentences (prose) or lines (code, table rows). */
    private List<Block> splitLong(Block block) {
        if (block.text().length() <= policy.targetChars()) {
            return List.of(block);
        }
        boolean lines = block.kind() == Block.Kind.CODE || block.kind() == Block.Kind.TABLE;
        List<String> pieces = lines ? List.of(block.text().split("\n")) : sentences(block.text());
        List<Block> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            for (String bounded : hardWrap(piece.strip())) {
                if (!current.isEmpty() && current.length() + 1 + bounded.length() > policy.targetChars()) {
                    out.add(new Block(block.kind(), current.toString()));
                    current.setLength(0);
                }
                if (!current.isEmpty()) {
                    current.append(lines ? "\n" : " ");
                }
                current.append(bounded);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(new Block(block.kind(), current.toString()));
        }
        return out;
    }

    /** Cuts a run-on sentence with no full stop at the last space before the target length. */
    private List<String> hardWrap(String piece) {
        List<String> out = new ArrayList<>();
        String rest = piece;
        while (rest.length() > policy.targetChars()) {
            int cut = rest.lastIndexOf(' ', policy.targetChars());
            if (cut <= 0) {
                cut = policy.targetChars();
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isBlank()) {
            out.add(rest);
        }
        return out;
    }

    private static List<String> sentences(String text) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        iterator.setText(text);
        List<String> out = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = text.substring(start, end);
            if (!sentence.isBlank()) {
                out.add(sentence);
            }
        }
        return out.isEmpty() ? List.of(text) : out;
    }

    private static String join(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(block.text());
        }
        return out.toString();
    }
}
