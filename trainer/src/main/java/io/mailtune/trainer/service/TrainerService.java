package io.mailtune.trainer.service;

import io.agroal.api.AgroalDataSource;
import io.mailtune.core.contract.TopicSetup;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.ReviewOutcome;
import io.mailtune.core.sql.Database;
import io.mailtune.embedded.kafka.EmbeddedKafkaBroker;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.demo.brightcart.BrightcartProfile;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.DraftFormat;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.eval.StyleRules;
import io.mailtune.trainer.dataset.Candidate;
import io.mailtune.trainer.dataset.DatasetRules;
import io.mailtune.trainer.dataset.TrainingSet;
import io.mailtune.trainer.gate.DemoRegressionSet;
import io.mailtune.trainer.gate.GateSettings;
import io.mailtune.trainer.gate.RegressionCase;
import io.mailtune.trainer.history.HistoryImport;
import io.mailtune.trainer.intake.TopicIntake;
import io.mailtune.trainer.live.LiveQualityWatch;
import io.mailtune.trainer.live.OutcomeLog;
import io.mailtune.trainer.live.QualitySettings;
import io.mailtune.trainer.registry.AdapterBroadcast;
import io.mailtune.trainer.registry.AdapterRegistry;
import io.mailtune.trainer.registry.Rollback;
import io.mailtune.trainer.run.BaseModel;
import io.mailtune.trainer.run.Lease;
import io.mailtune.trainer.run.RunEngine;
import io.mailtune.trainer.run.RunListener;
import io.mailtune.trainer.run.RunRecord;
import io.mailtune.trainer.run.RunSettings;
import io.mailtune.trainer.run.RunStore;
import io.mailtune.trainer.run.RunTrigger;
import io.mailtune.trainer.run.TrainerParts;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The trainer, assembled from configuration at start-up: the database, Kafka (an embedded broker when none is
 * configured), the intake of approvals and review outcomes, the run engine with its lease, the registry, rollback and
 * the live-quality watch. REST resources and the scheduler are thin layers over this bean.
 */
@ApplicationScoped
public class TrainerService {

    private static final Logger LOG = Logger.getLogger(TrainerService.class.getName());

    /** Built-in tolerances of the gate's metrics (configuration overrides each). */
    static final Map<String, Double> DEFAULT_TOLERANCES = Map.of("holdout.loss", 0.05, "holdout.chrF", 2.0,
            "holdout.editUptake", 2.0, "holdout.style", 0.05, "holdout.citation", 0.05, "regression.keyInstruction", 0.05, "regression.citation", 0.05);

    @Inject
    TrainerConfig config;

