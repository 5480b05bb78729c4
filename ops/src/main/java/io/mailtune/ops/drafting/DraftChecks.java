package io.mailtune.ops.drafting;

import io.mailtune.core.mail.ClosingLines;
import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.model.draft.GreetingName;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.draft.SourceSentence;
import io.mailtune.model.eval.KeyInstruction;
import io.mailtune.model.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks one draft is scored by, each a plain function of the draft, its example and its prompt. */
final class DraftChecks {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");
    private static final Pattern MENU_PATH = Pattern.compile("[^\\n.,;:!?>→›]{1,40}?(?:\\s[>→›]\\s[^\\n.,;:!?>→›]{1,40}?)+(?=[.,;:!?\\n]|$| and | then )");
    private static final Pattern GREETING = Pattern.compile("^(?:hi|hello|hey|dear|good (?:morning|afternoon|day))\\b[ ,]*([^,\\n!]*)",
            Pattern.CASE_INSENSITIVE);

    private DraftChecks() {
    }

    /** Whether the draft carries every key instruction of the example. */
    static boolean allInstructions(String draft, DraftExample e) {
        return e.keyInstructions().stream().allMatch(k -> KeyInstruction.containedIn(draft, k));
    }

    /** The share of the example's key instructions the draft carries. */
    static double instructionShare(String draft, DraftExample e) {
        return (double) e.keyInstructions().stream().filter(k -> KeyInstruction.containedIn(draft, k)).count()
                / Math.max(1, e.keyInstructions().size());
    }

    /**
     * Whether the greeting names the customer rightly: every word after the greeting word belongs to the sender's
     * name as the email data gives it (the display name; the drafter's own {@link GreetingName} only when there is
     * none), or is the nickname they sign with alone on the last line ("Gracias" there is a sign-off); a draft with no greeting name is right only
     * when the email gives none.
     */
    static boolean nameRight(String draft, DraftExample e) {
        String display = e.input().email().senderName();
        String expected = display.isBlank() ? GreetingName.of(e.input().email()) : display;
        List<String> allowed = new ArrayList<>(Arrays.asList(expected.toLowerCase(Locale.ROOT).split("[\\s,]+")));
        List<String> lines = e.input().email().text().strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!lines.isEmpty() && lines.getLast().matches("\\p{Lu}[\\p{L}'’-]+") && !ClosingLines.isClosing(lines.getLast())) {
            allowed.add(lines.getLast().toLowerCase(Locale.ROOT));  // a nickname signed alone
        }
        String firstLine = draft.strip().lines().findFirst().orElse("");
        Matcher m = GREETING.matcher(firstLine);
        String named = m.find() ? m.group(1).strip() : "";
        if (named.isEmpty() || named.equalsIgnoreCase("there")) {
            return expected.isEmpty();
        }
        for (String w : named.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!allowed.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The names of other companies and their products that the draft mentions although its prompt does not (a name
     * pool can give two companies the same name; a name the prompt holds is grounded).
     */
    static List<String> foreignNames(String draft, List<String> others, List<ChatMessage> prompt) {
        String promptText = String.join("\n", prompt.stream().map(ChatMessage::content).toList());
        return others.stream().filter(n -> n.length() > 2 && draft.contains(n) && !promptText.contains(n)).toList();
    }

    /** The numbers and menu paths of the draft that its prompt does not hold. */
    static List<String> ungrounded(String draft, List<ChatMessage> prompt) {
        String promptText = String.join("\n", prompt.stream().map(ChatMessage::content).toList());
        String squashed = promptText.replaceAll("\\s+", " ");
        List<String> out = new ArrayList<>();
        Matcher n = NUMBER.matcher(draft);
        while (n.find()) {
            if (!promptText.contains(n.group())) {
                out.add(n.group());
            }
        }
        Matcher p = MENU_PATH.matcher(draft);
        while (p.find()) {
            for (String step : p.group().split("\\s[>→›]\\s")) {
                String s = step.strip();
                if (!s.isEmpty() && !squashed.contains(s)) {
                    out.add(p.group().strip());
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Of the candidate sentences a draft quotes, how many come from a retrieved article that holds none of the
     * example's key instructions: the quotes a reviewer deletes because they answer something the customer did not ask.
     *
     * @param quoted     candidate sentences the draft holds
     * @param offArticle of them, those from an article holding no key instruction
     */
    record QuoteFocus(int quoted, int offArticle) {
    }

    /** The draft's {@link QuoteFocus} among {@code candidates}. */
    static QuoteFocus offArticleQuotes(String draft, DraftExample e, List<SourceSentence> candidates) {
        Set<String> answering = new HashSet<>();
        for (Passage p : e.input().passages()) {
            if (e.keyInstructions().stream().anyMatch(k -> KeyInstruction.containedIn(p.text(), k))) {
                answering.add(p.articleId());
            }
        }
        int quoted = 0, off = 0;
        for (SourceSentence s : candidates) {
            if (draft.contains(s.text())) {
                quoted++;
                off += answering.contains(e.input().passages().get(s.passage()).articleId()) ? 0 : 1;
            }
        }
        return new QuoteFocus(quoted, off);
    }

    /** Spans of eight words from an internal article that the draft repeats. */
    static int leaks(String draft, List<String> internalTexts) {
        String d = normalise(draft);
        int leaks = 0;
        for (String text : internalTexts) {
            String[] words = normalise(text).split(" ");
            for (int i = 0; i + 8 <= words.length; i++) {
                if (d.contains(String.join(" ", Arrays.copyOfRange(words, i, i + 8)))) {
                    leaks++;
                    break;
                }
            }
        }
        return leaks;
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
