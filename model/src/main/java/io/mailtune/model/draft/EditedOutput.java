package io.mailtune.model.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The model's own output with a reviewer's edit applied, paragraph by paragraph, in slot form: the paragraphs the
 * reviewer kept are the model's as it wrote them (its quote labels, its sign-off), the paragraphs they changed are
 * the sent reply's, keeping the model's quote labels where the edit left the quotes alone. Trained on it, a model
 * learns the edit and nothing else: a target made from the rendered reply alone differs from what the model wrote
 * wherever rendering is not one to one (an answer plan's quotes, a sign-off the profile's signature replaced).
 */
final class EditedOutput {

    private static final String SIGNATURE = "{signature}";

    private EditedOutput() {
    }

    /**
     * The target, from the slot forms of the draft ({@code drafted}) and the sent reply ({@code sent}) and the model's
     * raw {@code output}; {@code sent} itself when the output's paragraphs do not line up with the draft's (a draft
     * the answer plan framed, or a paragraph rendering dropped).
     */
    static String apply(String output, String drafted, String sent) {
        List<String> own = paragraphs(output);
        List<String> before = paragraphs(drafted);
        if (own.size() + 1 == before.size() && before.getLast().equals(SIGNATURE)) {
            own.add(SIGNATURE);  // rendering appended the profile's signature the model did not write
        }
        if (own.size() != before.size()) {
            return sent;
        }
        List<String> after = paragraphs(sent);
        int[][] common = commonSuffixLengths(before, after);
        List<String> out = new ArrayList<>();
        int n = before.size();
        int m = after.size();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                out.add(own.get(i++));  // kept as drafted: the model's paragraph as it wrote it
                j++;
                continue;
            }
            // A changed stretch, up to the next kept paragraph: drafted ones deleted, sent ones inserted.
            int i0 = i;
            int j0 = j;
            while ((i < n || j < m) && !(i < n && j < m && before.get(i).equals(after.get(j)))) {
                if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                    i++;
                } else {
                    j++;
                }
            }
            boolean replaced = i - i0 == j - j0;
            for (int k = j0; k < j; k++) {
                out.add(replaced ? keepQuotes(own.get(i0 + k - j0), before.get(i0 + k - j0), after.get(k)) : after.get(k));
            }
        }
        return String.join("\n\n", out);
    }

    /** A changed paragraph with the model's quote labels where the reviewer did not change the quotes. */
    private static String keepQuotes(String own, String before, String after) {
        Matcher ownRun = GroundedFormat.QUOTE_BLOCK.matcher(own);
        Matcher beforeRun = GroundedFormat.QUOTE_BLOCK.matcher(before);
        Matcher afterRun = GroundedFormat.QUOTE_BLOCK.matcher(after);
        if (ownRun.find() && beforeRun.find() && afterRun.find() && beforeRun.group().equals(afterRun.group())) {
            return after.substring(0, afterRun.start()) + ownRun.group() + after.substring(afterRun.end());
        }
        return after;
    }

    /** {@code [i][j]}: the length of the longest common subsequence of {@code a} from i and {@code b} from j. */
    private static int[][] commonSuffixLengths(List<String> a, List<String> b) {
        int[][] out = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                out[i][j] = a.get(i).equals(b.get(j)) ? out[i + 1][j + 1] + 1 : Math.max(out[i + 1][j], out[i][j + 1]);
            }
        }
        return out;
    }

    private static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
