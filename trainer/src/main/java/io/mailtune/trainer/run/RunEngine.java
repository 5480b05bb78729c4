package io.mailtune.trainer.run;

import ai.djl.ndarray.NDManager;
import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterFiles;
import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.adapter.AdapterRef;
import io.mailtune.core.id.Hashing;
import io.mailtune.core.id.Ids;
import io.mailtune.model.checkpoint.CheckpointTensors;
import io.mailtune.model.draft.DraftSettings;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.PeftFormat;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.SamplingOptions;
import io.mailtune.model.tokenizer.ModelTokenizer;
import io.mailtune.model.train.ExampleEncoder;
import io.mailtune.model.train.ModelWeights;
import io.mailtune.model.train.SupervisedExample;
import io.mailtune.model.train.TokenSequence;
import io.mailtune.model.train.Trainer;
import io.mailtune.model.train.TrainingMode;
import io.mailtune.model.train.TrainingOptions;
import io.mailtune.model.train.TrainingProgress;
import io.mailtune.model.train.TrainingResult;
import io.mailtune.trainer.dataset.Side;
import io.mailtune.trainer.dataset.Snapshot;
import io.mailtune.trainer.dataset.StoredExample;
import io.mailtune.trainer.gate.Evaluator;
import io.mailtune.trainer.gate.Gate;
import io.mailtune.trainer.gate.GateReport;
import io.mailtune.trainer.gate.MetricResult;
import io.mailtune.trainer.gate.PairedScores;
import io.mailtune.trainer.gate.RegressionCase;
import io.mailtune.trainer.registry.AdapterRecord;
import io.mailtune.trainer.store.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Runs training runs: snapshot, LoRA training (checkpointed, resumable), evaluation of the candidate and the live
 * adapter on the same holdout and regression set, the gate, and publishing or discarding. One run at a time across
 * instances (the {@link Lease}); a run whose instance died is taken up again at the stage it reached, training from
 * its last checkpoint. Nothing is published before training finished and the gate passed, and a run whose lease was
 * lost publishes nothing.
 */