    private final Clock clock = Clock.systemUTC();
    private EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;
    private Database db;
    private TrainingSet trainingSet;
    private RunEngine engine;
    private OutcomeLog outcomes;
    private LiveQualityWatch watch;
    private Rollback rollback;
    private TopicIntake<ApprovedReply> approvals;
    private TopicIntake<ReviewOutcome> reviewOutcomes;
    private ExecutorService runner;
    private final AtomicReference<String> activeRun = new AtomicReference<>();
    private final List<RunListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    void start(@Observes @Priority(10) StartupEvent event) {
        Path dataDir = config.dataDir().toAbsolutePath();
        createDirectories(dataDir);
        db = new Database(activeDataSource(), "trainer database");
        bootstrapServers = config.kafka().bootstrapServers().filter(s -> !s.isBlank()).orElseGet(() -> {
            broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), config.kafka().embeddedPort());
            LOG.info(() -> "no mailtune.trainer.kafka.bootstrap-servers: started an embedded broker at " + broker.bootstrapServers());
            return broker.bootstrapServers();
        });
        TopicSetup.ensure(bootstrapServers, config.kafka().partitions(), config.kafka().replicationFactor());
        producer = producer(bootstrapServers);
        var co = config.company();
        CompanyProfile company = BrightcartProfile.unlessConfigured(co.name(), co.signature(), co.tone(), co.language(), co.handOffText());
        var d = config.dataset();
        DatasetRules rules = new DatasetRules(d.maxReplyChars(), Set.copyOf(d.languages()), d.minWordsForLanguage(),
                company.handOffText(), d.handOffMinChars(), d.nearDuplicateJaccard(), d.holdoutPercent(), d.editBoost(),
                d.uneditedWeight(), d.uneditedMaxShare());
        trainingSet = new TrainingSet(db, rules, clock);
        String instance = config.instanceId().orElseGet(TrainerService::defaultInstanceId);
        Lease lease = new Lease(db, instance, config.leaseTtl(), clock);
        AdapterRegistry registry = new AdapterRegistry(db, dataDir.resolve("adapters"), clock);
        AdapterBroadcast broadcast = new AdapterBroadcast(producer, bootstrapServers);
        BaseModel base = new BaseModel(config.model().path().orElseGet(() -> BundledModel.extractTo(dataDir.resolve("models"))),
                config.model().name());
        var t = config.training();
        RunSettings settings = new RunSettings(t.rank(), t.alpha(), t.targets(), t.epochs(), t.minSteps(), t.maxSteps(),
                t.learningRate(), t.minLearningRate(), t.batchTokens(), t.maxBatchRows(), t.seed(), t.checkpointEvery(),
                t.maxSequenceTokens(), t.divergenceFactor());
        var g = config.gate();
        Map<String, Double> tolerances = new HashMap<>(DEFAULT_TOLERANCES);
        tolerances.putAll(g.tolerance());
        GateSettings gate = new GateSettings(g.resamples(), g.confidence(), g.minImprovement(), tolerances, g.defaultTolerance(),
                g.maxHoldout(), g.maxNewTokens());
        int regressionCases = g.regressionCases();
        Supplier<List<RegressionCase>> regression = memoize(() -> DemoRegressionSet.cases(regressionCases));
        // The format the checkpoint was trained on, exactly as the agents choose it (DraftFormats.forCheckpoint).
        DraftFormat format = DraftFormats.forCheckpoint(base.directory());
        TrainerParts parts = new TrainerParts(trainingSet, new RunStore(db, clock), registry, broadcast, lease, base, format,
                company, styleRules(), settings, gate, regression, config.draft().promptTokens(), dataDir.resolve("work"),
                bootstrapServers, clock);
        engine = new RunEngine(parts, new RunListener() {
            @Override
            public void onProgress(String runId, io.mailtune.model.train.TrainingProgress progress) {
                listeners.forEach(l -> l.onProgress(runId, progress));
            }

            @Override
            public void onFinished(RunRecord run) {
                listeners.forEach(l -> l.onFinished(run));
            }
        });
        outcomes = new OutcomeLog(db);
        rollback = new Rollback(registry, broadcast, clock);
        var r = config.rollback();
        watch = new LiveQualityWatch(db, outcomes, registry, rollback,
                new QualitySettings(r.automatic(), r.window(), r.minSample(), r.alpha()), clock);
        runner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "trainer-run");
            thread.setDaemon(true);
            return thread;
        });
        approvals = new TopicIntake<>(bootstrapServers, config.kafka().groupId(), Topics.APPROVED,
                reply -> trainingSet.offer(Candidate.of(reply)), () -> { }, db);
        reviewOutcomes = new TopicIntake<>(bootstrapServers, config.kafka().groupId(), Topics.REVIEW_OUTCOMES,
                outcomes::record, watch::check, db);
        approvals.start();
        reviewOutcomes.start();
        LOG.info(() -> "trainer instance " + instance + " ready: base model " + base.name() + " (" + base.directory()
                + "), format " + format.getClass().getSimpleName() + ", Kafka " + bootstrapServers);
    }

    void stop(@Observes ShutdownEvent event) {
        for (AutoCloseable c : new AutoCloseable[] {approvals, reviewOutcomes}) {
            closeQuietly(c);
        }
        if (runner != null) {
            runner.shutdownNow();
        }
        closeQuietly(engine);
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * Starts a run in the background; throws {@link io.mailtune.trainer.run.RunConflictException} when one is under
     * way on any instance. An interrupted run is resumed instead of starting a new one.
     */
    public RunRecord startRun(RunTrigger trigger, String requestedBy) {
        RunEngine.Claim claim = engine.begin(trigger, requestedBy);
        submit(claim);
        return engine.parts().runs().find(claim.runId()).orElseThrow();
    }

    /** Takes up a run whose instance died, if there is one and nothing runs here. */
    public Optional<String> resumeInterrupted() {
        if (activeRun.get() != null) {
            return Optional.empty();
        }
        Optional<RunEngine.Claim> claim = engine.claimInterrupted();
        claim.ifPresent(this::submit);
        return claim.map(RunEngine.Claim::runId);
    }

    private void submit(RunEngine.Claim claim) {
        activeRun.set(claim.runId());
        runner.submit(() -> {
            try {
                engine.execute(claim);
            } finally {
                activeRun.set(null);
            }
        });
    }

    /** The run this instance is executing, if any. */
    public Optional<String> activeRun() {
        return Optional.ofNullable(activeRun.get());
    }

    /** Adds a listener of runs (metrics). */
    public void addListener(RunListener listener) {
        listeners.add(listener);
    }

    /** A scheduled run, when enough new examples arrived since the last run's snapshot. */
    public Optional<RunRecord> scheduledRun() {
        long since = engine.parts().runs().lastDatasetSeq();
        int added = trainingSet.addedSince(since);
        if (added < config.schedule().minNewExamples()) {
            LOG.info(() -> "scheduled re-tune skipped: " + added + " new examples since the last run, "
                    + config.schedule().minNewExamples() + " needed (mailtune.trainer.schedule.min-new-examples)");
            return Optional.empty();
        }
        return Optional.of(startRun(RunTrigger.SCHEDULE, "schedule"));
    }

    /** A history importer with the configured (or given) support addresses. */
    public HistoryImport historyImport(List<String> supportAddresses) {
        List<String> addresses = supportAddresses != null && !supportAddresses.isEmpty() ? supportAddresses
                : config.history().supportAddresses().orElse(List.of());
        return new HistoryImport(trainingSet, addresses.stream().map(EmailAddress::of).collect(Collectors.toSet()),
                config.dataDir().toAbsolutePath().resolve("work").resolve("history"));
    }

    /** The configuration. */
    public TrainerConfig config() {
        return config;
    }

    /** The run engine and its parts. */
    public RunEngine engine() {
        return engine;
    }

    /** The training set. */
    public TrainingSet trainingSet() {
        return trainingSet;
    }

    /** Rollbacks. */
    public Rollback rollback() {
        return rollback;
    }

    /** The live-quality watch. */
    public LiveQualityWatch watch() {
        return watch;
    }

    /** The database. */
    public Database database() {
        return db;
    }

    /** Kafka's bootstrap servers in use. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The approval intake. */
    public TopicIntake<ApprovedReply> approvals() {
        return approvals;
    }

    /** The review-outcome intake. */
    public TopicIntake<ReviewOutcome> reviewOutcomes() {
        return reviewOutcomes;
    }

    private StyleRules styleRules() {
        var g = config.gate();
        if (g.styleRulesFile().isPresent()) {
            try {
                return StyleRules.parse(Files.readString(g.styleRulesFile().get()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mailtune.trainer.gate.style-rules-file " + g.styleRulesFile().get(), e);
            }
        }
        return StyleRules.parse(String.join("\n", g.styleRules().orElse(List.of())));
    }

    private static AgroalDataSource activeDataSource() {
        Optional<AgroalDataSource> h2 = AgroalDataSourceUtil.dataSourceIfActive("<default>");
        return h2.or(() -> AgroalDataSourceUtil.dataSourceIfActive("postgresql")).orElseThrow(() -> new IllegalStateException(
                "no active datasource: activate the embedded H2 one or quarkus.datasource.\"postgresql\" (docs/configuration.md)"));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        AtomicReference<T> value = new AtomicReference<>();
        return () -> value.updateAndGet(v -> v != null ? v : supplier.get());
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "trainer";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create mailtune.trainer.data-dir " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warning(() -> "closing " + c + ": " + e.getMessage());
        }
    }
}
