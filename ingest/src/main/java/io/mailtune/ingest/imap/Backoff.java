package io.mailtune.ingest.imap;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delays with jitter, so many mailboxes do not hammer a recovering server in step. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int failures;

    /** Delays start at {@code initial} and double up to {@code max}. */
    public Backoff(Duration initial, Duration max) {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must be at least the initial " + initial + ", was " + max);
        }
        this.initial = initial;
        this.max = max;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public Duration next() {
        long base = initial.toMillis() << Math.min(failures++, 20);
        long capped = Math.min(base, max.toMillis());
        long jitter = capped / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5);
        return Duration.ofMillis(capped - jitter);
    }

    /** Forgets failures after a successful connection. */
    public void reset() {
        failures = 0;
    }
}
