package io.mailtune.model.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Length bucketing: sequences sorted by length and cut into micro-batches whose padded size (rows × longest row)
 * stays within a token budget, so padding is small without packing unrelated examples into one row.
 */
public final class LengthBuckets {

    private LengthBuckets() {
    }

    /** Micro-batches of at most {@code maxRows} rows and about {@code batchTokens} padded tokens; order is stable. */
    public static List<TrainingBatch> batches(List<TokenSequence> sequences, int batchTokens, int maxRows) {
        if (batchTokens < 2 || maxRows < 1) {
            throw new IllegalArgumentException("batchTokens must be >= 2 and maxRows >= 1, got " + batchTokens + " and "
                    + maxRows);
        }
        List<Integer> order = IntStream.range(0, sequences.size()).boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> sequences.get(i).length()).thenComparingInt(i -> i))
                .toList();
        List<TrainingBatch> out = new ArrayList<>();
        List<TokenSequence> current = new ArrayList<>();
        for (int i : order) {
            TokenSequence s = sequences.get(i);
            int longest = s.length() - 1; // sorted ascending, so the newcomer is the longest
            if (!current.isEmpty() && ((current.size() + 1) * longest > batchTokens || current.size() == maxRows)) {
                out.add(TrainingBatch.of(current));
                current = new ArrayList<>();
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            out.add(TrainingBatch.of(current));
        }
        return out;
    }

    /** Pre-training packing: one token stream cut into rows of exactly {@code seq + 1} tokens (the tail dropped). */
    public static List<TokenSequence> pack(int[] stream, int seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
        List<TokenSequence> out = new ArrayList<>();
        for (int start = 0; start + seq + 1 <= stream.length; start += seq) {
            int[] row = new int[seq + 1];
            System.arraycopy(stream, start, row, 0, seq + 1);
            out.add(TokenSequence.allTokens(row));
        }
        return out;
    }
}
