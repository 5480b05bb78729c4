package io.mailtune.ingest.reply;

import io.mailtune.core.mail.ClosingLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the signature at the end of the customer's words starts. A false cut loses what the customer wrote, a kept
 * signature only adds noise, so every rule is narrow and applies only to the last lines:
 * <ol>
 *   <li>a "-- " delimiter line with at most {@value #MAX_SIGNATURE_LINES} short lines after it;</li>
 *   <li>a separator line (underscores, dashes) followed by a list or notification footer, or by signature lines;</li>
 *   <li>phone and app footers ("Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS" …),
 *       matched as whole lines, so "Sent from my desk, is much easier" stays;</li>
 *   <li>a "-Name" sign-off as the last line, unless it continues a list;</li>
 *   <li>after a closing line ("Thanks!", "Best regards,", "Mit freundlichen Grüßen"), which is kept, a name and
 *       then only titles, company lines and contact lines (phone, address, link, mail) are cut;</li>
 *   <li>a last paragraph starting with the sender's own name followed only by such lines;</li>
 *   <li>a confidentiality notice as the last paragraph.</li>
 * </ol>
 */
final class Signatures {

    static final int MAX_SIGNATURE_LINES = 12;
    private static final int MAX_SIGNATURE_CHARS = 1200;
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern DELIMITER = Pattern.compile("^(--|-- |—|–)\\s*$");
    private static final Pattern UNDERSCORES = Pattern.compile("_{2,}");
    /** Longest line a closing ("Many thanks and best regards, Anna-Lena Müller") is looked for in. */
    private static final int MAX_SIGN_OFF_CHARS = 90;
    /** Phone and app footers, as whole lines, with an optional link Outlook appends. */
    private static final Pattern PHONE_FOOTER = Pattern.compile("^\\s*(?:"
            + String.join("|",
            // English
            "Sent (?:from|via|using|with) (?:my )?[\\p{L}\\p{N}®™'’&+.-]+(?: [\\p{L}\\p{N}®™'’&+.-]+){0,5}",
            "Get Outlook for (?:iOS|Android)",
            "Sent from (?:Mail|Outlook|Yahoo Mail|Mailbox|Gmail|Samsung Mobile|my mobile device)(?: for| on| from)?(?: [\\p{L}\\p{N}]+){0,3}",
            // German
            "Von meinem [\\p{L}\\p{N}® -]{1,40} gesendet", "Gesendet von (?:meinem )?[\\p{L}\\p{N}® -]{1,40}",
            "Outlook für (?:iOS|Android) beziehen",
            // French
            "Envoyé (?:de|depuis|à partir de) (?:mon )?[\\p{L}\\p{N}® -]{1,40}", "Obtenir Outlook pour (?:iOS|Android)",
            // Spanish and Portuguese
            "Enviado (?:desde|do|de|a partir do) (?:mi |meu |o |el )?[\\p{L}\\p{N}® -]{1,40}", "Obtener Outlook para (?:iOS|Android)",
            // Italian
            "Inviato da(?:l mio)? [\\p{L}\\p{N}® -]{1,40}", "Scarica Outlook per (?:iOS|Android)",
            // Dutch
            "(?:Verzonden|Verstuurd) (?:vanaf|vanuit|met|via) (?:mijn )?[\\p{L}\\p{N}® -]{1,40}", "Outlook voor (?:iOS|Android) downloaden",
            // Polish
            "Wysłane z (?:mojego |aplikacji )?[\\p{L}\\p{N}®' -]{1,40}",
            // Swedish, Danish, Norwegian
            "(?:Skickat|Sendt) (?:från|fra) (?:min |mit )?[\\p{L}\\p{N}® -]{1,40}", "Hämta Outlook för (?:iOS|Android)",
            // Finnish
            "Lähetetty (?:[\\p{L}\\p{N}® -]{1,40}(?:sta|stä|lta|ltä)|laitteesta [\\p{L}\\p{N}® -]{1,40})",
            // Russian
            "Отправлено (?:с|из) [\\p{L}\\p{N}® .-]{1,40}",
            // Japanese and Chinese
            "[\\p{L}\\p{N} ]{1,20}から送信", "发自我的\\s?[\\p{L}\\p{N} ]{1,20}", "从我的\\s?[\\p{L}\\p{N} ]{1,20}发送",
            "來自我的\\s?[\\p{L}\\p{N} ]{1,20}", "发自[\\p{L}\\p{N}]{1,12}(?:邮箱|郵箱)(?:大师)?")
            + ")\\s*[.。]?\\s*(?:<https?://\\S+>|\\(https?://\\S+\\))?\\s*$", FLAGS);
    /** Closing lines, kept themselves; what follows them may be a signature. */
    private static final String SIGN_OFF = Attribution.alternation(ClosingLines.PHRASES);
    private static final Pattern SIGN_OFF_LINE = Pattern.compile("^\\s*(?:" + SIGN_OFF + ")\\s*[,.!…:;。！]*\\s*$", FLAGS);
    private static final Pattern SIGN_OFF_WITH_NAME = Pattern.compile("^\\s*(?:" + SIGN_OFF + ")\\s*[,.!…]?\\s+(?<name>\\S.{0,40})$", FLAGS);
    private static final Pattern DASH_NAME = Pattern.compile("^\\s*[-–—~]{1,2}(?<space>\\s?)(?<name>\\p{L}[\\p{L}.'’-]*(?:\\s\\p{L}[\\p{L}.'’-]*){0,2})\\s*$");
    private static final Pattern POSTSCRIPT = Pattern.compile("^(?:p\\.?\\s?s\\.?|n\\.?\\s?b\\.?)(?:\\s|:|$)", FLAGS);
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*•–]|\\d{1,2}[.)])\\s");
    private static final Pattern NAME_WORD = Pattern.compile("[\\p{L}][\\p{L}.'’-]*");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>()]+@[^\\s@<>()]+\\.[^\\s@<>()]+");
    private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S+", FLAGS);
    private static final Pattern PHONE = Pattern.compile("(?:\\+|\\(?\\d)[\\d\\s().\\/-]{6,}\\d");
    private static final Pattern CONTACT_LABEL = Pattern.compile(
            "^\\s*(?:(?:tel|tél|phone|mobile|mob|cell|fax|office|direct|telefon|handy|móvil|celular|puh|тел)\\.?\\s*[:.]|[tmfewp]\\s?:)", FLAGS);
    private static final Pattern FOOTER_WORDS = Pattern.compile(
            "mailing list|listinfo|unsubscribe|abmelden|désabonner|darse de baja|you received this message because|"
                    + "reply to this email directly|view it on github|you are receiving this because|google groups|groupes google",
            FLAGS);
    private static final Pattern CONFIDENTIALITY = Pattern.compile("^\\s*(?:"
            + "confidentiality notice|this (?:e-?mail|message)(?: and any (?:attachments?|files)(?: transmitted with it)?)?"
            + " (?:is|are|may be|contains?) (?:strictly )?(?:confidential|privileged|intended)|"
            + "diese (?:e-?mail|nachricht) (?:enthält|ist) vertrauliche|ce message et (?:toutes )?les pièces jointes|"
            + "este (?:mensaje|correo)(?: electrónico)? (?:y sus anexos )?(?:es|contiene|puede contener) (?:confidencial|información))",
            FLAGS);

    private Signatures() {
    }

    /**
     * The index of the first signature line among the customer's lines (a run of own text, quotes not included), or
     * {@code lines.size()} when none is recognised.
     *
     * @param senderName the sender's display name, or null; its words let a bare contact block be recognised
     */
    static int start(List<String> lines, String senderName) {
        int cut = delimited(lines);
        boolean changed = true;
        while (changed) {
            changed = false;
            int last = lastNonBlank(lines, cut);
            if (last < 0) {
                return cut;
            }
            String line = lines.get(last);
            if (PHONE_FOOTER.matcher(line).matches() || dashName(lines, last)) {
                cut = last;
                changed = true;
            }
        }
        cut = Math.min(cut, afterSignOff(lines, cut, senderName));
        cut = Math.min(cut, senderBlock(lines, cut, senderName));
        return Math.min(cut, confidentiality(lines, cut));
    }

    /** A "-- " delimiter or a separator that a footer or signature lines follow. */
    private static int delimited(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || "-_—–=".indexOf(stripped.charAt(0)) < 0) {
                continue;
            }
            boolean delimiter = DELIMITER.matcher(line).matches();
            if (!delimiter && !HistoryMarkers.isSeparator(line) && !UNDERSCORES.matcher(stripped).matches()) {
                continue;
            }
            List<String> rest = nonBlank(lines, i + 1, lines.size());
            int chars = rest.stream().mapToInt(String::length).sum();
            if (rest.size() > MAX_SIGNATURE_LINES || chars > MAX_SIGNATURE_CHARS) {
                continue;
            }
            if (delimiter || rest.isEmpty() || rest.stream().anyMatch(l -> FOOTER_WORDS.matcher(l).find())
                    || (nameLike(rest.get(0), null) && rest.stream().allMatch(l -> nameLike(l, null) || contactLike(l) || titleLike(l))
                    && rest.stream().anyMatch(Signatures::contactLike))) {
                return i;
            }
        }
        return lines.size();
    }

    /** "-Name" as the last line: a sign-off, unless the lines above it make it the last item of a list. */
    private static boolean dashName(List<String> lines, int last) {
        var m = DASH_NAME.matcher(lines.get(last));
        if (!m.matches()) {
            return false;
        }
        int previous = lastNonBlank(lines, last);
        if (previous >= 0 && (LIST_ITEM.matcher(lines.get(previous)).find() || DASH_NAME.matcher(lines.get(previous)).matches()
                || lines.get(previous).stripTrailing().endsWith(":"))) {
            return false;
        }
        // "-roman" is a sign-off as Ruby's parser reads it; "- Dark blue" (a space, lower case) is a list item.
        return m.group("space").isEmpty() || nameLike(m.group("name"), null);
    }

    /** After the last closing line within the final lines: a name, then titles and contact lines only. */
    private static int afterSignOff(List<String> lines, int cut, String senderName) {
        int seen = 0;
        for (int s = cut - 1; s >= 0 && seen <= MAX_SIGNATURE_LINES; s--) {
            String line = lines.get(s);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (line.length() > MAX_SIGN_OFF_CHARS) {
                continue;
            }
            boolean plain = SIGN_OFF_LINE.matcher(line).matches();
            var withName = SIGN_OFF_WITH_NAME.matcher(line);
            boolean named = !plain && withName.matches() && nameLike(withName.group("name"), senderName);
            if (!plain && !named) {
                continue;
            }
            List<String> block = nonBlank(lines, s + 1, cut);
            if (!block.isEmpty() && signatureBlock(block, named, senderName)) {
                return s + 1;
            }
            return cut;
        }
        return cut;
    }

    /** A last paragraph that starts with the sender's name and holds only titles and contact lines after it. */
    private static int senderBlock(List<String> lines, int cut, String senderName) {
        if (senderName == null || senderName.isBlank()) {
            return cut;
        }
        int last = lastNonBlank(lines, cut);
        int start = last;
        while (start > 0 && !lines.get(start - 1).isBlank()) {
            start--;
        }
        if (start <= 0 || last < 0 || !isSenderName(lines.get(start), senderName)) {
            return cut;
        }
        List<String> rest = nonBlank(lines, start + 1, cut);
        boolean onlyDetails = !rest.isEmpty() && rest.size() < MAX_SIGNATURE_LINES
                && rest.stream().allMatch(l -> contactLike(l) || titleLike(l));
        return onlyDetails && rest.stream().anyMatch(Signatures::contactLike) ? start : cut;
    }

    private static int confidentiality(List<String> lines, int cut) {
        int last = lastNonBlank(lines, cut);
        int start = last;
        while (start > 0 && !lines.get(start - 1).isBlank()) {
            start--;
        }
        return start > 0 && last >= 0 && CONFIDENTIALITY.matcher(lines.get(start)).find() ? start : cut;
    }

    private static boolean signatureBlock(List<String> block, boolean nameAlreadyGiven, String senderName) {
        if (block.size() > 8) {
            return false;
        }
        String first = block.get(0);
        if (!nameAlreadyGiven && !nameLike(first, senderName) && !contactLike(first)) {
            return false;
        }
        for (int i = nameAlreadyGiven ? 0 : 1; i < block.size(); i++) {
            String line = block.get(i);
            if (!contactLike(line) && !titleLike(line) && !nameLike(line, senderName)) {
                return false;
            }
        }
        return true;
    }

    /** One to four name words, each capitalised (letters without case count), or the sender's own name as written. */
    static boolean nameLike(String line, String senderName) {
        String s = line.strip().replaceAll("[,.;]+$", "").replaceAll("^\\*+|\\*+$", "");
        if (s.isEmpty() || s.length() > 40) {
            return false;
        }
        if (senderName != null && isSenderName(s, senderName)) {
            return true;
        }
        String[] words = s.split("\\s+");
        if (words.length > 4) {
            return false;
        }
        for (String word : words) {
            if (!NAME_WORD.matcher(word).matches()) {
                return false;
            }
            int first = word.codePointAt(0);
            if (Character.isLowerCase(first) && !List.of("van", "von", "de", "der", "da", "di", "du", "la", "le").contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSenderName(String line, String senderName) {
        String s = line.strip().replaceAll("[,.;]+$", "").toLowerCase(Locale.ROOT);
        String name = senderName.replace("\"", "").strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || name.isEmpty()) {
            return false;
        }
        if (s.equals(name)) {
            return true;
        }
        // "Lee, Ann" and "Ann Lee" name the same person; a first name alone names them too.
        List<String> words = new ArrayList<>(List.of(name.replace(",", " ").split("\\s+")));
        List<String> given = List.of(s.split("\\s+"));
        return words.containsAll(given) && given.size() <= words.size();
    }

    /** A phone number, an address, a link, or a labelled contact line. */
    static boolean contactLike(String line) {
        String s = line.strip();
        if (s.length() > 100) {
            return false;
        }
        return EMAIL.matcher(s).find() || URL.matcher(s).find() || CONTACT_LABEL.matcher(s).find()
                || (PHONE.matcher(s).find() && s.chars().filter(Character::isDigit).count() >= 7)
                || (s.length() <= 60 && s.chars().anyMatch(Character::isDigit) && s.split("\\s+").length <= 8
                && !s.matches(".*[.?!:;]$"));
    }

    /** A job title or company line: a few words, capitalised, not a sentence or a question. */
    static boolean titleLike(String line) {
        String s = line.strip().replaceAll("^\\*+|\\*+$", "");
        String[] words = s.split("\\s+");
        if (s.isEmpty() || s.length() > 60 || words.length > 7 || s.matches(".*[?!:;]$") || s.contains(": ") || POSTSCRIPT.matcher(s).find()) {
            return false;
        }
        if (s.endsWith(".") && !s.matches(".*\\b\\p{L}{1,4}\\.$")) {
            return false;
        }
        long lowerWords = java.util.Arrays.stream(words).filter(w -> Character.isLowerCase(w.codePointAt(0))).count();
        // "Head of Sales" is a title; "Please call me back" is a sentence.
        return !Character.isLowerCase(s.codePointAt(0)) && lowerWords <= 2 && lowerWords * 2 <= words.length;
    }

    private static int lastNonBlank(List<String> lines, int before) {
        for (int i = Math.min(before, lines.size()) - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> nonBlank(List<String> lines, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!lines.get(i).isBlank()) {
                out.add(lines.get(i));
            }
        }
        return out;
    }
}
