package io.mailtune.ops.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One assertion of another project's reply-parser test, restated about what {@code MessageNormaliser.normalise()}
 * returns. Texts are compared with trailing spaces of each line removed and runs of blank lines folded into one, on
 * both sides: Mailtune tidies whitespace, and whitespace is not what these suites test.
 *
 * @param original the assertion as the other suite wrote it
 * @param meaning  what it asks of the customer's words, in Mailtune's terms
 * @param holds    the check on the outcome
 */
record FixtureCheck(String original, String meaning, Predicate<Outcome> holds) {

    /**
     * What one fixture became.
     *
     * @param input     the fixture's text as the other suite feeds it
     * @param text      the normalised text (the customer's words, quoted context lines marked "> ")
     * @param millis    the time normalise() took
     * @param unchanged true when the raw bytes were the same after normalise() as before
     */
    record Outcome(String input, String text, double millis, boolean unchanged) {

        /** The text's lines that are the customer's own, not marked as quoted context. */
        List<String> ownLines() {
            return text.lines().filter(l -> !l.stripLeading().startsWith(">")).toList();
        }

        /** The text's lines marked as quoted context, without their marks. */
        List<String> quotedLines() {
            return text.lines().filter(l -> l.stripLeading().startsWith(">"))
                    .map(l -> l.stripLeading().replaceFirst("^(>\\s?)+", "")).toList();
        }
    }

    /** The text equals the expected one, whitespace folded. */
    static FixtureCheck equalsText(String original, String expected) {
        return new FixtureCheck(original, "the text is exactly " + shortly(expected), o -> fold(o.text()).equals(fold(expected)));
    }

    /** The text equals the whole fixture: nothing of it is quote or signature. */
    static FixtureCheck equalsInput(String original) {
        return new FixtureCheck(original, "the text is the whole fixture, unchanged", o -> fold(o.text()).equals(fold(o.input())));
    }

    /** The text starts with the expected words. */
    static FixtureCheck startsWith(String original, String prefix) {
        return new FixtureCheck(original, "the text starts with " + shortly(prefix), o -> fold(o.text()).startsWith(fold(prefix)));
    }

    /** The text ends with the expected words. */
    static FixtureCheck endsWith(String original, String suffix) {
        return new FixtureCheck(original, "the text ends with " + shortly(suffix), o -> fold(o.text()).endsWith(fold(suffix)));
    }

    /** The words are kept as the customer's own (not only as quoted context). */
    static FixtureCheck keeps(String original, String words) {
        return new FixtureCheck(original, "keeps " + shortly(words) + " as the customer's words",
                o -> String.join("\n", o.ownLines()).contains(words));
    }

    /** A line of the customer's own starts with the words. */
    static FixtureCheck keepsLineStarting(String original, String words) {
        return new FixtureCheck(original, "a line of the customer's own starts with " + shortly(words),
                o -> o.ownLines().stream().anyMatch(l -> l.stripLeading().startsWith(words)));
    }

    /** The words are kept as quoted context, marked "> ". */
    static FixtureCheck keepsQuoted(String original, String words) {
        return new FixtureCheck(original, "keeps " + shortly(words) + " as quoted context",
                o -> String.join("\n", o.quotedLines()).contains(words));
    }

    /** The words appear nowhere in the text, neither as the customer's nor as quoted context. */
    static FixtureCheck drops(String original, String words) {
        return new FixtureCheck(original, "drops " + shortly(words), o -> !o.text().contains(words));
    }

    /** The words never appear as the customer's own (they may appear as quoted context). */
    static FixtureCheck notTheCustomers(String original, String words) {
        return new FixtureCheck(original, shortly(words) + " is not presented as the customer's words",
                o -> !String.join("\n", o.ownLines()).contains(words));
    }

    /** No line is marked as quoted context. */
    static FixtureCheck nothingQuoted(String original) {
        return new FixtureCheck(original, "no line is marked as quoted", o -> o.quotedLines().isEmpty());
    }

    /** All of the given checks hold (one assertion of theirs that says several things). */
    static FixtureCheck all(String original, FixtureCheck... parts) {
        String meaning = Arrays.stream(parts).map(FixtureCheck::meaning).collect(Collectors.joining("; "));
        return new FixtureCheck(original, meaning, o -> Arrays.stream(parts).allMatch(p -> p.holds().test(o)));
    }

    /** A check of its own kind. */
    static FixtureCheck of(String original, String meaning, Predicate<Outcome> holds) {
        return new FixtureCheck(original, meaning, holds);
    }

    static String fold(String text) {
        return text.replace("\r\n", "\n").lines().map(String::stripTrailing).collect(Collectors.joining("\n"))
                .replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String shortly(String text) {
        String one = text.replace("\n", "\\n");
        return "\"" + (one.length() > 60 ? one.substring(0, 57) + "…" : one) + "\"";
    }
}
