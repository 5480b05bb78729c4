package io.mailtune.model.draft;

import io.mailtune.core.mail.ClosingLines;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name a reply greets the customer by, taken from the email itself and never from a model: the name the
 * customer signs with (the last line, when it is one or two capitalised words: "Maria Fernanda", or "Kasia" from
 * Katarzyna), else the display name's first word; empty when the email gives neither.
 */
public final class GreetingName {

    private static final Pattern NAME_WORD = Pattern.compile("\\p{Lu}[\\p{L}\\p{M}'’-]*");
    /** Words of a greeting or a plea that are not closings ({@link ClosingLines}) and not names either. */
    private static final List<String> NOT_NAMES = List.of("thank", "kind", "many", "sent", "hi", "hello", "dear",
            "please", "help", "ok", "all", "yours", "greetings", "cordiali", "dank", "ciao");

    private GreetingName() {
    }

    /** The greeting name for {@code email}. */
    public static String of(CustomerMessage email) {
        String display = email.senderName().replace("\"", "").strip();
        if (display.contains(",")) {  // "Lee, Ann" as directories write it
            String[] parts = display.split(",", 2);
            display = (parts[1].strip() + " " + parts[0].strip()).strip();
        }
        String[] displayWords = display.isEmpty() || display.contains("@") ? new String[0] : display.split("\\s+");
        List<String> tail = tail(email.text());
        // A line of the signature block that starts the display name is the name they sign with ("Maria Fernanda").
        for (String line : tail) {
            String[] words = line.replaceAll("[.,!]+$", "").split("\\s+");
            if (displayWords.length > 0 && words.length <= displayWords.length
                    && Arrays.equals(words, Arrays.copyOf(displayWords, words.length))) {
                return words.length == displayWords.length && words.length > 1 ? displayWords[0] : String.join(" ", words);
            }
        }
        String signed = tail.isEmpty() ? "" : signedName(tail.getLast());
        // A nickname signed alone on the last line ("Kasia" from Katarzyna); two unrelated words are a title.
        if (!signed.isEmpty() && (displayWords.length == 0 || !signed.contains(" "))) {
            return signed;
        }
        return displayWords.length > 0 ? displayWords[0] : "";
    }

    /** The last six non-blank lines of the text. */
    private static List<String> tail(String text) {
        List<String> lines = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.subList(Math.max(0, lines.size() - 6), lines.size());
    }

    /**
     * A line when it looks like a name of one or two capitalised words; a closing ("Gracias", {@link ClosingLines})
     * or a line ending in a comma ("Merci,") is a sign-off whose name line ingest cut.
     */
    private static String signedName(String line) {
        if (line.endsWith(",")) {
            return "";
        }
        String last = line.replaceAll("[.!]+$", "");
        String[] words = last.split("\\s+");
        if (words.length > 2) {
            return "";
        }
        for (String w : words) {
            if (!NAME_WORD.matcher(w).matches() || ClosingLines.isClosing(w)
                    || NOT_NAMES.contains(w.toLowerCase(Locale.ROOT))) {
                return "";
            }
        }
        return last;
    }
}
