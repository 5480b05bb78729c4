package io.mailtune.trainer.dataset;

/** Which side of the train/holdout split a thread (and every example of it) is on. */
public enum Side {
    /** Learnt from. */
    TRAIN,
    /** Only evaluated on, by the gate. */
    HOLDOUT
}
