package io.mailtune.demo.brightcart;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypoNoiseTest {

    private static final String SENTENCE = "My parcel from order BC-482913 arrived yesterday, but the kettle inside "
            + "was broken and the receipt shows $84.50 charged twice to card 4242. ";

    @Test
    void typosAppearAtTheConfiguredRate() {
        long seed = ThreadLocalRandom.current().nextLong();
        System.out.println("typosAppearAtTheConfiguredRate seed " + seed);
        String clean = SENTENCE.repeat(1000);
        String noisy = new TypoNoise(0.05).apply(clean, new Random(seed));
        String[] a = clean.split("\\P{L}+");
        String[] b = noisy.split("\\P{L}+");
        assertEquals(a.length, b.length, "seed " + seed);
        int eligible = 0;
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            if (TypoNoise.eligible(a[i])) {
                eligible++;
                changed += a[i].equals(b[i]) ? 0 : 1;
            } else {
                assertEquals(a[i], b[i], "short words stay as typed, seed " + seed);
            }
        }
        double rate = (double) changed / eligible;
        assertTrue(Math.abs(rate - 0.05) < 0.01, "measured rate " + rate + ", seed " + seed);
    }

    @Test
    void typosNeverTouchDigitsPunctuationOrFirstLetters() {
        String noisy = new TypoNoise(1.0).apply(SENTENCE, new Random(3));
        assertEquals(SENTENCE.replaceAll("\\p{L}", ""), noisy.replaceAll("\\p{L}", ""));
        String[] a = SENTENCE.split("\\P{L}+");
        String[] b = noisy.split("\\P{L}+");
        for (int i = 0; i < a.length; i++) {
            if (!a[i].isEmpty()) {
                assertEquals(a[i].charAt(0), b[i].charAt(0), a[i] + " -> " + b[i]);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameTypos() {
        TypoNoise noise = new TypoNoise(0.3);
        assertEquals(noise.apply(SENTENCE, new Random(9)), noise.apply(SENTENCE, new Random(9)));
    }

    @Test
    void aZeroRateLeavesTextUnchanged() {
        assertEquals(SENTENCE, new TypoNoise(0.0).apply(SENTENCE, new Random(1)));
    }

    @Test
    void aRateOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TypoNoise(1.5));
        assertThrows(IllegalArgumentException.class, () -> new TypoNoise(Double.NaN));
    }
}
