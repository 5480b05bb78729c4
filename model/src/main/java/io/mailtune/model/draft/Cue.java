package io.mailtune.model.draft;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kind of answer an email asks for, and which sentences give that kind of answer: general English, the same for
 * every company ("how long" is answered by a duration, "who can" by a role). The ranking of source sentences lifts
 * the sentences that answer what was asked; instructions (menu paths, imperative steps) are lifted always, because a
 * support question is usually answered by one.
 */
enum Cue {
    /** How long something takes. */
    TIMING("how long|how quickly|how soon|when (?:does|will|can)|take effect|how many days|by when",
            "\\b(?:within|up to|after|before|takes?|minutes?|hours?|days?|weeks?|months?|immediately|instantly)\\b"),
    /** Who may do something. */
    PERMISSION("\\bwho\\b|allowed to|permission|only admins|\\bor only\\b|\\brole\\b",
            "\\b(?:only|owners?|admins?|administrators?|roles?|permissions?|anyone|managers?)\\b"),
    /** How often or how many. */
    LIMIT("how many|how often|limit|maximum|at most",
            "\\b(?:limit|up to|at most|maximum|times|per (?:day|week|month|year))\\b"),
    /** What it costs. */
    COST("\\bcost|\\bfees?\\b|\\bcharge|\\bprice|\\bfree\\b|how much|expensive",
            "(?:\\b(?:fee|costs?|charge[sd]?|free|price|paid)\\b|[$£€])");

    private static final Pattern INSTRUCTION = Pattern.compile(
            "\\s[>→›]\\s|^(?:go to|open|select|click|tap|sign in|log in|choose|press|visit|navigate|use|enter|from the|in the|"
                    + "check|wait|cancel|add|do not|don't|publish|reset|contact|reply|send|turn on|turn off|switch on|switch off|"
                    + "download|upload|install|restart|update|change|remove|delete|forward|pick|print|pack|drop|call|fill in|"
                    + "follow|make sure|try|keep|ask|request|confirm|scan|type|set|archive|approve|export|import|"
                    + "to [a-z ]+, (?:go|open|click|tap|select))\\b", Pattern.CASE_INSENSITIVE);

    private final Pattern question;
    private final Pattern answer;

    Cue(String question, String answer) {
        this.question = Pattern.compile(question, Pattern.CASE_INSENSITIVE);
        this.answer = Pattern.compile(answer, Pattern.CASE_INSENSITIVE);
    }

    /** The kinds of answer an email asks for. */
    static Set<Cue> asked(String email) {
        Set<Cue> out = EnumSet.noneOf(Cue.class);
        String text = email.toLowerCase(Locale.ROOT);
        for (Cue c : values()) {
            if (c.question.matcher(text).find()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether a sentence gives this kind of answer. */
    boolean answeredBy(String sentence) {
        return answer.matcher(sentence).find();
    }

    /**
     * Whether a sentence reads as an instruction: a menu path, or a step opening with one of the imperative verbs help
     * articles start steps with (the list of navigation verbs alone missed "Wait 30 minutes ...", "Check Orders ...",
     * "Do not click ...").
     */
    static boolean isInstruction(String sentence) {
        return INSTRUCTION.matcher(sentence.strip()).find();
    }
}
