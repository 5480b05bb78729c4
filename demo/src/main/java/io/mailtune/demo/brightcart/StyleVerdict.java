package io.mailtune.demo.brightcart;

import java.util.List;

/**
 * The outcome of checking a text against a {@link HouseStyle}.
 *
 * @param style       the style's name
 * @param failedRules names of the rules the text broke, in rule order; empty when it complies
 */
public record StyleVerdict(String style, List<String> failedRules) {

    /** Copies the list. */
    public StyleVerdict {
        failedRules = List.copyOf(failedRules);
    }

    /** Whether the text follows every rule. */
    public boolean passed() {
        return failedRules.isEmpty();
    }
}
