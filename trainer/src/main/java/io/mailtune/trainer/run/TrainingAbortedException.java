package io.mailtune.trainer.run;

/** Training stopped because the loss became NaN or infinite, or diverged; nothing of the run is published. */
public final class TrainingAbortedException extends RuntimeException {

    /** The abort with what was seen. */
    public TrainingAbortedException(String message) {
        super(message);
    }
}
