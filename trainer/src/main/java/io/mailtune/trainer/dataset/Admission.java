package io.mailtune.trainer.dataset;

/** What the training set did with one offered record. */
public sealed interface Admission {

    /** The record id. */
    String recordId();

    /** Taken in as an example on a side of the split. */
    record Accepted(String recordId, Side side) implements Admission {
    }

    /** Not taken in, for a recorded reason. */
    record Dropped(String recordId, DropReason reason, String detail) implements Admission {
    }
}
