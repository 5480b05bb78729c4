package io.mailtune.ops.drafting;

import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.GroundedFormat;
import io.mailtune.model.draft.Passage;
import io.mailtune.model.draft.SourceSentence;
import io.mailtune.model.eval.KeyInstruction;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a draft lacks a key instruction: retrieval did not bring it, the sentence ranking did not list it, the model
 * did not quote it (or handed off), or it is there. One key instruction at a time, so the failures of a set can be
 * counted by stage.
 */
final class KeyInstructionProfile {

    private static final Pattern LABEL = Pattern.compile("\\{(\\d{1,3})}");

    /** Where a key instruction was lost, in the order of the drafting pipeline. */
    enum Outcome {
        /** No retrieved passage holds it. */
        RETRIEVAL_MISS,
        /** A passage holds it, but no single quotable unit does (the splitter cut it). */
        SPLIT_ACROSS_UNITS,
        /** A unit holds it, but the prompt does not list it (ranked too low). */
        NOT_LISTED,
        /** Listed, and the model handed the email off. */
        LISTED_HANDED_OFF,
        /** Listed, the model answered, but quoted other sentences. */
        LISTED_NOT_QUOTED,
        /** The model quoted it but the rendered draft lacks it. */
        QUOTED_NOT_RENDERED,
        /** The draft holds it. */
        PRESENT
    }

    private KeyInstructionProfile() {
    }

    /** The best label (1 = first) of a unit holding {@code key} among ranked units, or 0 when none does. */
    static int rank(List<SourceSentence> candidates, String key) {
        for (SourceSentence s : candidates) {
            if (KeyInstruction.containedIn(s.text(), key)) {
                return s.label();
            }
        }
        return 0;
    }

    /** Where {@code key} was lost in a draft of {@code input} (model output and rendered text). */
    static Outcome outcome(GroundedFormat format, DraftInput input, String key, String modelOutput, String draft,
                           boolean handOff) {
        if (KeyInstruction.containedIn(draft, key)) {
            return Outcome.PRESENT;
        }
        if (input.passages().stream().map(Passage::text).noneMatch(t -> KeyInstruction.containedIn(t, key))) {
            return Outcome.RETRIEVAL_MISS;
        }
        if (rank(format.candidates(input), key) == 0) {
            return Outcome.SPLIT_ACROSS_UNITS;
        }
        int label = rank(format.sources(input), key);
        if (label == 0) {
            return Outcome.NOT_LISTED;
        }
        if (quoted(modelOutput).contains(label)) {
            return Outcome.QUOTED_NOT_RENDERED;
        }
        return handOff ? Outcome.LISTED_HANDED_OFF : Outcome.LISTED_NOT_QUOTED;
    }

    /** The source labels a model output quotes. */
    static Set<Integer> quoted(String modelOutput) {
        Set<Integer> out = new HashSet<>();
        Matcher m = LABEL.matcher(modelOutput);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    /** A counter of outcomes, printed as one line. */
    static final class Tally {
        private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        private final int[] listedRanks = new int[GroundedFormat.MAX_SOURCES + 1];

        void add(Outcome o, int rank) {
            counts.merge(o, 1, Integer::sum);
            if (rank >= 1 && rank <= GroundedFormat.MAX_SOURCES && o != Outcome.PRESENT) {
                listedRanks[rank]++;
            }
        }

        String line() {
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d key instructions:", total));
            for (Outcome o : Outcome.values()) {
                s.append(String.format(Locale.ROOT, " %s %d", o.name().toLowerCase(Locale.ROOT), counts.getOrDefault(o, 0)));
            }
            s.append("; ranks of listed but missing ones:");
            for (int r = 1; r < listedRanks.length; r++) {
                if (listedRanks[r] > 0) {
                    s.append(' ').append(r).append('x').append(listedRanks[r]);
                }
            }
            return s.toString();
        }
    }
}
