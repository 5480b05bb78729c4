package io.mailtune.model.draft;

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
    private static final List<String> NOT_NAMES = List.of("thanks", "thank", "regards", "best", "cheers", "sent",
            "kind", "many", "hi", "hello", "dear", "please", "help", "ok", "all", "yours", "sincerely");

    private GreetingName() {
    }

    /** The greeting name for {@code email}. */
    public static String of(CustomerMessage email) {
        String display = email.senderName().replace("\"", "").strip();
        if (display.contains(",")) {  // "Lee, Ann" as directories write it
            String[] parts = display.split(",", 2);
            display = (parts[1].strip() + " " + parts[0].strip()).strip();
        }
        String[] displayWords = display.isEmpty() ? new String[0] : display.split("\\s+");
        String signed = signedName(email.text());
        if (!signed.isEmpty()) {
            String[] signedWords = signed.split("\\s+");
            // A full name signed is the display name again: greet by its first word, as with the display name.
            boolean fullName = signedWords.length == 2 && displayWords.length >= 2 && signedWords[0].equals(displayWords[0])
                    && signedWords[1].equals(displayWords[displayWords.length - 1]);
            // Two words that share nothing with the display name are a job title or a team ("General Manager").
            boolean stranger = signedWords.length == 2 && displayWords.length > 0
                    && !Arrays.asList(displayWords).contains(signedWords[0]) && !Arrays.asList(displayWords).contains(signedWords[1]);
            if (!stranger) {
                return fullName ? signedWords[0] : signed;
            }
        }
        return displayWords.length > 0 && !displayWords[0].contains("@") ? displayWords[0] : "";
    }

    /** The last line of the text when it looks like a name of one or two capitalised words. */
    private static String signedName(String text) {
        List<String> lines = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String last = lines.getLast().replaceAll("[.,!]+$", "");
        String[] words = last.split("\\s+");
        if (words.length > 2) {
            return "";
        }
        for (String w : words) {
            if (!NAME_WORD.matcher(w).matches() || NOT_NAMES.contains(w.toLowerCase(Locale.ROOT))) {
                return "";
            }
        }
        return last;
    }
}
