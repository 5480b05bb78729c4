package io.mailtune.trainer.run;

/** A run was asked for while another instance (or this one) holds the training lease. */
public final class RunConflictException extends RuntimeException {

    private final String holder;

    /** The lease's holder and, if known, the run it is on. */
    public RunConflictException(String holder, String runId) {
        super("a training run is already in progress" + (runId == null ? "" : " (" + runId + ")") + " on trainer instance '"
                + holder + "'; only one run at a time, across instances");
        this.holder = holder;
    }

    /** The instance holding the lease. */
    public String holder() {
        return holder;
    }
}
