package io.mailtune.retrieval.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * What of an email is searched: its subject and the body without the words every email has (a greeting, "thanks in
 * advance", "looking forward to your reply", the sign-off and the signature block under it). Those words carry no
 * topic, and a sentence encoder averages over every token, so they pull a short email's vector towards every other
 * short email and away from the article that answers it.
 */
public final class SearchText {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?,;:])\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}'’]+");
    /**
     * How a greeting opens: "Hi Priya,", "Dear Sir or Madam,", "Good afternoon,", "To whom it may concern,"; a first
     * sentence of one or two capitalised words is one too ("Hiya,", "Hola,", "Bonjour Léa,").
     */
    private static final Pattern GREETING = Pattern.compile("(?i)(hi|hello|hey|dear|good|to whom)\\b");
    /** Email addresses and links: a signature line's only lower-case words. */
    private static final Pattern CONTACT = Pattern.compile("\\S+@\\S+|https?://\\S+|www\\.\\S+");
    /** Words of greetings, thanks, sign-offs and mobile footers; a sentence made only of these says nothing. */
    private static final Set<String> CHAT = Set.of(
            "hi", "hello", "hey", "dear", "team", "there", "good", "morning", "afternoon", "evening", "sir", "madam", "or",
            "to", "whom", "it", "may", "concern", "thanks", "thank", "you", "very", "much", "in", "advance", "so", "for",
            "your", "help", "any", "would", "be", "appreciated", "appreciate", "regards", "kind", "kindest", "best",
            "warm", "warmest", "wishes", "all", "the", "cheers", "many", "looking", "forward", "reply", "hearing",
            "hear", "from", "soon", "hope", "sincerely", "yours", "sent", "my", "iphone", "android", "phone", "mobile",
            "ipad", "again", "a", "lot", "thx", "ty", "and", "please", "take", "care", "have", "nice", "great", "day",
            "speak", "talk");

    private SearchText() {
    }

    /** The search text of an email: {@code subject}, a newline, then {@code body} without its boilerplate. */
    public static String of(String subject, String body) {
        String s = subject == null ? "" : subject.strip();
        String b = body == null ? "" : body(body);
        if (b.isBlank() && body != null) {
            b = body.strip();
        }
        return (s + "\n" + b).strip();
    }

    /**
     * {@code body} without the signature block that ends it (lines of chat words and names), the greeting that opens
     * it, and the sentences between that are chat words only.
     */
    static String body(String body) {
        List<String> lines = new ArrayList<>(List.of(body.replace("\r\n", "\n").strip().split("\n")));
        while (!lines.isEmpty() && chatOrNames(lines.getLast())) {
            lines.removeLast();
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (String line : lines) {
            StringBuilder kept = new StringBuilder();
            for (String sentence : SENTENCE_END.split(line.strip())) {
                boolean greeting = first && (GREETING.matcher(sentence).lookingAt() || words(sentence) <= 2)
                        && chatOrNames(sentence);
                first &= sentence.isBlank();  // the greeting can only be the first sentence written
                if (!greeting && !chatOrNames(sentence, false)) {
                    kept.append(kept.isEmpty() ? "" : " ").append(sentence);
                }
            }
            if (!kept.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(kept);
            }
        }
        return out.toString();
    }

    private static long words(String text) {
        return WORD.matcher(text).results().count();
    }

    private static boolean chatOrNames(String text) {
        return chatOrNames(text, true);
    }

    /**
     * Whether {@code text} says nothing to search for: no question mark, and once addresses, links and numbers are
     * gone every word is one of {@link #CHAT} or, where {@code names} allows, a name (capitalised, not shouted: "I
     * NEED THIS FIXED NOW" says something).
     */
    private static boolean chatOrNames(String text, boolean names) {
        if (text.contains("?")) {
            return false;
        }
        return WORD.matcher(CONTACT.matcher(text).replaceAll(" ")).results().map(MatchResult::group)
                .allMatch(w -> CHAT.contains(w.toLowerCase(Locale.ROOT)) || names && name(w));
    }

    /** A capitalised word such as "Priya" or an initial such as "V" (but not "I", nor an all-capitals word). */
    private static boolean name(String w) {
        if (!Character.isUpperCase(w.charAt(0))) {
            return false;
        }
        return w.length() == 1 ? !w.equals("I") : w.chars().skip(1).anyMatch(Character::isLowerCase);
    }
}
