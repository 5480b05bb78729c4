package io.mailtune.demo.synthetic;

import java.util.Map;

/**
 * One help article of a synthetic company, with what the generator knows about it.
 *
 * @param id             stable id (the file name)
 * @param title          the title
 * @param task           what it explains
 * @param keyInstruction the sentence a correct answer must contain, verbatim in the body
 * @param facts          sentences answering follow-on questions, by the question they answer, verbatim in the body
 * @param markdown       the article as a Markdown file with front matter
 */
public record SyntheticArticle(String id, String title, Task task, String keyInstruction, Map<Question, String> facts,
                               String markdown) {

    /** Validates that the key instruction and every fact occur verbatim in the text. */
    public SyntheticArticle {
        if (!markdown.contains(keyInstruction)) {
            throw new IllegalArgumentException("article " + id + ": key instruction not in the text: " + keyInstruction);
        }
        for (String fact : facts.values()) {
            if (!markdown.contains(fact)) {
                throw new IllegalArgumentException("article " + id + ": fact not in the text: " + fact);
            }
        }
        facts = Map.copyOf(facts);
    }

    /** What a customer asks about a task; each kind of question is answered by its own sentence. */
    public enum Question {
        /** How to do it: the key instruction. */
        HOW,
        /** How long it takes. */
        TIMING,
        /** Who may do it. */
        PERMISSION,
        /** How often or how much. */
        LIMIT,
        /** What it costs. */
        COST
    }
}
