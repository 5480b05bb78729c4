package io.mailtune.core.text;

/** Character-level Levenshtein distance between a draft and the text staff actually sent. */
public final class EditDistance {

    private EditDistance() {
    }

    /** Insertions, deletions and substitutions needed to turn {@code from} into {@code to}; O(n·m) time, O(m) memory. */
    public static int levenshtein(String from, String to) {
        if (from.equals(to)) {
            return 0;
        }
        if (from.isEmpty()) {
            return to.length();
        }
        if (to.isEmpty()) {
            return from.length();
        }
        int[] previous = new int[to.length() + 1];
        int[] current = new int[to.length() + 1];
        for (int j = 0; j <= to.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= from.length(); i++) {
            current[0] = i;
            char c = from.charAt(i - 1);
            for (int j = 1; j <= to.length(); j++) {
                int substitution = previous[j - 1] + (c == to.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[to.length()];
    }

    /** Distance divided by the longer length: 0 means unchanged, 1 means rewritten entirely. */
    public static double normalised(String from, String to) {
        int longer = Math.max(from.length(), to.length());
        return longer == 0 ? 0.0 : (double) levenshtein(from, to) / longer;
    }
}
