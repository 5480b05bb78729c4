package io.mailtune.model.eval;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One house-style rule a reply must satisfy, e.g. a required sign-off or a ticket-reference line. */
public sealed interface StyleRequirement permits StyleRequirement.RequiredPhrase, StyleRequirement.RequiredPattern, StyleRequirement.ForbiddenPhrase {

    /** True when the text satisfies the rule. */
    boolean isMetBy(String text);

    /** The rule as written in a rule file, for reports. */
    String describe();

    /**
     * Parses one rule line: {@code require <phrase>}, {@code match <regex>} (multiline, searched anywhere) or
     * {@code forbid <phrase>}. Phrases match case-insensitively with whitespace runs treated as one space.
     */
    static StyleRequirement parse(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("style rule '" + trimmed + "' needs a kind and a value, e.g. 'require Kind regards'");
        }
        String kind = trimmed.substring(0, space);
        String value = trimmed.substring(space + 1).strip();
        return switch (kind) {
            case "require" -> new RequiredPhrase(value);
            case "match" -> new RequiredPattern(value);
            case "forbid" -> new ForbiddenPhrase(value);
            default -> throw new IllegalArgumentException("unknown style rule kind '" + kind + "' in '" + trimmed
                    + "': use require, match or forbid");
        };
    }

    /** The text must contain the phrase. */
    record RequiredPhrase(String phrase) implements StyleRequirement {
        /** Rejects a blank phrase. */
        public RequiredPhrase {
            if (phrase == null || phrase.isBlank()) {
                throw new IllegalArgumentException("a required phrase must not be blank");
            }
        }

        @Override
        public boolean isMetBy(String text) {
            return normalise(text).contains(normalise(phrase));
        }

        @Override
        public String describe() {
            return "require " + phrase;
        }
    }

    /** The text must contain a match of the regular expression. */
    record RequiredPattern(String regex) implements StyleRequirement {
        /** Compiles the expression once to report a syntax error where the rule is defined. */
        public RequiredPattern {
            try {
                Pattern.compile(regex, Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("style rule pattern '" + regex + "' is not a valid regular expression: "
                        + e.getDescription(), e);
            }
        }

        @Override
        public boolean isMetBy(String text) {
            return Pattern.compile(regex, Pattern.MULTILINE).matcher(text).find();
        }

        @Override
        public String describe() {
            return "match " + regex;
        }
    }

    /** The text must not contain the phrase. */
    record ForbiddenPhrase(String phrase) implements StyleRequirement {
        /** Rejects a blank phrase. */
        public ForbiddenPhrase {
            if (phrase == null || phrase.isBlank()) {
                throw new IllegalArgumentException("a forbidden phrase must not be blank");
            }
        }

        @Override
        public boolean isMetBy(String text) {
            return !normalise(text).contains(normalise(phrase));
        }

        @Override
        public String describe() {
            return "forbid " + phrase;
        }
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
