package io.mailtune.model.runtime.vector;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The decode path's threads: a range of work (matrix rows, attention heads) split into one contiguous chunk per
 * thread, the calling thread taking the first, and one wait at the end: the only synchronisation of a kernel.
 */
public final class Workers implements AutoCloseable {

    /** Work over indices {@code from..to}. */
    @FunctionalInterface
    public interface Range {
        /** Runs the work of indices [from, to). */
        void run(int from, int to);
    }

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

    /** Runs {@code work} over [0, n), split across the threads; small ranges ({@code n < minChunk·2}) stay on one. */
    public void split(int n, int minChunk, Range work) {
        int parts = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (parts == 1) {
            work.run(0, n);
            return;
        }
        CountDownLatch done = new CountDownLatch(parts - 1);
        Throwable[] failure = new Throwable[1];
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            futures[p - 1] = pool.submit(() -> {
                try {
                    work.run(from, to);
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        work.run(0, n / parts);
        try {
            done.await();
        } catch (InterruptedException e) {
            for (Future<?> f : futures) {
                f.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("decode interrupted", e);
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException("a decode thread failed", failure[0]);
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
