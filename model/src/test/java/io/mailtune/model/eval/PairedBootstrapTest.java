package io.mailtune.model.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedBootstrapTest {

    private final PairedBootstrap bootstrap = new PairedBootstrap(1000, 0.95);

    @Test
    void aConsistentImprovementIsBetterBeyondNoise() {
        Random random = new Random(1);
        double[] baseline = new double[200], candidate = new double[200];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = 40 + 10 * random.nextGaussian();
            candidate[i] = baseline[i] + 3 + random.nextGaussian();
        }
        PairedBootstrap.Comparison comparison = bootstrap.compare(candidate, baseline, 7);
        assertTrue(comparison.betterBeyondNoise(0), comparison.toString());
        assertEquals(3, comparison.meanDifference(), 0.5);
    }

    @Test
    void noRealDifferenceIsNotBetterBeyondNoise() {
        Random random = new Random(2);
        double[] baseline = new double[200], candidate = new double[200];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = 40 + 10 * random.nextGaussian();
            candidate[i] = 40 + 10 * random.nextGaussian();
        }
        PairedBootstrap.Comparison comparison = bootstrap.compare(candidate, baseline, 7);
        assertFalse(comparison.betterBeyondNoise(0), comparison.toString());
        assertTrue(comparison.lowerBound() < 0 && comparison.upperBound() > 0, comparison.toString());
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] a = {1, 2, 3, 4, 5}, b = {1, 1, 4, 2, 5};
        assertEquals(bootstrap.compare(a, b, 42), bootstrap.compare(a, b, 42));
    }

    @Test
    void unpairedScoresAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bootstrap.compare(new double[3], new double[4], 1));
        assertEquals("paired scores need equal lengths, got 3 and 4", e.getMessage());
    }

    @Test
    void tooFewResamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(10, 0.95));
    }
}
