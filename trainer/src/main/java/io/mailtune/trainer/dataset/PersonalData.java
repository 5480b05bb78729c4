package io.mailtune.trainer.dataset;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data that a model should never learn with typed placeholders: e-mail addresses
 * ({@code [EMAIL]}), IBANs ({@code [IBAN]}, checked with ISO 7064 mod 97), card numbers ({@code [CARD]}, 13-19 digits
 * passing the Luhn check), phone numbers ({@code [PHONE]}), order numbers ({@code [ORDER]}) and street addresses
 * ({@code [ADDRESS]}). Names stay: replies greet customers by name. Applied in that order, so a card number is never
 * mistaken for a phone number.
 */
public final class PersonalData {

    /** The placeholder kinds, as they appear in scrubbed text. */
    public enum Kind {
        /** An e-mail address. */
        EMAIL,
        /** An international bank account number. */
        IBAN,
        /** A payment card number. */
        CARD,
        /** A telephone number. */
        PHONE,
        /** An order number. */
        ORDER,
        /** A street address. */
        ADDRESS;

        /** The text that replaces data of this kind. */
        public String placeholder() {
            return "[" + name() + "]";
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:(?:\\+|00)\\d{1,3}[ .-]?)?(?:\\(\\d{1,5}\\)[ .-]?)?\\d{2,5}(?:[ .-]\\d{2,8}){1,4}(?![\\w-])"
                    + "|(?<![\\w+])\\+\\d{7,14}(?!\\w)");
    private static final Pattern ORDER_NUMBER = Pattern.compile(
            "\\b(?:[A-Z]{2,4}-\\d{4,12}|(?i:order|bestellung|commande|pedido)(?:\\s*(?i:no\\.?|number|nr\\.?|n°|#))?\\s*[:#]?\\s*\\d{5,12})\\b");
    private static final Pattern STREET = Pattern.compile(
            "\\b\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][A-Za-z'’.-]*\\s+){1,3}(?:(?:Street|Road|Avenue|Lane|Drive|Boulevard|Way|Court|Place|Terrace|Close"
                    + "|Crescent|Square|Highway|Parkway)\\b|(?:St|Rd|Ave|Ln|Dr|Blvd|Ct|Pl|Sq|Hwy|Pkwy)\\b\\.?)"
                    + "|\\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\\.|weg|platz|allee|gasse|ring|damm)\\s+\\d{1,4}\\s?[a-z]?\\b"
                    + "|\\b(?:rue|avenue|boulevard|chemin|place|calle|via|viale)\\s+(?:[\\p{L}'’-]+\\s+){0,4}[\\p{L}'’-]+,?\\s+\\d{1,4}\\b"
                    + "|\\b\\d{1,4},?\\s+(?:rue|avenue|boulevard|chemin|place)\\s+(?:[\\p{L}'’-]+\\s*){1,5}",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ORDER_CONTEXT = Pattern.compile("(?i)order|bestellung|commande|pedido");

    /** The scrubbed text; null reads as empty. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String out = EMAIL.matcher(text).replaceAll(Kind.EMAIL.placeholder());
        out = replaceChecked(out, IBAN, PersonalData::validIban, Kind.IBAN);
        out = replaceChecked(out, CARD, PersonalData::luhn, Kind.CARD);
        out = replaceOrders(out);
        out = replaceChecked(out, PHONE, PersonalData::phoneLike, Kind.PHONE);
        out = STREET.matcher(out).replaceAll(Kind.ADDRESS.placeholder());
        return out;
    }

    /** Every placeholder kind the text contains, for reports and tests. */
    public static List<Kind> placeholdersIn(String text) {
        return java.util.Arrays.stream(Kind.values()).filter(k -> text.contains(k.placeholder())).toList();
    }

    private static String replaceOrders(String text) {
        Matcher m = ORDER_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String match = m.group();
            Matcher word = ORDER_CONTEXT.matcher(match);
            String replacement = word.lookingAt()
                    ? match.replaceAll("\\d{5,12}$", Kind.ORDER.placeholder())
                    : Kind.ORDER.placeholder();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replaceChecked(String text, Pattern pattern, java.util.function.Predicate<String> check, Kind kind) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(check.test(m.group()) ? kind.placeholder() : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** ISO 13616: move the first four characters to the end, letters to numbers, the remainder mod 97 is 1. */
    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "");
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char ch : rearranged.toCharArray()) {
            int value = Character.isDigit(ch) ? ch - '0' : Character.isLetter(ch) ? ch - 'A' + 10 : -1;
            if (value < 0) {
                return false;
            }
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    /** The Luhn checksum of a 13-19 digit number with optional spaces or dashes. */
    static boolean luhn(String candidate) {
        String digits = candidate.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** 7-15 digits, and not a date, a time or an amount (those have other separators or too few digits). */
    private static boolean phoneLike(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        if (digits < 7 || digits > 15) {
            return false;
        }
        // "2026-11-25", "25.11.2026": dates have a four-digit year group and two-digit others.
        return !candidate.matches("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");
    }
}
