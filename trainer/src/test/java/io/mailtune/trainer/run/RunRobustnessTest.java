package io.mailtune.trainer.run;

import io.mailtune.core.contract.Topics;
import io.mailtune.core.sql.Database;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.trainer.TestDatabases;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs that go wrong: a diverging loss aborts with a clear record, a full disk fails the run, never the trainer. */
class RunRobustnessTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path data;

    static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void producer() {
        producer = TestTrainer.producer(kafka.bootstrapServers());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private TrainerParts parts(Database db, Path work, RunSettings settings) {
        TrainerParts parts = TestTrainer.parts(db, kafka.bootstrapServers(), data, work, "robust", settings, producer);
        TestTrainer.fill(parts.trainingSet(), 30);
        return parts;
    }

    @Test
    void aDivergingLossAbortsTheRunWithAClearRecordAndPublishesNothing() {
        Path work = data.resolve("work-diverge");
        TrainerParts parts = parts(TestDatabases.h2(), work, TestTrainer.settings(12, 30.0, 0));
        try (RunEngine engine = new RunEngine(parts, RunListener.none())) {
            RunRecord run = engine.execute(engine.begin(RunTrigger.ON_DEMAND, "test"));
            assertEquals(RunStatus.ABORTED, run.status(), run.reason());
            assertTrue(run.reason().contains("diverged") || run.reason().contains("NaN") || run.reason().contains("Infinity"), run.reason());
            assertTrue(run.reason().contains("nothing was published"), run.reason());
            assertTrue(parts.registry().list().isEmpty());
            assertEquals(0, adapterEventCount());
            assertFalse(Files.exists(work.resolve("runs").resolve(run.runId())), "its work files are gone");
            assertTrue(parts.lease().current().isEmpty(), "the lease was given back");
        }
    }

    @Test
    void aFullDiskFailsTheRunAndTheTrainerCarriesOn() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root || "true".equals(System.getenv("CI")), "mounting a tmpfs needs root");
        Path disk = Files.createDirectories(data.resolve("tiny-disk"));
        mount(disk);
        try {
            TrainerParts parts = parts(TestDatabases.h2(), disk, TestTrainer.settings(6, 2e-3, 1));
            try (RunEngine engine = new RunEngine(parts, RunListener.none())) {
                RunRecord run = engine.execute(engine.begin(RunTrigger.ON_DEMAND, "test"));
                assertEquals(RunStatus.FAILED, run.status(), run.reason());
                assertTrue(run.reason().contains("No space left on device") || run.reason().contains("cannot write"), run.reason());
                assertEquals(0, adapterEventCount());
                // The trainer itself is fine: the lease is free again and a new run can be started.
                RunEngine.Claim next = engine.begin(RunTrigger.ON_DEMAND, "test");
                parts.lease().release(next.token());
                assertTrue(parts.runs().find(next.runId()).isPresent());
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void mount(Path dir) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", dir.toString()).inheritIO().start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "mount -t tmpfs failed");
    }

    private static long adapterEventCount() {
        try (var consumer = kafka.consumer("count-" + System.nanoTime())) {
            TopicPartition tp = new TopicPartition(Topics.ADAPTERS.name(), 0);
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }
}
