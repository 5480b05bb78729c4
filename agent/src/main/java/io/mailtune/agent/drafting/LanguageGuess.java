package io.mailtune.agent.drafting;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which language a customer wrote in, well enough to pick knowledge-base articles in it: the writing system first
 * (Greek, Cyrillic, Arabic, Hebrew, Thai, Hangul, kana, Han), then, for Latin script, the share of each language's most
 * common function words ("the", "und", "les", "que"…), which short support emails use plenty of. Answers nothing when
 * the text is too short or two languages score alike: a wrong guess is worse than the company's default language.
 */
public final class LanguageGuess {

    /** Fewer function words than this and the text says too little. */
    static final int MIN_HITS = 3;
    /** The winner needs this many times the runner-up's hits. */
    static final double MARGIN = 1.5;

    private static final Map<String, Set<String>> FUNCTION_WORDS = Map.ofEntries(
            Map.entry("en", Set.of("the", "and", "is", "are", "was", "you", "your", "my", "of", "to", "it", "this", "that",
                    "for", "with", "have", "has", "not", "can", "what", "when", "how", "would", "please", "thanks", "hi",
                    "hello", "me", "we", "our", "from", "but", "did", "does", "will", "there", "which")),
            Map.entry("de", Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "sie", "mein", "meine", "meiner", "ein",
                    "eine", "einen", "mit", "für", "auf", "wie", "was", "wann", "bitte", "danke", "hallo", "habe", "haben",
                    "wurde", "noch", "kann", "können", "mir", "mich", "uns", "zu", "von", "auch", "aber", "bei", "dem", "den")),
            Map.entry("fr", Set.of("le", "la", "les", "et", "est", "je", "vous", "mon", "ma", "mes", "un", "une", "des", "pour",
                    "avec", "pas", "ne", "que", "qui", "quand", "comment", "merci", "bonjour", "ai", "avez", "du", "au", "sur",
                    "mais", "il", "elle", "nous", "votre", "ce", "cette", "été", "puis")),
            Map.entry("es", Set.of("el", "la", "los", "las", "y", "es", "yo", "usted", "mi", "mis", "un", "una", "para", "con",
                    "no", "que", "qué", "cuando", "cómo", "gracias", "hola", "he", "ha", "del", "al", "por", "pero", "su",
                    "está", "estoy", "pedido", "puedo", "sus", "ya", "muy", "también")),
            Map.entry("it", Set.of("il", "lo", "la", "gli", "le", "e", "è", "io", "mio", "mia", "un", "una", "per", "con", "non",
                    "che", "quando", "come", "grazie", "ciao", "buongiorno", "ho", "ha", "del", "della", "al", "ma", "sono",
                    "questo", "questa", "anche", "posso", "mi", "ordine")),
            Map.entry("nl", Set.of("de", "het", "een", "en", "is", "ik", "u", "mijn", "niet", "met", "voor", "op", "wat",
                    "wanneer", "hoe", "dank", "bedankt", "hallo", "heb", "hebben", "van", "maar", "ook", "nog", "kan", "mij",
                    "ons", "uw", "dit", "dat", "bestelling", "graag")),
            Map.entry("pt", Set.of("o", "a", "os", "as", "e", "é", "eu", "você", "meu", "minha", "um", "uma", "para", "com",
                    "não", "que", "quando", "como", "obrigado", "obrigada", "olá", "tenho", "tem", "do", "da", "dos", "ao",
                    "mas", "pedido", "posso", "também", "já", "seu", "sua")),
            Map.entry("sv", Set.of("och", "är", "jag", "du", "ni", "min", "mitt", "en", "ett", "för", "med", "inte", "vad",
                    "när", "hur", "tack", "hej", "har", "hade", "av", "på", "men", "också", "kan", "mig", "oss", "det",
                    "den", "beställning", "att", "om")),
            Map.entry("pl", Set.of("i", "jest", "nie", "ja", "pan", "pani", "mój", "moja", "moje", "na", "w", "z", "do",
                    "dla", "że", "co", "kiedy", "jak", "dziękuję", "dzień", "dobry", "mam", "ma", "się", "ale", "też",
                    "mogę", "mnie", "zamówienie", "proszę", "to", "czy")));

    private enum Script { LATIN, GREEK, CYRILLIC, ARABIC, HEBREW, THAI, HANGUL, KANA, HAN, OTHER }

    private LanguageGuess() {
    }

    /** The ISO 639-1 code of the text's language, or empty when it cannot tell. */
    public static Optional<String> of(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<String> byScript = byScript(text);
        if (byScript.isPresent()) {
            return byScript.filter(s -> !s.isEmpty());
        }
        Map<String, Integer> hits = new HashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            FUNCTION_WORDS.forEach((language, words) -> {
                if (words.contains(word)) {
                    hits.merge(language, 1, Integer::sum);
                }
            });
        }
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (var e : hits.entrySet()) {
            if (e.getValue() > bestHits) {
                second = bestHits;
                best = e.getKey();
                bestHits = e.getValue();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return bestHits >= MIN_HITS && bestHits >= MARGIN * second ? Optional.of(best) : Optional.empty();
    }

    /** A language told by its letters alone; empty string for a script it cannot name; empty for Latin script. */
    private static Optional<String> byScript(String text) {
        Map<Script, Integer> letters = new EnumMap<>(Script.class);
        int total = 0;
        boolean ukrainian = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) {
                continue;
            }
            total++;
            letters.merge(script(cp), 1, Integer::sum);
            ukrainian |= "іїєґІЇЄҐ".indexOf(cp) >= 0;
        }
        if (total == 0) {
            return Optional.of("");
        }
        Script main = letters.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        if (letters.getOrDefault(Script.KANA, 0) > 0 && (main == Script.HAN || main == Script.KANA)) {
            return Optional.of("ja");
        }
        return switch (main) {
            case LATIN -> Optional.empty();
            case GREEK -> Optional.of("el");
            case CYRILLIC -> Optional.of(ukrainian ? "uk" : "ru");
            case ARABIC -> Optional.of("ar");
            case HEBREW -> Optional.of("he");
            case THAI -> Optional.of("th");
            case HANGUL -> Optional.of("ko");
            case KANA -> Optional.of("ja");
            case HAN -> Optional.of("zh");
            case OTHER -> Optional.of("");
        };
    }

    private static Script script(int cp) {
        return switch (Character.UnicodeScript.of(cp)) {
            case LATIN -> Script.LATIN;
            case GREEK -> Script.GREEK;
            case CYRILLIC -> Script.CYRILLIC;
            case ARABIC -> Script.ARABIC;
            case HEBREW -> Script.HEBREW;
            case THAI -> Script.THAI;
            case HANGUL -> Script.HANGUL;
            case HIRAGANA, KATAKANA -> Script.KANA;
            case HAN -> Script.HAN;
            default -> Script.OTHER;
        };
    }
}
