package io.mailtune.model.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbered steps of a passage's list: a reply that quotes step 3 of a procedure without steps 1 and 2 tells the
 * customer to "click the three dots" without saying where, and the first step (the menu path) is the one the ranking
 * is least likely to pick, since it shares the fewest words with the email.
 */
final class NumberedSteps {

    private static final Pattern STEP = Pattern.compile("(\\d{1,3})[.)]");

    private NumberedSteps() {
    }

    /**
     * {@code quotes} with, for each numbered step k > 1 among them, the steps k−1 … 1 that directly precede it in its
     * passage, where {@code candidates} has them (the ones the prompt listed).
     */
    static List<SourceSentence> withEarlierSteps(List<SourceSentence> quotes, List<SourceSentence> candidates) {
        List<SourceSentence> out = new ArrayList<>(quotes);
        for (SourceSentence s : quotes) {
            int step = number(s);
            for (int position = s.position() - 1; step > 1 && position >= 0; position--, step--) {
                Optional<SourceSentence> before = at(candidates, s.passage(), position);
                if (before.isEmpty() || number(before.get()) != step - 1) {
                    break;
                }
                if (!out.contains(before.get())) {
                    out.add(before.get());
                }
            }
        }
        return out;
    }

    /** The step number of a numbered list item, else 0. */
    static int number(SourceSentence s) {
        Matcher m = STEP.matcher(s.marker());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Optional<SourceSentence> at(List<SourceSentence> candidates, int passage, int position) {
        return candidates.stream().filter(c -> c.passage() == passage && c.position() == position).findFirst();
    }
}
