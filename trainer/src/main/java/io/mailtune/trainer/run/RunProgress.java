package io.mailtune.trainer.run;

/**
 * One optimizer step of a run, for its loss curve.
 *
 * @param step            step number
 * @param loss            training loss
 * @param learningRate    learning rate used
 * @param tokensPerSecond throughput so far
 * @param etaMillis       estimated time left
 * @param at              epoch milliseconds
 */
public record RunProgress(int step, double loss, double learningRate, double tokensPerSecond, long etaMillis, long at) {
}
