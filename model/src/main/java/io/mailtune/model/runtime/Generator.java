package io.mailtune.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.mailtune.model.runtime.vector.VectorAdapter;
import io.mailtune.model.runtime.vector.VectorCache;
import io.mailtune.model.runtime.vector.VectorDecoder;
import io.mailtune.model.runtime.vector.Workers;
import io.mailtune.model.tokenizer.ModelTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Answers requests with continuous batching: one thread runs a forward pass per step over every running
 * sequence (one token each) plus the prompts of requests that join at that step, so several answers cost
 * little more than one. Each request keeps the adapter that was current when it was submitted. With a Vector API
 * decoder (the model's {@link DecodeFormat}), prompts prefill on DJL and hand their keys and values over, and the
 * running sequences' decode steps go through that decoder in one pass over the weights.
 */
public final class Generator implements AutoCloseable {

    /** A submitted request: its future result, and a way to cancel it. */
    public static final class Generation {
        private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
        private volatile boolean cancelled;

        /** Completes with the answer (a cancelled one completes with what it had, reason CANCELLED). */
        public CompletableFuture<GenerationResult> result() {
            return result;
        }

        /** Asks the generator to stop this request at the next step. */
        public void cancel() {
            cancelled = true;
        }
    }

    private final LanguageModel model;
    private final Transformer transformer;
    private final ModelTokenizer tokenizer;
    private final AdapterHandle adapters;
    private final GeneratorOptions options;
    private final KvCachePool caches; // one slot per running sequence, so decode steps attend in one batch
    private final VectorDecoder decoder; // null: decode steps on DJL
    private final Workers workers;       // the decoder's threads, or null
    private final BlockingQueue<Running> queue;
    private final List<Running> running = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private int currentThreads; // intra-op threads last set on the generator thread

    /** Starts a generator over a model; {@code adapters} supplies the adapter each request starts with. */
    public Generator(LanguageModel model, AdapterHandle adapters, GeneratorOptions options) {
        if (model == null || adapters == null || options == null) {
            throw new IllegalArgumentException("model, adapters and options must not be null");
        }
        this.model = model;
        this.transformer = model.transformer();
        this.tokenizer = model.tokenizer().orElse(null);
        this.adapters = adapters;
        this.options = options;
        this.caches = transformer.newCachePool(options.maxBatch());
        this.decoder = model.decoder();
        this.workers = decoder == null ? null : new Workers(options.vectorThreads());
        this.queue = new ArrayBlockingQueue<>(options.maxQueued());
        this.thread = new Thread(this::loop, "mailtune-generator");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues a request; it joins the running batch at the next step with room. Rejects a prompt that leaves no
     * room in the max context, and any request when the queue is full or the generator closed.
     */
    public Generation submit(GenerationRequest request) {
        if (request.prompt().length >= transformer.maxContext()) {
            throw new IllegalArgumentException("prompt of " + request.prompt().length
                    + " tokens leaves no room in the max context of " + transformer.maxContext());
        }
        int vocab = model.config().vocabSize();
        for (int t : request.prompt()) {
            if (t < 0 || t >= vocab) {
                throw new IllegalArgumentException("prompt token " + t + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        if (closed) {
            throw new RejectedExecutionException("generator is closed");
        }
        Running r = new Running(request, adapters.acquire());
        if (!queue.offer(r)) {
            r.lease.close();
            throw new RejectedExecutionException("generator queue is full (" + options.maxQueued() + " requests)");
        }
        if (closed && queue.remove(r)) {
            r.finish(FinishReason.CANCELLED); // closed while queuing, after the loop's last drain
        }
        return r.generation;
    }

    /** Submits and waits for the answer. */
    public GenerationResult generate(GenerationRequest request) {
        return submit(request).result().join();
    }

    private void loop() {
        // Thread counts (OpenMP) and grad mode (PyTorch) are per thread, so the thread that runs the steps sets its
        // own: no autograd here, which also lets the forward pass free each layer's intermediates.
        useThreads(options.decodeThreads());
        JniUtils.setGradMode(false);
        while (!closed) {
            try {
                admit();
                if (running.isEmpty()) {
                    continue;
                }
                step();
            } catch (InterruptedException e) {
                break;
            }
        }
        List<Running> rest = new ArrayList<>(running);
        queue.drainTo(rest);
        running.clear();
        for (Running r : rest) {
            r.finish(FinishReason.CANCELLED);
        }
    }

    private void admit() throws InterruptedException {
        if (running.isEmpty()) {
            Running first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            start(first);
        }
        int prefill = 0;
        for (Running r : running) {
            prefill += r.prefilled ? 0 : r.request.prompt().length;
        }
        while (running.size() < options.maxBatch()) {
            Running next = queue.peek();
            if (next == null || (prefill > 0 && prefill + next.request.prompt().length > options.maxPrefillTokens())) {
                return;
            }
            queue.poll();
            prefill += next.request.prompt().length;
            start(next);
        }
    }

    private void start(Running r) {
        if (r.generation.cancelled) {
            r.finish(FinishReason.CANCELLED);
            return;
        }
        try {
            int capacity = Math.min(r.request.prompt().length + r.request.maxNewTokens(), transformer.maxContext());
            r.cache = caches.open(capacity);
            running.add(r);
        } catch (RuntimeException e) {
            r.fail(e);
        }
    }

    // Prefill is a few large matrix products that scale with cores; decode is many small ones that do not.
    private void useThreads(int threads) {
        if (threads != currentThreads) {
            JniUtils.setNumThreads(threads);
            currentThreads = threads;
        }
    }

    private void step() {
        running.removeIf(r -> {
            if (r.generation.cancelled) {
                r.finish(FinishReason.CANCELLED);
                return true;
            }
            return false;
        });
        if (running.isEmpty()) {
            return;
        }
        // Sequences sharing an adapter sit next to each other so each LoRA delta is one pair of matmuls.
        Map<AdapterWeights, Integer> group = new IdentityHashMap<>();
        running.forEach(r -> group.putIfAbsent(r.lease.weights(), group.size()));
        running.sort((a, b) -> Integer.compare(group.get(a.lease.weights()), group.get(b.lease.weights())));
        float[][] logits;
        try {
            logits = decoder == null ? torchStep() : vectorStep();
        } catch (RuntimeException e) {
            running.forEach(r -> r.fail(e));
            running.clear();
            return;
        }
        List<Running> done = new ArrayList<>();
        for (int s = 0; s < running.size(); s++) {
            Running r = running.get(s);
            r.prefilled = true;
            float[] row = logits[s];
            try {
                double logNormaliser = Sampler.logSumExp(row);
                int token = r.sampler.next(row.clone(), r.seen, r.seenCount);
                r.logProbSum += row[token] - logNormaliser;
                FinishReason reason = r.accept(token);
                if (reason != null) {
                    r.finish(reason);
                    done.add(r);
                }
            } catch (RuntimeException e) {
                r.fail(e);
                done.add(r);
            }
        }
        running.removeAll(done);
    }

    // One DJL forward pass over every running sequence (new prompts and one token each for the rest); logits per sequence.
    private float[][] torchStep() {
        int rows = 0;
        for (Running r : running) {
            rows += r.prefilled ? 1 : r.request.prompt().length;
        }
        useThreads(rows > running.size() ? options.prefillThreads() : options.decodeThreads());
        return torchForward(running, rows);
    }

    private float[][] torchForward(List<Running> batch, int rows) {
        int[] tokens = new int[rows];
        List<Segment> segments = new ArrayList<>(batch.size());
        int at = 0;
        for (Running r : batch) {
            int[] input = r.prefilled ? new int[] {r.seen[r.seenCount - 1]} : r.request.prompt();
            System.arraycopy(input, 0, tokens, at, input.length);
            segments.add(new Segment(r.cache, at, input.length, r.lease.weights()));
            at += input.length;
        }
        int vocab = model.config().vocabSize();
        try (NDManager stepManager = NDManager.newBaseManager("PyTorch")) {
            float[] flat = transformer.forward(stepManager, tokens, segments, false).toFloatArray();
            float[][] out = new float[batch.size()][];
            for (int s = 0; s < out.length; s++) {
                out[s] = Arrays.copyOfRange(flat, s * vocab, (s + 1) * vocab);
            }
            return out;
        }
    }

    // New prompts prefill on DJL and move their keys and values to the decoder's caches; the rest decode together.
    private float[][] vectorStep() {
        float[][] logits = new float[running.size()][];
        List<Running> prefill = new ArrayList<>();
        List<Integer> decoding = new ArrayList<>();
        int prompt = 0;
        for (int i = 0; i < running.size(); i++) {
            Running r = running.get(i);
            if (r.prefilled) {
                decoding.add(i);
            } else {
                prefill.add(r);
                prompt += r.request.prompt().length;
            }
        }
        if (!prefill.isEmpty()) {
            useThreads(options.prefillThreads());
            float[][] first = torchForward(prefill, prompt);
            for (int p = 0; p < prefill.size(); p++) {
                Running r = prefill.get(p);
                r.vectorCache = decoder.newCache(r.cache.capacity());
                KvHandover.copy(r.cache, r.vectorCache, model.config().layers());
                r.cache.close();
                r.cache = null;
                logits[running.indexOf(r)] = first[p];
            }
        }
        if (!decoding.isEmpty()) {
            int n = decoding.size();
            int[] tokens = new int[n];
            VectorCache[] vcaches = new VectorCache[n];
            VectorAdapter[] adapters = new VectorAdapter[n];
            for (int b = 0; b < n; b++) {
                Running r = running.get(decoding.get(b));
                tokens[b] = r.seen[r.seenCount - 1];
                vcaches[b] = r.vectorCache;
                adapters[b] = r.lease.weights() == null ? null : r.lease.weights().vectorForm();
            }
            float[][] out = decoder.step(tokens, vcaches, adapters, workers);
            for (int b = 0; b < n; b++) {
                logits[decoding.get(b)] = out[b];
            }
        }
        return logits;
    }

    /** Stops the generator; running and queued requests complete as CANCELLED. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (workers != null) {
            workers.close();
        }
    }

    // One request's state while it runs on the generator thread.
    private final class Running {
        final GenerationRequest request;
        final AdapterHandle.Lease lease;
        final Generation generation = new Generation();
        final Sampler sampler;
        final Set<Integer> stops;
        final int[] seen;
        int seenCount;
        boolean prefilled;
        KvCache cache;             // DJL's: every step on the TORCH path, the prefill only otherwise
        VectorCache vectorCache;   // the decoder's, from the end of the prefill
        String text = "";
        boolean stoppedByString;
        double logProbSum;

        Running(GenerationRequest request, AdapterHandle.Lease lease) {
            this.request = request;
            this.lease = lease;
            this.sampler = new Sampler(request.sampling());
            this.stops = new HashSet<>(request.stopTokens());
            stops.addAll(model.stopTokens());
            this.seen = Arrays.copyOf(request.prompt(), request.prompt().length + request.maxNewTokens());
            this.seenCount = request.prompt().length;
        }

        int generated() {
            return seenCount - request.prompt().length;
        }

        // Appends a token, streams it, and says whether the answer is finished.
        FinishReason accept(int token) {
            seen[seenCount++] = token;
            String delta = "";
            if (tokenizer != null) {
                String full = tokenizer.decode(Arrays.copyOfRange(seen, request.prompt().length, seenCount));
                int cut = -1;
                for (String stop : request.stopStrings()) {
                    int i = full.indexOf(stop);
                    if (i >= 0 && (cut < 0 || i < cut)) {
                        cut = i;
                    }
                }
                if (cut >= 0) {
                    full = full.substring(0, cut);
                    stoppedByString = true;
                }
                delta = full.startsWith(text) ? full.substring(text.length()) : "";
                text = full;
            }
            request.listener().onToken(token, delta);
            if (stoppedByString) {
                return FinishReason.STOP_STRING;
            }
            if (stops.contains(token)) {
                return FinishReason.STOP_TOKEN;
            }
            if (generated() >= request.maxNewTokens()) {
                return FinishReason.MAX_TOKENS;
            }
            if (vectorCache != null ? vectorCache.length() >= vectorCache.capacity() : cache.length() >= cache.capacity()) {
                return FinishReason.CONTEXT_FULL;
            }
            return null;
        }

        void finish(FinishReason reason) {
            release();
            int generated = generated();
            generation.result.complete(new GenerationResult(
                    Arrays.copyOfRange(seen, request.prompt().length, seenCount), text, reason,
                    request.prompt().length, lease.version(), generated == 0 ? 0 : logProbSum / generated));
        }

        void fail(Throwable e) {
            release();
            generation.result.completeExceptionally(e);
        }

        private void release() {
            if (cache != null) {
                cache.close();
                cache = null;
            }
            vectorCache = null;
            lease.close();
        }
    }
}
