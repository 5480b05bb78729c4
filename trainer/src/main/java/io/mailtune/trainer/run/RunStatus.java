package io.mailtune.trainer.run;

/** Where a training run ended, or that it is still going. */
public enum RunStatus {
    /** Snapshot, training, evaluation or publishing is under way (or was, when its instance died: it resumes). */
    RUNNING,
    /** The gate passed and the adapter went live. */
    PROMOTED,
    /** The gate said no; the candidate was discarded. */
    REJECTED,
    /** The loss became NaN or diverged: training was stopped and nothing was published. */
    ABORTED,
    /** Something else broke (a full disk, an unreadable model): the run failed, the service did not. */
    FAILED;

    /** True for a run that has ended. */
    public boolean finished() {
        return this != RUNNING;
    }
}
