package io.mailtune.model.eval;

import java.util.Locale;

/**
 * Whether a draft contains an article's key instruction (e.g. "Settings > Security > Reset password"), ignoring
 * case, whitespace runs and a trailing full stop, since a correct reply may wrap or end the sentence differently.
 */
public final class KeyInstruction {

    private KeyInstruction() {
    }

    /** True when the normalised draft contains the normalised instruction. */
    public static boolean containedIn(String draft, String instruction) {
        String needle = normalise(instruction);
        if (needle.isEmpty()) {
            throw new IllegalArgumentException("key instruction must not be blank");
        }
        return normalise(draft).contains(needle);
    }

    private static String normalise(String text) {
        String collapsed = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return collapsed.endsWith(".") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}
