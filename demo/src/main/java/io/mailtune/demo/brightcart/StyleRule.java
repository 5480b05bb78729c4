package io.mailtune.demo.brightcart;

import java.util.List;
import java.util.regex.Pattern;

/** One checkable rule of a {@link HouseStyle}. */
public sealed interface StyleRule permits StyleRule.Greeting, StyleRule.TicketReference, StyleRule.SignOff {

    /** A short stable name, reported when the rule fails. */
    String name();

    /** Whether {@code text} follows the rule. */
    boolean holds(String text);

    /**
     * The first non-blank line is the greeting with some name in it.
     *
     * @param pattern the greeting template as a whole-line pattern
     */
    record Greeting(Pattern pattern) implements StyleRule {

        /** The rule's name in verdicts. */
        public static final String NAME = "greeting";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean holds(String text) {
            return text.lines().filter(l -> !l.isBlank()).findFirst().map(l -> pattern.matcher(l.strip()).matches()).orElse(false);
        }
    }

    /**
     * Some line is the ticket-reference line with a ticket number in it.
     *
     * @param pattern the ticket-line template as a whole-line pattern
     */
    record TicketReference(Pattern pattern) implements StyleRule {

        /** The rule's name in verdicts. */
        public static final String NAME = "ticket-reference";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean holds(String text) {
            return text.lines().anyMatch(l -> pattern.matcher(l.strip()).matches());
        }
    }

    /**
     * The text ends with the sign-off lines, ignoring surrounding whitespace on each line.
     *
     * @param lines the sign-off, line by line
     */
    record SignOff(List<String> lines) implements StyleRule {

        /** The rule's name in verdicts. */
        public static final String NAME = "sign-off";

        /** Copies the lines. */
        public SignOff {
            lines = List.copyOf(lines);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean holds(String text) {
            List<String> actual = text.strip().lines().map(String::strip).toList();
            return actual.size() >= lines.size() && actual.subList(actual.size() - lines.size(), actual.size()).equals(lines);
        }
    }
}
