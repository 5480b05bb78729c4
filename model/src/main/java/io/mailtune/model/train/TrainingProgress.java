package io.mailtune.model.train;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Where a run stands after one optimizer step.
 *
 * @param step            optimizer steps done (1-based)
 * @param totalSteps      steps the run is scheduled for
 * @param loss            weighted mean token loss of this step's micro-batches
 * @param learningRate    the rate this step used
 * @param tokensPerSecond real (non-padding) input tokens per second since this process started training
 * @param eta             estimated time to finish the scheduled steps
 * @param holdoutLoss     mean holdout token loss when this step evaluated it
 */
public record TrainingProgress(int step, int totalSteps, double loss, double learningRate, double tokensPerSecond,
                               Duration eta, OptionalDouble holdoutLoss) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "step %d/%d loss %.4f lr %.2e %.0f tok/s eta %ds%s", step, totalSteps,
                loss, learningRate, tokensPerSecond, eta.toSeconds(),
                holdoutLoss.isPresent() ? String.format(java.util.Locale.ROOT, " holdout %.4f", holdoutLoss.getAsDouble()) : "");
    }
}
