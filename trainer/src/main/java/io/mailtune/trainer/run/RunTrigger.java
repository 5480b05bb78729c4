package io.mailtune.trainer.run;

/** What started a run. */
public enum RunTrigger {
    /** The cron schedule, with enough new examples. */
    SCHEDULE,
    /** An admin, by REST or the command line. */
    ON_DEMAND,
    /** A history import's first adapter. */
    HISTORY
}
