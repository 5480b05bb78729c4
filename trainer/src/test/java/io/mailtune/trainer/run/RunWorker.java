package io.mailtune.trainer.run;

import io.mailtune.core.sql.Database;
import io.mailtune.trainer.TestDatabases;

import java.nio.file.Path;

/**
 * A trainer instance in a child JVM for the kill test: takes the lease, starts a run on the PostgreSQL database and
 * trains until the parent kills it. Arguments: JDBC URL, user, Kafka bootstrap servers, data dir, work dir, steps.
 */
public final class RunWorker {

    private RunWorker() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        Database db = TestDatabases.postgres(args[0], args[1]);
        int steps = Integer.parseInt(args[5]);
        try (var producer = TestTrainer.producer(args[2])) {
            TrainerParts parts = TestTrainer.parts(db, args[2], Path.of(args[3]), Path.of(args[4]), "child-instance",
                    TestTrainer.settings(steps, 2e-3, 2), producer);
            try (RunEngine engine = new RunEngine(parts, RunListener.none())) {
                RunEngine.Claim claim = engine.begin(RunTrigger.ON_DEMAND, "kill-test");
                System.out.println("RUN " + claim.runId());
                engine.execute(claim);
            }
        }
    }
}
