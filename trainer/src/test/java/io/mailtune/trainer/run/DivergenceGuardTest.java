package io.mailtune.trainer.run;

import io.mailtune.model.train.TrainingProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceGuardTest {

    private static TrainingProgress step(int step, double loss) {
        return new TrainingProgress(step, 20, loss, 1e-3, 100, Duration.ZERO, OptionalDouble.empty());
    }

    private static void feed(DivergenceGuard guard, double... losses) {
        for (int i = 0; i < losses.length; i++) {
            guard.check(step(i + 1, losses[i]));
        }
    }

    @Test
    void oneHardBatchAboveTheFactorDoesNotAbort() {
        DivergenceGuard guard = new DivergenceGuard(3.0, 0);
        assertDoesNotThrow(() -> feed(guard, 0.62, 0.55, 0.49, 0.56, 2.46, 0.50, 0.45, 2.0, 2.1, 0.4));
    }

    @Test
    void aLossWhoseMeanOverThreeStepsClimbsAboveTheFactorAborts() {
        DivergenceGuard guard = new DivergenceGuard(3.0, 0);
        feed(guard, 0.6, 0.5, 2.0, 1.5);
        TrainingAbortedException e = assertThrows(TrainingAbortedException.class, () -> guard.check(step(5, 3.0)));
        assertTrue(e.getMessage().contains("diverged at step 5"), e.getMessage());
        assertTrue(e.getMessage().contains("divergence-factor"), e.getMessage());
    }

    @Test
    void stepsWithinWarmUpNeverCountAsDiverging() {
        DivergenceGuard guard = new DivergenceGuard(3.0, 4);
        assertDoesNotThrow(() -> feed(guard, 0.6, 5, 5, 5, 0.5));
    }

    @Test
    void aNonFiniteLossAbortsAtOnce() {
        DivergenceGuard guard = new DivergenceGuard(3.0, 10);
        feed(guard, 0.6);
        TrainingAbortedException e = assertThrows(TrainingAbortedException.class, () -> guard.check(step(2, Double.NaN)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void aFactorOfOneOrLessIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(1.0, 0));
    }
}
