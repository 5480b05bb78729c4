package io.mailtune.trainer.run;

import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.sql.Database;
import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.eval.StyleRules;
import io.mailtune.trainer.DemoApprovals;
import io.mailtune.trainer.dataset.Candidate;
import io.mailtune.trainer.dataset.DatasetRules;
import io.mailtune.trainer.dataset.TrainingSet;
import io.mailtune.trainer.gate.DemoRegressionSet;
import io.mailtune.trainer.gate.GateSettings;
import io.mailtune.trainer.registry.AdapterBroadcast;
import io.mailtune.trainer.registry.AdapterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A trainer's parts for engine tests (and the child JVM of the kill test): small, fast settings on real servers. */
public final class TestTrainer {

    private TestTrainer() {
    }

    /** Parts over {@code db} and Kafka, with work files under {@code dataDir}. */
    public static TrainerParts parts(Database db, String bootstrapServers, Path dataDir, Path workRoot, String instance,
                                     RunSettings settings, KafkaProducer<String, byte[]> producer) {
        Clock clock = Clock.systemUTC();
        TrainingSet set = new TrainingSet(db, DatasetRules.defaults(DemoApprovals.DEMO_HAND_OFF), clock);
        BaseModel base = new BaseModel(BundledModel.extractTo(dataDir.resolve("models")), "mailtune-bundled");
        GateSettings gate = new GateSettings(500, 0.95, 0, Map.of(), 0.1, 8, 60);
        return new TrainerParts(set, new RunStore(db, clock), new AdapterRegistry(db, dataDir.resolve("adapters"), clock),
                new AdapterBroadcast(producer, bootstrapServers), new Lease(db, instance, Duration.ofSeconds(4), clock), base,
                DraftFormats.forCheckpoint(base.directory()), new CompanyProfile("Brightcart", "Best regards,\nBrightcart Support", "", "en", DemoApprovals.DEMO_HAND_OFF),
                StyleRules.parse(String.join("\n", DemoApprovals.CARE_RULES)), settings, gate, () -> DemoRegressionSet.cases(4),
                512, workRoot, bootstrapServers, clock);
    }

    /** Few steps of a small run. */
    public static RunSettings settings(int steps, double learningRate, int checkpointEvery) {
        return new RunSettings(8, 16, List.of("q_proj", "v_proj"), 1, steps, steps, learningRate, learningRate / 10, 2048, 8, 17,
                checkpointEvery, 1024, 3.0);
    }

    /** A producer like the service's. */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Fills the training set with {@code count} style-edit approvals. */
    public static void fill(TrainingSet set, int count) {
        SupportCaseGenerator generator = SupportCaseGenerator.demo();
        for (SupportCase c : generator.generate(DemoSeeds.STYLE_SHIFT, count)) {
            ApprovedReply r = DemoApprovals.approved(generator, c, DemoApprovals.CARE, "engine");
            set.offer(Candidate.of(r));
        }
    }
}
