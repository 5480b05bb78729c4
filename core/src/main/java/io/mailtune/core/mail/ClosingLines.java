package io.mailtune.core.mail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lines that close an email in the languages customers write ("Best regards,", "Gracias", "Mit freundlichen
 * Grüßen"): ingest cuts the signature under them, and a greeting must never take one for the customer's name.
 */
public final class ClosingLines {

    /** The closing phrases, lower case. */
    public static final List<String> PHRASES = List.of(
            // English
            "thanks", "thank you", "thanks a lot", "many thanks", "thanks in advance", "thanks again", "thx", "ty", "cheers",
            "regards", "best regards", "kind regards", "warm regards", "warmest regards", "with regards", "best wishes", "best",
            "all the best", "sincerely", "yours sincerely", "yours truly", "yours faithfully", "br", "kr", "take care",
            "talk soon", "respectfully", "thanks and regards", "many thanks and best regards",
            // German
            "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "freundliche grüsse", "viele grüße",
            "viele grüsse", "beste grüße", "beste grüsse", "liebe grüße", "herzliche grüße", "grüße", "grüsse", "gruß", "gruss",
            "lg", "vg", "mfg", "danke", "vielen dank", "besten dank", "schöne grüße", "danke und viele grüße",
            // French
            "cordialement", "bien cordialement", "bien à vous", "merci", "merci beaucoup", "salutations", "sincères salutations",
            "meilleures salutations", "bonne journée", "à bientôt", "amicalement", "bises", "merci d'avance",
            // Spanish
            "saludos", "un saludo", "saludos cordiales", "atentamente", "gracias", "muchas gracias", "un abrazo", "cordialmente",
            // Portuguese
            "obrigado", "obrigada", "atenciosamente", "cumprimentos", "melhores cumprimentos", "abraços", "abraço", "att",
            "saudações", "muito obrigado", "muito obrigada",
            // Italian
            "grazie", "grazie mille", "cordiali saluti", "distinti saluti", "saluti", "un saluto", "a presto",
            // Dutch
            "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "groeten", "groet", "bedankt",
            "dank je", "dank u", "hartelijke groet", "mvg",
            // Polish
            "pozdrawiam", "z poważaniem", "dziękuję", "dzięki", "serdecznie pozdrawiam", "pozdrowienia",
            // Swedish, Danish, Norwegian
            "med vänliga hälsningar", "vänliga hälsningar", "hälsningar", "mvh", "tack", "tack så mycket", "med venlig hilsen",
            "venlig hilsen", "hilsen", "tak", "bedste hilsner", "de bedste hilsner", "med vennlig hilsen", "vennlig hilsen",
            "takk", "beste hilsen",
            // Finnish
            "ystävällisin terveisin", "terveisin", "kiitos", "parhain terveisin",
            // Russian
            "с уважением", "спасибо", "с наилучшими пожеланиями", "всего доброго", "заранее спасибо", "благодарю",
            // Japanese and Chinese
            "よろしくお願いします", "よろしくお願いいたします", "よろしくお願い致します", "宜しくお願いします", "ありがとうございます",
            "谢谢", "此致", "敬礼", "此致敬礼", "祝好", "顺祝商祺");

    private static final Set<String> SET = Set.copyOf(PHRASES);
    private static final Pattern TRAILING = Pattern.compile("[\\s,.!…:;。！]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ClosingLines() {
    }

    /** Whether {@code line} is a closing and nothing else (any case, any spacing, trailing punctuation ignored). */
    public static boolean isClosing(String line) {
        String plain = SPACES.matcher(TRAILING.matcher(line.strip()).replaceAll("")).replaceAll(" ");
        return SET.contains(plain.toLowerCase(Locale.ROOT));
    }
}
