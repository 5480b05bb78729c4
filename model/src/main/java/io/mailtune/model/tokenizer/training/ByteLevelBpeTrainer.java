package io.mailtune.model.tokenizer.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a byte-level BPE tokenizer (GPT-2 style, as HuggingFace's {@code ByteLevel} + {@code BPE} model) from text.
 * Ids: the special tokens first, then the 256 byte symbols, then one token per merge in the order learnt. Ties
 * between equally frequent pairs go to the lexicographically smaller pair, so the same corpus always gives the same
 * tokenizer.
 */
public final class ByteLevelBpeTrainer {

    /** GPT-2's pre-tokenization: contractions, letters, digits, punctuation runs, whitespace. */
    static final Pattern PRE_TOKENIZER = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

    private final int vocabSize;
    private final List<String> specialTokens;
    private final int minPairCount;

    /**
     * @param vocabSize     total vocabulary including special tokens and the 256 byte symbols
     * @param specialTokens tokens never split, with ids 0..n-1 (e.g. {@code <|endoftext|>}, {@code <|im_start|>})
     * @param minPairCount  a pair seen fewer times than this is not merged
     */
    public ByteLevelBpeTrainer(int vocabSize, List<String> specialTokens, int minPairCount) {
        if (vocabSize < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " is below the 256 byte symbols plus "
                    + specialTokens.size() + " special tokens");
        }
        if (minPairCount < 1) {
            throw new IllegalArgumentException("minPairCount must be at least 1, was " + minPairCount);
        }
        if (new HashSet<>(specialTokens).size() != specialTokens.size()) {
            throw new IllegalArgumentException("special tokens must be distinct: " + specialTokens);
        }
        this.vocabSize = vocabSize;
        this.specialTokens = List.copyOf(specialTokens);
        this.minPairCount = minPairCount;
    }

    /** Learns merges from the texts until the vocabulary is full or no pair is frequent enough. */
    public TrainedTokenizer train(Iterable<String> texts) {
        Map<String, Long> wordCounts = new TreeMap<>();
        for (String text : texts) {
            Matcher matcher = PRE_TOKENIZER.matcher(text);
            while (matcher.find()) {
                wordCounts.merge(ByteLevelAlphabet.encode(matcher.group()), 1L, Long::sum);
            }
        }

        List<String> symbols = new ArrayList<>();
        Map<String, Integer> symbolIds = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            String symbol = String.valueOf(ByteLevelAlphabet.charOf(b));
            symbolIds.put(symbol, symbols.size());
            symbols.add(symbol);
        }

        int wordCount = wordCounts.size();
        int[][] words = new int[wordCount][];
        long[] counts = new long[wordCount];
        int w = 0;
        for (Map.Entry<String, Long> entry : wordCounts.entrySet()) {
            String word = entry.getKey();
            words[w] = new int[word.length()];
            for (int i = 0; i < word.length(); i++) {
                words[w][i] = symbolIds.get(String.valueOf(word.charAt(i)));
            }
            counts[w++] = entry.getValue();
        }

        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> pairWords = new HashMap<>();
        for (int i = 0; i < wordCount; i++) {
            addPairs(words[i], counts[i], i, pairCounts, pairWords);
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> {
            int byCount = Long.compare(b[1], a[1]);
            return byCount != 0 ? byCount : comparePairs(a[0], b[0], symbols);
        });
        pairCounts.forEach((pair, count) -> queue.add(new long[]{pair, count}));

        List<String[]> merges = new ArrayList<>();
        int target = vocabSize - specialTokens.size();
        while (symbols.size() < target && !queue.isEmpty()) {
            long[] top = queue.poll();
            long current = pairCounts.getOrDefault(top[0], 0L);
            if (current != top[1]) {
                continue; // stale entry: the pair's count changed after it was queued
            }
            if (current < minPairCount) {
                break;
            }
            int left = (int) (top[0] >>> 32), right = (int) top[0];
            String merged = symbols.get(left) + symbols.get(right);
            int mergedId = symbols.size();
            symbols.add(merged);
            merges.add(new String[]{symbols.get(left), symbols.get(right)});

            Set<Long> touched = new HashSet<>();
            for (int index : pairWords.remove(top[0])) {
                int[] before = words[index];
                int[] after = mergeAll(before, left, right, mergedId);
                if (after.length == before.length) {
                    continue;
                }
                removePairs(before, counts[index], pairCounts, touched);
                addPairs(after, counts[index], index, pairCounts, pairWords);
                collectPairs(after, touched);
                words[index] = after;
            }
            pairCounts.remove(top[0]);
            for (long pair : touched) {
                Long count = pairCounts.get(pair);
                if (count != null && count > 0) {
                    queue.add(new long[]{pair, count});
                }
            }
        }

        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String special : specialTokens) {
            vocab.put(special, vocab.size());
        }
        for (String symbol : symbols) {
            vocab.putIfAbsent(symbol, vocab.size());
        }
        return new TrainedTokenizer(vocab, merges, specialTokens);
    }

    private static int comparePairs(long a, long b, List<String> symbols) {
        int byLeft = symbols.get((int) (a >>> 32)).compareTo(symbols.get((int) (b >>> 32)));
        return byLeft != 0 ? byLeft : symbols.get((int) a).compareTo(symbols.get((int) b));
    }

    private static int[] mergeAll(int[] word, int left, int right, int merged) {
        int[] out = new int[word.length];
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = word[i];
            }
        }
        return n == word.length ? word : java.util.Arrays.copyOf(out, n);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static void addPairs(int[] word, long count, int index, Map<Long, Long> pairCounts, Map<Long, Set<Integer>> pairWords) {
        for (int i = 0; i + 1 < word.length; i++) {
            long pair = key(word[i], word[i + 1]);
            pairCounts.merge(pair, count, Long::sum);
            pairWords.computeIfAbsent(pair, p -> new HashSet<>()).add(index);
        }
    }

    private static void removePairs(int[] word, long count, Map<Long, Long> pairCounts, Set<Long> touched) {
        for (int i = 0; i + 1 < word.length; i++) {
            long pair = key(word[i], word[i + 1]);
            pairCounts.merge(pair, -count, Long::sum);
            touched.add(pair);
        }
    }

    private static void collectPairs(int[] word, Set<Long> touched) {
        for (int i = 0; i + 1 < word.length; i++) {
            touched.add(key(word[i], word[i + 1]));
        }
    }
}
