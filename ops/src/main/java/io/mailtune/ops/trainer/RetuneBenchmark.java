package io.mailtune.ops.trainer;

import io.mailtune.core.contract.TopicSetup;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.Citation;
import io.mailtune.core.reply.SourcePassage;
import io.mailtune.core.sql.Database;
import io.mailtune.core.text.EditDistance;
import io.mailtune.demo.brightcart.DemoSeeds;
import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.eval.StyleRules;
import io.mailtune.trainer.dataset.Candidate;
import io.mailtune.trainer.dataset.DatasetRules;
import io.mailtune.trainer.dataset.TrainingSet;
import io.mailtune.trainer.gate.DemoRegressionSet;
import io.mailtune.trainer.gate.GateReport;
import io.mailtune.trainer.gate.GateSettings;
import io.mailtune.trainer.gate.MetricResult;
import io.mailtune.trainer.registry.AdapterBroadcast;
import io.mailtune.trainer.registry.AdapterRegistry;
import io.mailtune.trainer.run.BaseModel;
import io.mailtune.trainer.run.Lease;
import io.mailtune.trainer.run.RunEngine;
import io.mailtune.trainer.run.RunListener;
import io.mailtune.trainer.run.RunRecord;
import io.mailtune.trainer.run.RunSettings;
import io.mailtune.trainer.run.RunStore;
import io.mailtune.trainer.run.RunTrigger;
import io.mailtune.trainer.run.TrainerParts;
import io.mailtune.trainer.store.Json;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A re-tune on {@code --approvals} (500) approved replies with the bundled model, end to end as the service runs it:
 * the approvals offered to the training set (scrubbing, rules, dedupe, split), the snapshot, LoRA training with the
 * service's default settings, the gate's evaluation of candidate and live (the bare base model) on the holdout and the
 * 40-case regression set, and publishing to an embedded Kafka broker. Prints wall times, tokens/s and the load average.
 * Run: {@code java -cp <ops classpath> io.mailtune.ops.trainer.RetuneBenchmark [--approvals N] [--work DIR]}.
 */
public final class RetuneBenchmark {