public final class RunEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunEngine.class.getName());

    private final TrainerParts parts;
    private final RunListener listener;
    private final java.util.concurrent.atomic.AtomicReference<String> executing = new java.util.concurrent.atomic.AtomicReference<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trainer-lease-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** An engine over the parts. */
    public RunEngine(TrainerParts parts, RunListener listener) {
        this.parts = parts;
        this.listener = listener;
    }

    /** The parts it works with. */
    public TrainerParts parts() {
        return parts;
    }

    /** A run that holds the lease and can be executed. */
    public record Claim(String runId, long token) {
    }

    /**
     * Takes the lease and records a new run; execute it with {@link #execute}. Throws {@link RunConflictException}
     * when another instance (or another run of this one) holds the lease.
     */
    public Claim begin(RunTrigger trigger, String requestedBy) {
        if (!executing.compareAndSet(null, "starting")) {
            throw new RunConflictException(parts.lease().holder(), executing.get());
        }
        try {
            Optional<Long> token = parts.lease().tryAcquire();
            if (token.isEmpty()) {
                String holder = parts.lease().current().map(Lease.Holding::holder).orElse("unknown");
                throw new RunConflictException(holder, parts.runs().unfinished().stream().map(RunRecord::runId).findFirst().orElse(null));
            }
            List<RunRecord> unfinished = parts.runs().unfinished();
            if (!unfinished.isEmpty()) {
                // An interrupted run comes first: it is resumed, not replaced.
                RunRecord interrupted = unfinished.getFirst();
                parts.runs().takenUp(interrupted.runId(), parts.lease().holder());
                executing.set(interrupted.runId());
                return new Claim(interrupted.runId(), token.get());
            }
            String runId = Ids.newId();
            parts.runs().create(runId, trigger, requestedBy, parts.lease().holder(), parts.baseModel().name(), Json.write(parts.settings()));
            executing.set(runId);
            return new Claim(runId, token.get());
        } catch (RuntimeException e) {
            executing.set(null);
            throw e;
        }
    }

    /** Takes up the oldest interrupted run if its instance is gone (the lease is free); empty when there is none. */
    public Optional<Claim> claimInterrupted() {
        if (!executing.compareAndSet(null, "resuming")) {
            return Optional.empty();
        }
        try {
            List<RunRecord> unfinished = parts.runs().unfinished();
            Optional<Long> token = unfinished.isEmpty() ? Optional.empty() : parts.lease().tryAcquire();
            if (token.isEmpty()) {
                executing.set(null);
                return Optional.empty();
            }
            RunRecord run = unfinished.getFirst();
            parts.runs().takenUp(run.runId(), parts.lease().holder());
            LOG.info(() -> "taking up interrupted run " + run.runId() + " at stage " + run.stage());
            executing.set(run.runId());
            return Optional.of(new Claim(run.runId(), token.get()));
        } catch (RuntimeException e) {
            executing.set(null);
            throw e;
        }
    }

    /** The run this engine is executing (or claiming), if any. */
    public Optional<String> executing() {
        return Optional.ofNullable(executing.get());
    }

    /** Executes a claimed run to its end, then gives the lease back. Returns the final record. */
    public RunRecord execute(Claim claim) {
        AtomicBoolean lost = new AtomicBoolean();
        long every = Math.max(200, parts.lease().ttl().toMillis() / 3);
        var renewal = heartbeat.scheduleAtFixedRate(() -> {
            try {
                if (!parts.lease().renew(claim.token())) {
                    lost.set(true);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "lease renewal failed: " + e.getMessage(), e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            runStages(claim, lost);
        } catch (LeaseLostException e) {
            LOG.warning(() -> "run " + claim.runId() + " stopped: " + e.getMessage());
        } catch (TrainingAbortedException e) {
            parts.runs().finish(claim.runId(), RunStatus.ABORTED, e.getMessage());
            discard(claim.runId());
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, "run " + claim.runId() + " failed: " + describe(e), e);
            parts.runs().finish(claim.runId(), RunStatus.FAILED, describe(e));
        } finally {
            renewal.cancel(false);
            parts.lease().release(claim.token());
            executing.set(null);
        }
        RunRecord run = parts.runs().find(claim.runId()).orElseThrow();
        if (run.status().finished()) {
            listener.onFinished(run);
        }
        return run;
    }

    private void runStages(Claim claim, AtomicBoolean lost) {
        String runId = claim.runId();
        RunRecord run = parts.runs().find(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        if (run.stage() == RunStage.SNAPSHOT) {
            Snapshot s = parts.trainingSet().snapshot();
            if (s.train().isEmpty()) {
                parts.runs().finish(runId, RunStatus.FAILED, "the training set has no training examples yet");
                return;
            }
            if (s.holdout().isEmpty()) {
                parts.runs().finish(runId, RunStatus.FAILED, "the holdout is empty: the gate has nothing to compare on"
                        + " (mailtune.trainer.dataset.holdout-percent, or more threads)");
                return;
            }
            parts.runs().snapshot(runId, s);
            run = parts.runs().find(runId).orElseThrow();
        }
        checkLease(claim, lost);
        try (LanguageModel model = LanguageModel.load(parts.baseModel().directory())) {
            ModelTokenizer tokenizer = model.tokenizer().orElseThrow(() -> new IllegalStateException(
                    "base model " + parts.baseModel().directory() + " has no tokenizer.json"));
            ExampleInputs inputs = new ExampleInputs(parts.format(), parts.company(), tokenizer, parts.draftPromptTokens());
            Path candidateDir = runDir(runId).resolve("candidate");
            if (run.stage() == RunStage.TRAINING) {
                train(runId, model, inputs, candidateDir, claim, lost);
                run = parts.runs().find(runId).orElseThrow();
            }
            if (run.stage() == RunStage.EVALUATING) {
                checkLease(claim, lost);
                evaluate(run, model, inputs, candidateDir);
                run = parts.runs().find(runId).orElseThrow();
                if ("REJECT".equals(run.decision())) {
                    parts.runs().finish(runId, RunStatus.REJECTED, null);
                    discard(runId);
                    return;
                }
            }
            if (run.stage() == RunStage.PUBLISHING) {
                checkLease(claim, lost);
                publish(run, candidateDir, claim);
                parts.runs().finish(runId, RunStatus.PROMOTED, null);
                discard(runId);
            }
        }
    }

    private void train(String runId, LanguageModel model, ExampleInputs inputs, Path candidateDir, Claim claim, AtomicBoolean lost) {
        List<RunStore.Member> members = parts.runs().members(runId, Side.TRAIN.name());
        Map<String, Double> weights = new LinkedHashMap<>();
        members.forEach(m -> weights.put(m.exampleId(), m.weight()));
        List<SupervisedExample> examples = new ArrayList<>();
        for (StoredExample e : parts.trainingSet().examples(new ArrayList<>(weights.keySet()))) {
            examples.add(inputs.supervised(e, weights.get(e.exampleId())));
        }
        if (examples.isEmpty()) {
            throw new IllegalStateException("every training example of the snapshot has been erased since");
        }
        ModelTokenizer tokenizer = model.tokenizer().orElseThrow();
        int maxTokens = Math.min(parts.settings().maxSequenceTokens(), model.config().maxPositions());
        List<TokenSequence> sequences = new ExampleEncoder(tokenizer, 0f, maxTokens).encodeAll(examples);
        if (sequences.isEmpty()) {
            throw new IllegalStateException("every training example is longer than " + maxTokens + " tokens"
                    + " (mailtune.trainer.training.max-sequence-tokens)");
        }
        long tokens = sequences.stream().mapToLong(TokenSequence::length).sum();
        int steps = parts.settings().steps(tokens);
        parts.runs().planned(runId, steps);
        TrainingOptions options = parts.settings().options(steps);
        Path checkpoints = runDir(runId).resolve("checkpoint");
        long started = System.nanoTime();
        double[] lastTokensPerSecond = {0};
        TrainingResult result;
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ModelWeights w = ModelWeights.fromCheckpoint(model.config(), CheckpointTensors.open(model.directory()), m)) {
            w.attach(LoraAdapter.initialise(model.config(), parts.settings().lora(parts.baseModel().name()), parts.settings().seed(), false));
            Files.createDirectories(checkpoints);
            DivergenceGuard guard = new DivergenceGuard(parts.settings().divergenceFactor(), options.warmupSteps());
            boolean[] first = {true};
            result = new Trainer(w, TrainingMode.LORA, options, p -> {
                if (first[0]) {
                    first[0] = false;
                    parts.runs().forgetProgressFrom(runId, p.step());
                }
                guard.check(p);
                if (lost.get()) {
                    throw new LeaseLostException("the training lease was lost at step " + p.step());
                }
                lastTokensPerSecond[0] = p.tokensPerSecond();
                parts.runs().progress(runId, new RunProgress(p.step(), p.loss(), p.learningRate(), p.tokensPerSecond(),
                        p.eta().toMillis(), parts.clock().millis()));
                listener.onProgress(runId, p);
            }).train(sequences, List.of(), checkpoints);
            writeCandidate(w.toAdapter(), candidateDir);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("training loss became")) {
                throw new TrainingAbortedException(e.getMessage() + "; nothing was published");
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write below " + checkpoints + ": " + e.getMessage(), e);
        }
        String sha = Hashing.sha256Hex(candidateDir.resolve(PeftFormat.WEIGHTS_FILE));
        double seconds = (System.nanoTime() - started) / 1e9;
        parts.runs().trained(runId, AdapterRecord.versionFor(sha), sha, result.steps(), lastTokensPerSecond[0], seconds);
        LOG.info(() -> String.format(java.util.Locale.ROOT, "run %s trained %d steps on %d sequences in %.0f s (resumed from %d)",
                runId, result.steps(), sequences.size(), seconds, result.resumedFromStep()));
    }

    /** The adapter is written beside its final place and renamed, so a half-written candidate never exists there. */
    private static void writeCandidate(LoraAdapter adapter, Path candidateDir) throws IOException {
        Path tmp = candidateDir.resolveSibling("candidate.partial");
        deleteTree(tmp);
        PeftFormat.write(adapter, tmp);
        deleteTree(candidateDir);
        Files.move(tmp, candidateDir, StandardCopyOption.ATOMIC_MOVE);
    }

    private void evaluate(RunRecord run, LanguageModel model, ExampleInputs inputs, Path candidateDir) {
        long started = System.nanoTime();
        Optional<AdapterRecord> duplicate = parts.registry().bySha(run.candidateSha256());
        Optional<AdapterRecord> live = parts.registry().live();
        String liveName = live.map(AdapterRecord::version).orElse("base");
        if (duplicate.isPresent()) {
            parts.runs().decided(run.runId(), live.map(AdapterRecord::version).orElse(null), false,
                    "rejected: the candidate's weights are identical to registered adapter " + duplicate.get().version(), null, 0);
            return;
        }
        List<RunStore.Member> holdoutMembers = parts.runs().members(run.runId(), Side.HOLDOUT.name());
        List<String> ids = holdoutMembers.stream().map(RunStore.Member::exampleId).toList();
        if (ids.size() > parts.gate().maxHoldout()) {
            ids = ids.subList(ids.size() - parts.gate().maxHoldout(), ids.size()); // the most recent members
        }
        List<StoredExample> holdout = parts.trainingSet().examples(ids);
        List<RegressionCase> regression = parts.regression().get();
        DraftSettings drafting = new DraftSettings(parts.gate().maxNewTokens(), parts.draftPromptTokens(), SamplingOptions.greedy());
        Evaluator evaluator = new Evaluator(model, inputs, parts.style(), drafting, parts.settings().batchTokens());
        LoraAdapter candidate = PeftFormat.read(candidateDir, model.config().layers());
        Evaluator.Scores c = evaluator.score("candidate-" + run.runId(), candidate, holdout, regression);
        LoraAdapter liveAdapter = live.map(a -> PeftFormat.read(liveDirectory(a), model.config().layers())).orElse(null);
        Evaluator.Scores l = evaluator.score("live-" + liveName, liveAdapter, holdout, regression);
        List<PairedScores> paired = new ArrayList<>();
        for (String metric : c.byMetric().keySet()) {
            paired.add(new PairedScores(metric, c.byMetric().get(metric), l.byMetric().get(metric), Evaluator.winnable(metric)));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        GateReport report = new Gate(parts.gate()).decide(paired, liveName, holdout.size(), regression.size(), seconds,
                run.runId().hashCode());
        parts.runs().decided(run.runId(), live.map(AdapterRecord::version).orElse(null), report.promote(), report.reason(),
                Json.write(report), seconds);
        LOG.info(() -> "run " + run.runId() + ": " + report.reason());
    }

    /** The live adapter's files, fetched from Kafka when this instance has none (another instance trained it). */
    private Path liveDirectory(AdapterRecord live) {
        Path dir = parts.registry().directory(live.version());
        if (Files.isRegularFile(dir.resolve(PeftFormat.WEIGHTS_FILE))) {
            return dir;
        }
        return AdapterFiles.fetch(live.ref(), dir.getParent(), parts.bootstrapServers(), Duration.ofMinutes(2));
    }

    private void publish(RunRecord run, Path candidateDir, Claim claim) {
        String version = run.candidateVersion();
        AdapterRecord record = parts.registry().find(version).orElse(null);
        if (record == null) {
            GateReport report = Json.read(run.gateReport(), GateReport.class);
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (MetricResult m : report.metrics()) {
                if (!"SKIPPED".equals(m.verdict())) {
                    metrics.put(m.name(), m.candidate());
                    metrics.put(m.name() + ".live", m.live());
                    metrics.put(m.name() + ".ciLow", m.lower());
                }
            }
            record = parts.registry().register(run.candidateSha256(), parts.baseModel().name(), run.runId(), run.datasetHash(),
                    run.trainExamples(), metrics);
        }
        Path stored = parts.registry().directory(version);
        if (!Files.isRegularFile(stored.resolve(PeftFormat.WEIGHTS_FILE))) {
            copyImmutable(candidateDir, stored);
        }
        if (!Hashing.sha256Hex(stored.resolve(PeftFormat.WEIGHTS_FILE)).equals(record.sha256())) {
            throw new IllegalStateException("registry files of " + version + " do not match their hash; not published");
        }
        if (!parts.lease().holds(claim.token())) {
            throw new LeaseLostException("the training lease was lost before publishing " + version);
        }
        Optional<String> previous = parts.registry().liveVersion();
        if (previous.isPresent() && previous.get().equals(version)) {
            return; // promoted by an earlier attempt that died before finishing the run
        }
        AdapterRef ref = record.location() != null ? record.ref() : null;
        if (ref == null) {
            ref = parts.broadcast().publishFiles(version, record.baseModel(), stored);
            parts.registry().published(version, ref.location());
        }
        Optional<AdapterEvent> last = parts.broadcast().lastEvent(Duration.ofSeconds(30));
        boolean alreadySent = last.isPresent() && last.get() instanceof AdapterPromoted p && p.live().version().equals(version);
        java.time.Instant at = parts.clock().instant();
        if (!alreadySent) {
            parts.broadcast().send(new AdapterPromoted(AdapterPromoted.SCHEMA_VERSION, ref, previous.orElse(null),
                    record.metrics(), record.examples(), at));
        }
        parts.registry().recordChange("PROMOTED", version, previous.orElse(null), run.reason(), false, "gate",
                Map.of("runId", run.runId(), "datasetHash", run.datasetHash()), at);
    }

    private static void copyImmutable(Path from, Path to) {
        try {
            Path tmp = to.resolveSibling(to.getFileName() + ".partial");
            deleteTree(tmp);
            Files.createDirectories(tmp);
            for (String file : AdapterFiles.FILES) {
                Files.copy(from.resolve(file), tmp.resolve(file));
                tmp.resolve(file).toFile().setReadOnly();
            }
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store adapter files in " + to + ": " + e.getMessage(), e);
        }
    }

    private Path runDir(String runId) {
        return parts.workRoot().resolve("runs").resolve(runId);
    }

    /** Removes a finished run's work files (checkpoints and candidate); what matters is in the database and registry. */
    private void discard(String runId) {
        try {
            deleteTree(runDir(runId));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not remove the work files of run " + runId + ": " + e.getMessage(), e);
        }
    }

    private void checkLease(Claim claim, AtomicBoolean lost) {
        if (lost.get() || !parts.lease().holds(claim.token())) {
            throw new LeaseLostException("the training lease of run " + claim.runId() + " was lost");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        while (cause != null && cause != e) {
            if (cause.getMessage() != null && !s.toString().contains(cause.getMessage())) {
                s.append(" (").append(cause.getMessage()).append(')');
            }
            e = cause;
            cause = cause.getCause();
        }
        return s.toString();
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    /** The lease went to another instance; this one stops without recording an outcome. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }
}
