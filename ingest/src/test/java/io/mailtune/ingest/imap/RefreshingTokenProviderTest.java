package io.mailtune.ingest.imap;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Refresh timing of access tokens. */
class RefreshingTokenProviderTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTokenIsReusedUntilTheMarginBeforeExpiryAndThenRefreshed() throws Exception {
        MovableClock clock = new MovableClock();
        AtomicInteger fetches = new AtomicInteger();
        RefreshingTokenProvider provider = new RefreshingTokenProvider(
                () -> new AccessToken("t" + fetches.incrementAndGet(), clock.instant().plus(Duration.ofHours(1))), Duration.ofMinutes(5), clock);
        assertEquals("t1", provider.token().value());
        clock.now = clock.now.plus(Duration.ofMinutes(54));
        assertEquals("t1", provider.token().value());
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertEquals("t2", provider.token().value(), "refreshed five minutes before expiry");
        provider.invalidate();
        assertEquals("t3", provider.token().value());
    }
}
