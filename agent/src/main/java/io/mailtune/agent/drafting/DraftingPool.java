package io.mailtune.agent.drafting;

import io.mailtune.agent.config.DraftingSettings;
import io.mailtune.agent.config.InstanceId;
import io.mailtune.agent.config.KnowledgeBaseSettings;
import io.mailtune.agent.sending.Signature;
import io.mailtune.agent.store.Claim;
import io.mailtune.agent.store.Confidence;
import io.mailtune.agent.store.DraftStore;
import io.mailtune.agent.store.DraftTimings;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.PromptPassage;
import io.mailtune.agent.store.ReplyStore;
import io.mailtune.agent.store.StoredEmail;
import io.mailtune.agent.store.WrittenDraft;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.GeneratedDraft;
import io.mailtune.model.draft.Passage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes the drafts the database queues: claims up to {@code max-in-flight} of them (leases, so a draft of a killed
 * instance is redrafted after its lease expires and two instances never hold the same draft), builds each prompt,
 * and submits it to the one shared generator, which batches the concurrent requests. The inbound consumer never
 * waits for this: it stores and wakes the pool.
 */
@ApplicationScoped
public class DraftingPool {

    private static final Logger LOG = Logger.getLogger(DraftingPool.class);

    private final DraftStore drafts;
    private final EmailStore emails;
    private final ModelHost model;
    private final Company company;
    private final DraftingSettings settings;
    private final PromptSources sources;
    private final String owner;
    private final Semaphore slots;
    private final Object wakeup = new Object();
    private final Counter created;
    private final Counter failed;
    private final Timer generation;
    private final DistributionSummary tokensPerSecond;
    private final Map<String, Claim> inFlight = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private Thread loop;
    private volatile boolean running;

