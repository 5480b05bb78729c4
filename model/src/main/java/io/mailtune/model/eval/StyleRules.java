package io.mailtune.model.eval;

import java.util.ArrayList;
import java.util.List;

/** A house style written as rules (a rule file); a reply complies when it meets every one. */
public record StyleRules(List<StyleRequirement> rules) {

    /** Copies the rules; an empty style accepts everything. */
    public StyleRules {
        rules = List.copyOf(rules);
    }

    /** Parses a rule file: one rule per line, blank lines and lines starting with '#' ignored. */
    public static StyleRules parse(String ruleFile) {
        List<StyleRequirement> rules = new ArrayList<>();
        int lineNumber = 0;
        for (String line : ruleFile.split("\\R")) {
            lineNumber++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            try {
                rules.add(StyleRequirement.parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("style rules line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return new StyleRules(rules);
    }

    /** The rules the text breaks, empty when it complies. */
    public List<StyleRequirement> violations(String text) {
        return rules.stream().filter(rule -> !rule.isMetBy(text)).toList();
    }

    /** True when the text meets every rule. */
    public boolean compliant(String text) {
        return violations(text).isEmpty();
    }
}
