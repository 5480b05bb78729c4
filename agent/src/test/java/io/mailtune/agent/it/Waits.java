package io.mailtune.agent.it;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polling with a deadline. */
final class Waits {

    private Waits() {
    }

    /** Polls until the value is non-null, failing with {@code what} after {@code seconds}. */
    static <T> T until(String what, int seconds, Callable<T> value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.call();
            if (v != null) {
                return v;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
    }
}
