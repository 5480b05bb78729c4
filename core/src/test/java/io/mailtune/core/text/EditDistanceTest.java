package io.mailtune.core.text;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditDistanceTest {

    @Test
    void knownDistances() {
        assertEquals(3, EditDistance.levenshtein("kitten", "sitting"));
        assertEquals(0, EditDistance.levenshtein("same", "same"));
        assertEquals(5, EditDistance.levenshtein("", "hello"));
        assertEquals(5, EditDistance.levenshtein("hello", ""));
    }

    @Test
    void normalisedDistanceIsZeroForUnchangedAndOneForTotalRewrite() {
        assertEquals(0.0, EditDistance.normalised("", ""));
        assertEquals(0.0, EditDistance.normalised("abc", "abc"));
        assertEquals(1.0, EditDistance.normalised("abc", "xyz"));
    }

    @RepeatedTest(20)
    void isAMetricOnRandomStrings() {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        String a = randomText(random), b = randomText(random), c = randomText(random);
        int ab = EditDistance.levenshtein(a, b);
        assertEquals(ab, EditDistance.levenshtein(b, a), "symmetry, seed " + seed);
        assertTrue(ab <= Math.max(a.length(), b.length()), "bounded by the longer string, seed " + seed);
        assertTrue(ab >= Math.abs(a.length() - b.length()), "at least the length difference, seed " + seed);
        assertTrue(EditDistance.levenshtein(a, c) <= ab + EditDistance.levenshtein(b, c), "triangle inequality, seed " + seed);
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(4)));
        }
        return text.toString();
    }
}
