package io.mailtune.demo.brightcart;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded character-level typing mistakes: each word of at least {@link #MIN_LENGTH} letters gets, with probability
 * {@code wordRate}, one edit (neighbouring letters swapped, a letter dropped or doubled, or a neighbouring key hit).
 * Edits never touch the first letter, digits or punctuation, so order numbers and addresses survive and the words
 * stay aligned one to one with the clean text.
 *
 * @param wordRate probability that an eligible word gets one typo, in [0, 1]
 */
public record TypoNoise(double wordRate) {

    /** Shorter words are left alone; a typo in "I" or "my" reads as a different word, not a slip. */
    public static final int MIN_LENGTH = 4;

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final String[] QWERTY_ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

    /** Validates the rate. */
    public TypoNoise {
        if (!(wordRate >= 0.0 && wordRate <= 1.0)) {
            throw new IllegalArgumentException("wordRate must be within [0, 1], got " + wordRate);
        }
    }

    /** Whether a word is long enough to receive a typo. */
    public static boolean eligible(String word) {
        return word.length() >= MIN_LENGTH && WORD.matcher(word).matches();
    }

    /** {@code text} with typos drawn from {@code random}. */
    public String apply(String text, Random random) {
        if (wordRate == 0.0) {
            return text;
        }
        Matcher words = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 8);
        while (words.find()) {
            String word = words.group();
            String replacement = word.length() >= MIN_LENGTH && random.nextDouble() < wordRate ? misspell(word, random) : word;
            words.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        words.appendTail(out);
        return out.toString();
    }

    private static String misspell(String word, Random random) {
        int at = 1 + random.nextInt(word.length() - 1);
        StringBuilder chars = new StringBuilder(word);
        switch (random.nextInt(4)) {
            case 0 -> {
                int left = Math.min(at, word.length() - 2);
                if (word.charAt(left) != word.charAt(left + 1)) {
                    chars.setCharAt(left, word.charAt(left + 1));
                    chars.setCharAt(left + 1, word.charAt(left));
                    return chars.toString();
                }
                chars.deleteCharAt(at);
            }
            case 1 -> chars.deleteCharAt(at);
            case 2 -> chars.insert(at, word.charAt(at));
            default -> {
                char neighbour = neighbourKey(word.charAt(at), random);
                if (neighbour == word.charAt(at)) {
                    chars.deleteCharAt(at);
                } else {
                    chars.setCharAt(at, neighbour);
                }
            }
        }
        return chars.toString();
    }

    private static char neighbourKey(char c, Random random) {
        char lower = Character.toLowerCase(c);
        for (String row : QWERTY_ROWS) {
            int i = row.indexOf(lower);
            if (i >= 0) {
                int j = i == 0 ? 1 : i == row.length() - 1 ? i - 1 : i + (random.nextBoolean() ? 1 : -1);
                char key = row.charAt(j);
                return Character.isUpperCase(c) ? Character.toUpperCase(key) : key;
            }
        }
        return c;
    }
}
