package io.mailtune.trainer.dataset;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses the language of a reply from its most common function words (English, German, French, Spanish, Italian,
 * Dutch, Portuguese). Good enough to catch a reply in the wrong language; a text too short or too mixed to decide
 * gives no guess, and such a text is never dropped for its language.
 */
public final class LanguageGuess {

    private static final Map<String, Set<String>> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("en", Set.of("the", "and", "to", "you", "your", "of", "is", "for", "we", "it", "in", "that", "this", "with", "please", "have", "be", "are", "on", "can"));
        WORDS.put("de", Set.of("der", "die", "das", "und", "ich", "sie", "ist", "nicht", "mit", "den", "ihre", "wir", "für", "bitte", "zu", "ein", "eine", "auf", "haben", "dass"));
        WORDS.put("fr", Set.of("le", "la", "les", "et", "vous", "votre", "est", "pour", "nous", "des", "une", "que", "dans", "pas", "merci", "avec", "sur", "un", "ce", "vos"));
        WORDS.put("es", Set.of("el", "la", "los", "y", "que", "de", "su", "para", "usted", "por", "una", "con", "gracias", "del", "las", "es", "en", "se", "no", "muy"));
        WORDS.put("it", Set.of("il", "la", "di", "che", "e", "per", "non", "una", "sono", "grazie", "con", "del", "della", "suo", "gli", "le", "ci", "ordine", "abbiamo", "questo"));
        WORDS.put("nl", Set.of("de", "het", "een", "en", "van", "je", "u", "uw", "is", "niet", "voor", "met", "dat", "we", "wij", "op", "bedankt", "graag", "zijn", "ook"));
        WORDS.put("pt", Set.of("o", "a", "os", "as", "e", "de", "que", "não", "para", "com", "uma", "do", "da", "obrigado", "seu", "sua", "você", "em", "por", "mais"));
    }

    private final int minWords;

    /** A guesser that decides only from at least {@code minWords} words. */
    public LanguageGuess(int minWords) {
        if (minWords < 1) {
            throw new IllegalArgumentException("minWords must be at least 1, was " + minWords);
        }
        this.minWords = minWords;
    }

    /** The languages this guesser knows (BCP 47 primary tags). */
    public static Set<String> known() {
        return WORDS.keySet();
    }

    /** The language, or empty when the text is too short or no language clearly leads. */
    public Optional<String> guess(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        int total = 0;
        Map<String, Integer> hits = new LinkedHashMap<>();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            total++;
            for (Map.Entry<String, Set<String>> e : WORDS.entrySet()) {
                if (e.getValue().contains(w)) {
                    hits.merge(e.getKey(), 1, Integer::sum);
                }
            }
        }
        if (total < minWords) {
            return Optional.empty();
        }
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (Map.Entry<String, Integer> e : hits.entrySet()) {
            if (e.getValue() > bestHits) {
                second = bestHits;
                bestHits = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        // A clear lead: at least 8 % of the words are the winner's and it has half again the runner-up's hits.
        if (best == null || bestHits < 0.08 * total || bestHits < 1.5 * second) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** The primary subtag of a BCP 47 tag: {@code en-GB} → {@code en}. */
    public static String primary(String tag) {
        if (tag == null || tag.isBlank()) {
            return "";
        }
        return tag.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
    }
}
