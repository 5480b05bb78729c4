package io.mailtune.model.train;

/** Receives progress after every optimizer step, so a service or the command line can show it. */
@FunctionalInterface
public interface TrainingListener {

    /** Called on the training thread after each optimizer step; must return quickly. */
    void onProgress(TrainingProgress progress);

    /** A listener that ignores progress. */
    static TrainingListener none() {
        return p -> { };
    }
}
