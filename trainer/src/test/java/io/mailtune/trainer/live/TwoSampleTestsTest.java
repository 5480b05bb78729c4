package io.mailtune.trainer.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoSampleTestsTest {

    @Test
    void theNormalCdfMatchesTables() {
        assertEquals(0.5, TwoSampleTests.normalCdf(0), 1e-7);
        assertEquals(0.975, TwoSampleTests.normalCdf(1.959964), 1e-6);
        assertEquals(0.00135, TwoSampleTests.normalCdf(-3), 1e-5);
    }

    @Test
    void twoProportionsFortyVersusSixtyPercentOfAHundred() {
        // z = (0.4 - 0.6) / sqrt(0.5 * 0.5 * (1/100 + 1/100)) = -2.828; one-sided p = 0.00234
        assertEquals(0.00234, TwoSampleTests.proportionLowerP(40, 100, 60, 100), 2e-5);
        assertTrue(TwoSampleTests.proportionLowerP(60, 100, 40, 100) > 0.99);
        assertEquals(1, TwoSampleTests.proportionLowerP(10, 10, 20, 20));
    }

    @Test
    void mannWhitneyOnSeparatedAndOnIdenticalSamples() {
        double[] high = {0.5, 0.6, 0.7, 0.8, 0.9, 0.55, 0.65, 0.75, 0.85, 0.95};
        double[] low = {0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45};
        // U = 100 of 100; mean 50, sd sqrt(10*10*21/12) = 13.23; z = (100 - 50 - 0.5) / 13.23 = 3.74; p = 9.2e-5
        assertEquals(9.2e-5, TwoSampleTests.mannWhitneyGreaterP(high, low), 1e-5);
        assertTrue(TwoSampleTests.mannWhitneyGreaterP(low, high) > 0.999);
        double[] zeros = new double[20];
        assertEquals(1, TwoSampleTests.mannWhitneyGreaterP(zeros, zeros), "all ties: no evidence");
    }

    @Test
    void tiesAreCorrectedFor() {
        double[] a = {0, 0, 0, 0, 0, 0.1, 0.2, 0.3, 0.3, 0.4};
        double[] b = {0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.1};
        double p = TwoSampleTests.mannWhitneyGreaterP(a, b);
        assertTrue(p > 0.005 && p < 0.1, "p = " + p);
    }
}
