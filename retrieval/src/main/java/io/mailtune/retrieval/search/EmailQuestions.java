package io.mailtune.retrieval.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sentences of an email worth searching on their own: a multi-question email's second question is often answered
 * by another article than the one the whole email matches best, and a follow-up's new question sits under a subject
 * about the old one. Questions first (in the order written), then the longest other sentences.
 */
public final class EmailQuestions {

    /** The most sentences searched on their own per email (each costs one query encoding and one search). */
    public static final int MAX = 4;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");
    /** Fewer words than this is a greeting, a thanks or a sign-off, not something to look up. */
    private static final int MIN_WORDS = 4;

    private EmailQuestions() {
    }

    /** At most {@value #MAX} sentences of {@code text} (quoted lines left out), questions first. */
    public static List<String> of(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> questions = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            if (line.strip().startsWith(">")) {
                continue;
            }
            for (String sentence : SENTENCE_END.split(line.strip())) {
                if (words(sentence) >= MIN_WORDS) {
                    (sentence.contains("?") ? questions : others).add(sentence);
                }
            }
        }
        others.sort(Comparator.comparingInt(EmailQuestions::words).reversed());
        List<String> out = new ArrayList<>(questions);
        out.addAll(others);
        return List.copyOf(out.subList(0, Math.min(MAX, out.size())));
    }

    private static int words(String sentence) {
        return (int) WORD.matcher(sentence).results().count();
    }
}
