package io.mailtune.model.eval;

import java.util.ArrayList;
import java.util.List;

/** A set of house-style rules; a reply complies when it meets every one. */
public record HouseStyle(List<StyleRule> rules) {

    /** Copies the rules; an empty style accepts everything. */
    public HouseStyle {
        rules = List.copyOf(rules);
    }

    /** Parses a rule file: one rule per line, blank lines and lines starting with '#' ignored. */
    public static HouseStyle parse(String ruleFile) {
        List<StyleRule> rules = new ArrayList<>();
        int lineNumber = 0;
        for (String line : ruleFile.split("\\R")) {
            lineNumber++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            try {
                rules.add(StyleRule.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("style rules line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return new HouseStyle(rules);
    }

    /** The rules the text breaks, empty when it complies. */
    public List<StyleRule> violations(String text) {
        return rules.stream().filter(rule -> !rule.isMetBy(text)).toList();
    }

    /** True when the text meets every rule. */
    public boolean compliant(String text) {
        return violations(text).isEmpty();
    }
}
