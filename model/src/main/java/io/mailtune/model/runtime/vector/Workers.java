package io.mailtune.model.runtime.vector;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The decode path's threads. A range of work (matrix rows, attention heads) is cut into a few chunks per thread that
 * the caller and the helpers claim one at a time, so the caller never waits for a helper the OS has not scheduled
 * yet (on a shared machine it may not run for milliseconds): it waits only for chunks already being worked on.
 */
public final class Workers implements AutoCloseable {

    /** Work over indices {@code from..to}. */
    @FunctionalInterface
    public interface Range {
        /** Runs the work of indices [from, to). */
        void run(int from, int to);
    }

    private static final int CHUNKS_PER_THREAD = 4;

    private final int threads;
    private final ExecutorService pool;

    /** {@code threads} threads in all, the caller's included. */
    public Workers(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("decode threads must be > 0, was " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "mailtune-decode");
            t.setDaemon(true);
            return t;
        });
    }

    /** Threads in all. */
    public int threads() {
        return threads;
    }

    /** Runs {@code work} over [0, n) in chunks of at least {@code minChunk} indices, on every thread that is free. */
    public void split(int n, int minChunk, Range work) {
        int chunks = Math.min(threads * CHUNKS_PER_THREAD, n / Math.max(1, minChunk));
        if (threads == 1 || chunks < 2) {
            work.run(0, n);
            return;
        }
        Job job = new Job(n, chunks, work, Thread.currentThread());
        for (int p = 1; p < Math.min(threads, chunks); p++) {
            pool.execute(job::help);
        }
        job.help();
        job.await();
    }

    // One split's chunks: claimed through a counter, finished ones counted; the last to finish wakes the caller.
    private static final class Job {
        final int n;
        final int chunks;
        final Range work;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int n, int chunks, Range work, Thread caller) {
            this.n = n;
            this.chunks = chunks;
            this.work = work;
            this.caller = caller;
        }

        void help() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    work.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (done.incrementAndGet() == chunks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void await() {
            while (done.get() < chunks) {
                LockSupport.park(this);
            }
            if (failure != null) {
                throw new IllegalStateException("a decode thread failed", failure);
            }
        }
    }

    /** Stops the threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
