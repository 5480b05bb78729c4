package io.mailtune.model.draft;

import java.util.regex.Pattern;

/**
 * Where the customer's name goes: the greeting. A small model sometimes writes {@code {name}} again further down
 * ("Thanks for getting in touch. {name},"), which renders as a stray name in the middle of the reply.
 */
final class NameSlot {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n\\s*\n");
    /** The slot with a comma on either side and the spaces around it. */
    private static final Pattern SLOT = Pattern.compile(",?[ \\t]*\\{name}[ \\t]*,?");

    private NameSlot() {
    }

    /** {@code modelOutput} with the name slot kept in its first paragraph only. */
    static String onlyInGreeting(String modelOutput) {
        String text = modelOutput.replace("\r\n", "\n").strip();
        var m = PARAGRAPH_BREAK.matcher(text);
        if (!m.find()) {
            return text;
        }
        return text.substring(0, m.end()) + SLOT.matcher(text.substring(m.end())).replaceAll("");
    }
}
