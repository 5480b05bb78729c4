package io.mailtune.model.draft;

import java.util.Locale;
import java.util.Set;

/**
 * Words that close an email and are not a name: "Thanks" and "Gracias" on the last line once ingest has cut the
 * signature under them ("Gracias / Alejandro" becomes "Gracias").
 */
public final class SignOffWords {

    private static final Set<String> WORDS = Set.of("thanks", "thank", "thx", "regards", "best", "cheers", "sent",
            "kind", "many", "hi", "hello", "dear", "please", "help", "ok", "all", "yours", "sincerely", "greetings",
            "gracias", "saludos", "atentamente", "merci", "cordialement", "salutations", "danke", "grüße", "gruß",
            "grüsse", "gruss", "grazie", "saluti", "cordiali", "obrigado", "obrigada", "bedankt", "groeten", "dank",
            "tack", "takk", "kiitos", "ciao");

    private SignOffWords() {
    }

    /** Whether {@code word} (any case, trailing punctuation ignored) closes an email rather than names someone. */
    public static boolean contains(String word) {
        return WORDS.contains(word.replaceAll("[.,!:;]+$", "").toLowerCase(Locale.ROOT));
    }
}
