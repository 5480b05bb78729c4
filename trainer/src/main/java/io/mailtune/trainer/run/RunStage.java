package io.mailtune.trainer.run;

/** The steps of a run, in order; a resumed run continues at the stage it had reached. */
public enum RunStage {
    /** Freezing the dataset snapshot. */
    SNAPSHOT,
    /** LoRA training (resumable from its checkpoints). */
    TRAINING,
    /** Drafting and scoring the holdout and regression sets with the candidate and the live adapter. */
    EVALUATING,
    /** Registering the adapter, sending its files and the promotion. */
    PUBLISHING,
    /** Nothing left to do. */
    DONE
}
