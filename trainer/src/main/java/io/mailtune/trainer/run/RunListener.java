package io.mailtune.trainer.run;

import io.mailtune.model.train.TrainingProgress;

/** Hears what runs do, for metrics and the live page. Called on the run's thread; must return quickly. */
public interface RunListener {

    /** After each optimizer step. */
    default void onProgress(String runId, TrainingProgress progress) {
    }

    /** When a run ended, however it ended. */
    default void onFinished(RunRecord run) {
    }

    /** A listener that ignores everything. */
    static RunListener none() {
        return new RunListener() { };
    }
}
