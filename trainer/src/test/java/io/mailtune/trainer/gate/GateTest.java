package io.mailtune.trainer.gate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {

    private final Gate gate = new Gate(new GateSettings(2000, 0.95, 0, Map.of("chrF", 2.0), 0.05, 200, 100));

    private static double[] noisy(int n, double mean, double sd, long seed) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sd * r.nextGaussian();
        }
        return out;
    }

    private final double[] live40 = noisy(40, 80, 8, 1);
    private final double[] live30 = noisy(30, 80, 8, 3);

    private static double[] plus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static double[] bits(int n, int ones) {
        double[] out = new double[n];
        Arrays.fill(out, 0, ones, 1);
        return out;
    }

    @Test
    void aClearWinWithNoRegressionIsPromoted() {
        GateReport r = gate.decide(List.of(
                new PairedScores("style", bits(40, 36), bits(40, 2), true),
                new PairedScores("chrF", plus(live40, noisy(40, 0.5, 0.5, 2)), live40, true),
                new PairedScores("keyInstruction", bits(20, 20), bits(20, 20), false)), "base", 40, 20, 1.0, 7);
        assertTrue(r.promote(), r.reason());
        assertEquals("WIN", r.metrics().getFirst().verdict());
        assertTrue(r.reason().startsWith("promoted"), r.reason());
    }

    @Test
    void aWinIsNotEnoughWhenAnotherMetricRegressesBeyondItsTolerance() {
        GateReport r = gate.decide(List.of(
                new PairedScores("style", bits(40, 36), bits(40, 2), true),
                new PairedScores("keyInstruction", bits(20, 8), bits(20, 20), false)), "mt-1", 40, 20, 1.0, 7);
        assertFalse(r.promote());
        assertTrue(r.metrics().get(1).regresses());
        assertTrue(r.reason().contains("keyInstruction"), r.reason());
    }

    @Test
    void aLossWithinToleranceDoesNotStopAWin() {
        GateReport r = gate.decide(List.of(
                new PairedScores("style", bits(40, 30), bits(40, 4), true),
                new PairedScores("chrF", plus(live40, noisy(40, -1.0, 3, 5)), live40, true)), "base", 40, 0, 1.0, 7);
        assertTrue(r.promote(), r.reason());
        assertEquals("HOLDS", r.metrics().get(1).verdict());
    }

    @Test
    void aDifferenceWithinNoiseIsNoWin() {
        GateReport r = gate.decide(List.of(new PairedScores("chrF", plus(live30, noisy(30, 0.1, 1.5, 4)), live30, true)),
                "mt-1", 30, 0, 1.0, 7);
        assertFalse(r.promote());
        assertEquals("HOLDS", r.metrics().getFirst().verdict());
        assertTrue(r.reason().contains("not better"), r.reason());
    }

    @Test
    void aMetricWithoutExamplesIsSkippedNotFailed() {
        GateReport r = gate.decide(List.of(new PairedScores("style", bits(10, 10), bits(10, 0), true),
                new PairedScores("citation", new double[0], new double[0], false)), "base", 10, 0, 1.0, 7);
        assertTrue(r.promote(), r.reason());
        assertEquals("SKIPPED", r.metrics().get(1).verdict());
    }
}