    private RetuneBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int approvals = 500;
        Path work = Files.createTempDirectory("retune-benchmark");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--approvals" -> approvals = Integer.parseInt(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("load average at start: " + load());
        long start = System.nanoTime();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + work.resolve("trainer-db").toAbsolutePath());
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/trainer").load().migrate();
        Database db = new Database(ds, "trainer database");
        HouseStyle care = new HouseStyle("brightcart-care", "Dear {name},", null, "Kind regards,\nThe Brightcart Care Team");
        String handOff = "This needs a member of our team to look at it personally, so I have passed it"
                + " to a colleague who will follow up with you by email within two business days.";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"))) {
            TopicSetup.ensure(broker.bootstrapServers(), 3, (short) 1);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                Clock clock = Clock.systemUTC();
                TrainingSet set = new TrainingSet(db, DatasetRules.defaults(handOff), clock);
                SupportCaseGenerator generator = SupportCaseGenerator.demo();
                long offerStart = System.nanoTime();
                for (SupportCase c : generator.generate(DemoSeeds.STYLE_SHIFT, approvals)) {
                    set.offer(Candidate.of(approval(generator, c, care)));
                }
                double offerSeconds = (System.nanoTime() - offerStart) / 1e9;
                // The service's defaults (docs/configuration.md).
                RunSettings settings = new RunSettings(8, 16, List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
                        "down_proj"), 3, 20, 300, 5e-3, 5e-4, 4096, 16, 17, 10, 1024, 3.0);
                GateSettings gate = new GateSettings(2000, 0.95, 0, Map.of("holdout.loss", 0.05, "holdout.chrF", 2.0, "holdout.editUptake", 2.0), 0.05, 200, 200);
                BaseModel base = new BaseModel(BundledModel.extractTo(work.resolve("models")), "mailtune-bundled");
                TrainerParts parts = new TrainerParts(set, new RunStore(db, clock), new AdapterRegistry(db, work.resolve("adapters"), clock),
                        new AdapterBroadcast(producer, broker.bootstrapServers()), new Lease(db, "benchmark", Duration.ofSeconds(60), clock),
                        base, DraftFormats.forCheckpoint(base.directory()),
                        new CompanyProfile("Brightcart", "Best regards,\nBrightcart Support", "", "en", handOff),
                        StyleRules.parse("match (?m)^Dear [A-Z]\nrequire Kind regards,\nrequire The Brightcart Care Team"), settings, gate,
                        () -> DemoRegressionSet.cases(40), 768, work.resolve("work"), broker.bootstrapServers(), clock);
                List<String> loads = new ArrayList<>();
                try (RunEngine engine = new RunEngine(parts, new RunListener() {
                    @Override
                    public void onProgress(String runId, io.mailtune.model.train.TrainingProgress p) {
                        if (p.step() % 20 == 0) {
                            loads.add(load());
                            System.out.println(p + "  load " + loads.getLast());
                        }
                    }
                })) {
                    RunRecord run = engine.execute(engine.begin(RunTrigger.ON_DEMAND, "benchmark"));
                    double total = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%nre-tune on %d approvals: %s, %d train / %d holdout examples (unedited %d of %d)%n",
                            approvals, run.status(), run.trainExamples(), run.holdoutExamples(), run.uneditedUsed(), run.uneditedAvailable());
                    System.out.printf(Locale.ROOT, "offer (scrub, rules, dedupe, split): %.1f s%n", offerSeconds);
                    System.out.printf(Locale.ROOT, "training: %d steps in %.1f s, %.0f tokens/s (real tokens)%n", run.stepsDone(),
                            run.trainingSeconds(), run.tokensPerSecond());
                    System.out.printf(Locale.ROOT, "gate evaluation: %.1f s (candidate and base, holdout %d + regression 40)%n",
                            run.evaluationSeconds(), Math.min(200, run.holdoutExamples()));
                    System.out.printf(Locale.ROOT, "end to end (database, broker, data, run, publish): %.1f s%n", total);
                    System.out.println("decision: " + run.reason());
                    if (run.gateReport() != null) {
                        for (MetricResult m : Json.read(run.gateReport(), GateReport.class).metrics()) {
                            System.out.printf(Locale.ROOT, "  %-26s live %.3f  candidate %.3f  diff %+.3f [%.3f, %.3f] %s%n", m.name(), m.live(),
                                    m.candidate(), m.difference(), m.lower(), m.upper(), m.verdict());
                        }
                    }
                    System.out.println("load average during training: " + loads + "; at end: " + load());
                }
            }
        }
    }

    private static ApprovedReply approval(SupportCaseGenerator generator, SupportCase c, HouseStyle style) {
        String sent = style.restyle(c.goldReply(), generator.settings().style(), c.ticketNumber());
        List<SourcePassage> passages = new ArrayList<>();
        List<Citation> citations = new ArrayList<>();
        for (String id : c.articleIds()) {
            HelpArticle a = generator.knowledgeBase().article(id);
            SourcePassage p = new SourcePassage(a.id(), a.id() + "#key", a.title(), a.url(), a.keyPassage(), 1.0, 1.0);
            passages.add(p);
            citations.add(p.citation());
        }
        Instant now = Instant.now();
        return ApprovedReply.builder().replyId("bench-" + c.caseId()).draftId("draft-" + c.caseId()).emailId("email-" + c.caseId())
                .threadId("thread-" + c.caseId()).mailbox("support").subject(c.subject()).customerMessage(c.customerText())
                .originalDraft(c.goldReply()).sentText(sent).reviewer("bench").editDistance(EditDistance.levenshtein(c.goldReply(), sent))
                .citations(citations).passages(passages).customer(new EmailAddress(c.customerEmail(), c.customerName())).language("en")
                .handOff(c.isHandOff()).draftedAt(now.minusSeconds(60)).approvedAt(now).build();
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
