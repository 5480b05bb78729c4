package io.mailtune.model.train;

import java.util.OptionalDouble;

/**
 * How a run ended.
 *
 * @param steps            optimizer steps done, including those before a resume
 * @param lastLoss         training loss of the last step
 * @param bestHoldoutLoss  the lowest holdout loss seen (the weights left in place are from that evaluation)
 * @param stoppedEarly     whether holdout loss stopped improving before the scheduled steps ran out
 * @param resumedFromStep  the step a checkpoint was resumed from, or 0 for a fresh run
 */
public record TrainingResult(int steps, double lastLoss, OptionalDouble bestHoldoutLoss, boolean stoppedEarly,
                             int resumedFromStep) {
}
