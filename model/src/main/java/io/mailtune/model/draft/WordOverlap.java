package io.mailtune.model.draft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The content words of a text for lexical overlap: lower-cased letter/digit runs, without the function words of
 * customers' English, crudely stemmed so "returns", "returned" and "returning" meet. It carries no knowledge of any
 * company, so the skill it gives the drafter is the same for every knowledge base.
 */
final class WordOverlap {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final Set<String> STOP = Set.of(
            "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
            "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "don", "dont", "for",
            "from", "get", "got", "had", "has", "have", "having", "he", "her", "here", "hi", "hello", "him", "his", "how",
            "i", "if", "im", "in", "into", "is", "it", "its", "ive", "just", "let", "me", "more", "most", "my", "no", "not",
            "now", "of", "on", "once", "one", "only", "or", "other", "our", "out", "please", "re", "s", "she", "should",
            "so", "some", "still", "t", "than", "thank", "thanks", "that", "the", "their", "them", "then", "there",
            "these", "they", "this", "those", "through", "to", "too", "up", "us", "very", "want", "was", "we", "were",
            "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your", "yours",
            "dear", "regards", "best", "cheers", "team", "support", "ll", "d", "ve", "m", "need", "way", "like", "know",
            "help", "see", "use", "make", "sure", "go", "yes", "ok");

    private WordOverlap() {
    }

    /** The distinct stemmed content words of {@code text}, in order of first occurrence. */
    static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(stem(w));
            }
        }
        return out;
    }

    /** The sentences of an email body (and subject), where its separate questions usually sit. */
    static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            for (String s : line.split("(?<=[.!?])\\s+")) {
                if (!words(s).isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** A light suffix stripper: enough to match inflections, never so much that unrelated words meet. */
    static String stem(String w) {
        if (w.length() <= 3 || Character.isDigit(w.charAt(0))) {
            return w;
        }
        if (w.endsWith("ies") || w.endsWith("ied")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ing") && w.length() >= 6) {
            w = w.substring(0, w.length() - 3);
        } else if (w.endsWith("ed") && w.length() >= 5) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.endsWith("e") && w.length() >= 5) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }
}