    DraftingPool(DraftStore drafts, EmailStore emails, ReplyStore replies, ModelHost model, KnowledgeBaseHost kb,
                 Company company, DraftingSettings settings, KnowledgeBaseSettings kbSettings, InstanceId instance,
                 MeterRegistry registry) {
        if (settings.maxInFlight() < 1) {
            throw new IllegalArgumentException("mailtune.drafting.max-in-flight must be at least 1, was " + settings.maxInFlight());
        }
        this.drafts = drafts;
        this.emails = emails;
        this.model = model;
        this.company = company;
        this.settings = settings;
        this.sources = new PromptSources(emails, replies, kb, kbSettings.passages(), kbSettings.minSimilarity());
        this.owner = instance.get();
        this.slots = new Semaphore(settings.maxInFlight());
        this.created = Counter.builder("mailtune.drafts.created").description("drafts written").register(registry);
        this.failed = Counter.builder("mailtune.drafts.failed").description("drafting attempts that failed").register(registry);
        this.generation = Timer.builder("mailtune.draft.generation").description("retrieval and generation of one draft")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.tokensPerSecond = DistributionSummary.builder("mailtune.draft.tokens.per.second")
                .description("generated tokens per second of each draft").register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "drafting-worker");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "drafting-pool");
        loop.setDaemon(true);
        loop.start();
    }

    /** Tells the pool that a draft was queued (saves a poll interval's latency). */
    public void wake() {
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    /** Drafts this instance is writing now. */
    public int inFlight() {
        return inFlight.size();
    }

    private void run() {
        long renewEvery = Math.max(100, settings.lease().toMillis() / 3);
        long nextRenewal = System.currentTimeMillis() + renewEvery;
        while (running) {
            try {
                if (System.currentTimeMillis() >= nextRenewal) {
                    drafts.renew(owner, List.copyOf(inFlight.keySet()), settings.lease());
                    nextRenewal = System.currentTimeMillis() + renewEvery;
                }
                int free = slots.availablePermits();
                List<Claim> claims = free == 0 ? List.of() : drafts.claim(owner, settings.lease(), free);
                for (Claim claim : claims) {
                    if (inFlight.containsKey(claim.draftId())) {
                        continue;  // our own lease lapsed during a stall and we re-claimed it: it is being written already
                    }
                    slots.acquireUninterruptibly();
                    inFlight.put(claim.draftId(), claim);
                    workers.execute(() -> write(claim));
                }
                if (claims.isEmpty()) {
                    synchronized (wakeup) {
                        wakeup.wait(Math.min(settings.pollInterval().toMillis(), renewEvery));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "the drafting pool could not claim drafts; retrying");
                sleep(settings.pollInterval().toMillis() * 4);
            }
        }
    }

    private void write(Claim claim) {
        MDC.put("draftId", claim.draftId());
        MDC.put("emailId", claim.emailId());
        long start = System.nanoTime();
        try {
            StoredEmail email = emails.find(claim.emailId()).orElseThrow(() ->
                    new IllegalStateException("draft " + claim.draftId() + " answers email " + claim.emailId() + ", which is not stored"));
            DraftInput input = sources.input(company.profile(), email.email());
            CompletableFuture<GeneratedDraft> future;
            try {
                future = model.drafter().draft(input);
            } catch (RejectedExecutionException full) {
                drafts.release(claim);
                finish(claim);
                sleep(100);
                return;
            }
            future.whenCompleteAsync((generated, error) -> {
                try {
                    if (error != null) {
                        attemptFailed(claim, error);
                    } else {
                        store(claim, input, generated, start);
                    }
                } finally {
                    finish(claim);
                }
            }, workers);
        } catch (RuntimeException e) {
            attemptFailed(claim, e);
            finish(claim);
        } finally {
            MDC.remove("draftId");
            MDC.remove("emailId");
        }
    }

    private void store(Claim claim, DraftInput input, GeneratedDraft generated, long start) {
        long elapsedNanos = System.nanoTime() - start;
        Set<String> cited = new HashSet<>();
        generated.cited().forEach(p -> cited.add(p.chunkId()));
        List<PromptPassage> passages = input.passages().stream().map(p -> passage(p, cited.contains(p.chunkId()))).toList();
        Passage top = input.passages().isEmpty() ? null : input.passages().getFirst();
        WrittenDraft written = WrittenDraft.builder(Signature.strip(generated.text(), input.company().signature()), generated.handOff())
                .language(input.company().language()).prompt(passages, input.history())
                .adapterVersion(generated.adapterVersion().isEmpty() ? ApprovedReply.BASE_MODEL : generated.adapterVersion())
                .confidence(new Confidence(top == null ? 0 : top.score(), top == null ? 0 : top.vectorSimilarity(), generated.meanLogProb()))
                .timings(new DraftTimings(Duration.between(claim.arrivedAt(), claim.claimedAt()).toMillis(), elapsedNanos / 1_000_000,
                        generated.promptTokens(), generated.generatedTokens(), generated.tokensPerSecond()))
                .draftedAt(Instant.now()).modelOutput(generated.modelOutput()).build();
        if (drafts.complete(claim, written)) {
            created.increment();
            generation.record(elapsedNanos, TimeUnit.NANOSECONDS);
            tokensPerSecond.record(generated.tokensPerSecond());
            LOG.debugf("draft %s written in %d ms by %s", claim.draftId(), elapsedNanos / 1_000_000, written.adapterVersion());
        } else {
            LOG.infof("draft %s was taken over or went stale while it was written; this copy is dropped", claim.draftId());
        }
    }

    private static PromptPassage passage(Passage p, boolean cited) {
        return new PromptPassage(p.articleId(), p.chunkId(), p.title(), p.url(), p.text(), p.score(), p.vectorSimilarity(), cited);
    }

    private void attemptFailed(Claim claim, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        failed.increment();
        LOG.warnf(cause, "draft %s attempt %d failed", claim.draftId(), claim.attempt());
        drafts.fail(claim, cause.getClass().getSimpleName() + ": " + cause.getMessage(), settings.maxAttempts());
    }

    private void finish(Claim claim) {
        inFlight.remove(claim.draftId());
        slots.release();
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (loop != null) {
            loop.interrupt();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        // Drafts still being written go back to the queue now instead of waiting for their leases to expire.
        for (Claim claim : inFlight.values()) {
            try {
                drafts.release(claim);
            } catch (RuntimeException e) {
                LOG.warnf("draft %s stays claimed until its lease expires: %s", claim.draftId(), e.getMessage());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
