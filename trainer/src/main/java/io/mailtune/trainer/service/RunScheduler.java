package io.mailtune.trainer.service;

import io.mailtune.trainer.run.RunConflictException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * The schedule: a re-tune on {@code mailtune.trainer.schedule.cron} when enough new examples arrived, and a frequent
 * look for runs whose instance died (taken up once their lease lapsed).
 */
@ApplicationScoped
public class RunScheduler {

    private static final Logger LOG = Logger.getLogger(RunScheduler.class.getName());

    @Inject
    TrainerService trainer;

    @Scheduled(cron = "{mailtune.trainer.schedule.cron}", identity = "scheduled-retune",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retune() {
        try {
            trainer.scheduledRun().ifPresent(run -> LOG.info(() -> "scheduled re-tune started: run " + run.runId()));
        } catch (RunConflictException e) {
            LOG.info(() -> "scheduled re-tune skipped: " + e.getMessage());
        }
    }

    @Scheduled(every = "{mailtune.trainer.recovery-every}", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            identity = "run-recovery", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recover() {
        trainer.resumeInterrupted().ifPresent(id -> LOG.info(() -> "resumed interrupted run " + id));
    }
}
