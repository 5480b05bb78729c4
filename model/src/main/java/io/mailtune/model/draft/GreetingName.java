package io.mailtune.model.draft;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name a reply greets the customer by, taken from the email itself and never from a model: the name the
 * customer signs with when it is part of their display name ("Maria Fernanda" for "Maria Fernanda Costa" signing
 * "Maria Fernanda"), else the display name's first word, else a one- or two-word sign-off name; empty when the email
 * gives none.
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
        if (displayWords.length > 0) {
            if (!signed.isEmpty()) {
                String[] signedWords = signed.split("\\s+");
                if (signedWords.length < displayWords.length
                        && Arrays.equals(signedWords, Arrays.copyOf(displayWords, signedWords.length))) {
                    return signed;
                }
            }
            if (displayWords[0].contains("@")) {
                return signed;
            }
            return displayWords[0];
        }
        return signed;
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
