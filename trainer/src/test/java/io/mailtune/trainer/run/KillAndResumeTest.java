package io.mailtune.trainer.run;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterFiles;
import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.sql.Database;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import io.mailtune.trainer.TestDatabases;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trainer killed mid-run (a child JVM, {@code destroyForcibly}) publishes nothing; a second instance on the same
 * PostgreSQL database takes the run up once the lease lapsed, resumes training from the last checkpoint, and the run
 * ends with at most one promotion whose adapter is complete.
 */
class KillAndResumeTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidTrainingIsResumedByAnotherInstanceAndNeverPublishesAHalfTrainedAdapter() throws Exception {
        Database db = TestDatabases.postgres(postgres.jdbcUrl(), postgres.user());
        Path work = dir.resolve("work");
        int steps = 14;
        try (var producer = TestTrainer.producer(kafka.bootstrapServers())) {
            TrainerParts parts = TestTrainer.parts(db, kafka.bootstrapServers(), dir, work, "second-instance",
                    TestTrainer.settings(steps, 2e-3, 2), producer);
            TestTrainer.fill(parts.trainingSet(), 30);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), RunWorker.class.getName(),
                    postgres.jdbcUrl(), postgres.user(), kafka.bootstrapServers(), dir.toString(), work.toString(), Integer.toString(steps))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (checkpointStep(db) < 4) {
                    assertTrue(child.isAlive(), "the child ended early: " + Files.readString(dir.resolve("child.log")));
                    assertTrue(System.nanoTime() < deadline, "no progress: " + Files.readString(dir.resolve("child.log")));
                    Thread.sleep(200);
                }
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            RunRecord killed = parts.runs().unfinished().getFirst();
            assertEquals(RunStatus.RUNNING, killed.status());
            assertTrue(killed.stepsDone() < steps, "killed mid-run at step " + killed.stepsDone());
            assertEquals(0, adapterEvents().size(), "a killed run publishes nothing");
            try (RunEngine engine = new RunEngine(parts, RunListener.none())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                RunEngine.Claim claim;
                while (true) {
                    var c = engine.claimInterrupted();
                    if (c.isPresent()) {
                        claim = c.get();
                        break;
                    }
                    assertTrue(System.nanoTime() < deadline, "the lease never lapsed");
                    Thread.sleep(250);
                }
                assertEquals(killed.runId(), claim.runId());
                RunRecord done = engine.execute(claim);
                assertTrue(done.status() == RunStatus.PROMOTED || done.status() == RunStatus.REJECTED, done.status() + ": " + done.reason());
                assertEquals(2, done.attempts());
                assertTrue(done.resumedFromStep() >= 2, "resumed from a checkpoint, not from scratch: " + done.resumedFromStep());
                assertEquals(steps, done.stepsDone());
                assertEquals(steps, parts.runs().progress(done.runId()).size(), "each step recorded once");
                List<AdapterEvent> events = adapterEvents();
                if (done.status() == RunStatus.PROMOTED) {
                    assertEquals(1, events.size());
                    AdapterPromoted p = (AdapterPromoted) events.getFirst();
                    Path fetched = AdapterFiles.fetch(p.live(), dir.resolve("agent"), kafka.bootstrapServers(), Duration.ofSeconds(30));
                    assertTrue(Files.size(fetched.resolve("adapter_model.safetensors")) > 0);
                } else {
                    assertEquals(0, events.size());
                }
                assertFalse(Files.exists(work.resolve("runs").resolve(done.runId())));
            }
        }
    }

    private static int checkpointStep(Database db) {
        return db.first("SELECT steps_done FROM trainer_run ORDER BY created_at DESC", r -> r.getInt(1)).orElse(0);
    }

    private static List<AdapterEvent> adapterEvents() {
        List<AdapterEvent> out = new ArrayList<>();
        try (var consumer = kafka.consumer("events-" + System.nanoTime())) {
            TopicPartition tp = new TopicPartition(Topics.ADAPTERS.name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    out.add(EventCodec.decode(r.value(), AdapterEvent.class));
                }
            }
        }
        return out;
    }
}
