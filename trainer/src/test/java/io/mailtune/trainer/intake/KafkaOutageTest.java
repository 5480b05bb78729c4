package io.mailtune.trainer.intake;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.sql.Database;
import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.trainer.DemoApprovals;
import io.mailtune.trainer.TestDatabases;
import io.mailtune.trainer.dataset.Candidate;
import io.mailtune.trainer.dataset.DatasetRules;
import io.mailtune.trainer.dataset.TrainingSet;
import io.mailtune.trainer.run.TestTrainer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka away for a while: the intake keeps trying, and every approval sent before and after is read, none lost. */
class KafkaOutageTest {

    @TempDir
    Path dir;

    @Test
    void approvalsAreReadWhenKafkaReturnsAndNoneIsLost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        List<SupportCase> cases = generator.generate(DemoSeeds.STYLE_SHIFT, 24).stream().filter(c -> !c.isHandOff()).limit(16).toList();
        Database db = TestDatabases.h2();
        TrainingSet set = new TrainingSet(db, DatasetRules.defaults(DemoApprovals.DEMO_HAND_OFF), Clock.systemUTC());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port);
        TopicIntake<ApprovedReply> intake = null;
        try {
            TopicSetup.ensure(broker.bootstrapServers(), 3, (short) 1);
            String servers = broker.bootstrapServers();
            send(servers, generator, cases.subList(0, 8));
            intake = new TopicIntake<>(servers, "trainer-outage", Topics.APPROVED, r -> set.offer(Candidate.of(r)), () -> { }, db);
            intake.start();
            await(set, 8);
            broker.close();
            Thread.sleep(3000); // the intake polls an absent broker meanwhile
            broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port);
            send(servers, generator, cases.subList(8, 16));
            await(set, 16);
            assertEquals(16, intake.stored());
        } finally {
            if (intake != null) {
                intake.close();
            }
            broker.close();
        }
    }

    private static void send(String servers, SupportCaseGenerator generator, List<SupportCase> cases) throws Exception {
        try (KafkaProducer<String, byte[]> producer = TestTrainer.producer(servers)) {
            for (SupportCase c : cases) {
                ApprovedReply r = DemoApprovals.approved(generator, c, DemoApprovals.CARE, "outage");
                producer.send(new ProducerRecord<>(Topics.APPROVED.name(), Topics.APPROVED.keyOf(r), EventCodec.encode(r))).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void await(TrainingSet set, int examples) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (set.stats().train() + set.stats().holdout() < examples) {
            assertTrue(System.nanoTime() < deadline, "only " + (set.stats().train() + set.stats().holdout()) + " of " + examples + " read");
            Thread.sleep(250);
        }
    }
}
