package io.mailtune.trainer.run;

import io.mailtune.core.sql.Database;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two trainer instances on one database: only one holds the lease at a time; run on H2 and PostgreSQL. */
abstract class LeaseContract {

    /** Two separate connections (pools) to one fresh database, as two instances would have. */
    abstract Database[] twoInstances();

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void onlyOneOfTwoInstancesTakesTheLeaseEvenWhenBothTryAtOnce() throws Exception {
        Database[] dbs = twoInstances();
        TestClock clock = new TestClock();
        Lease a = new Lease(dbs[0], "trainer-a", Duration.ofSeconds(30), clock);
        Lease b = new Lease(dbs[1], "trainer-b", Duration.ofSeconds(30), clock);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Future<Optional<Long>> fa = pool.submit((Callable<Optional<Long>>) a::tryAcquire);
                Future<Optional<Long>> fb = pool.submit((Callable<Optional<Long>>) b::tryAcquire);
                Optional<Long> ta = fa.get();
                Optional<Long> tb = fb.get();
                assertTrue(ta.isPresent() ^ tb.isPresent(), "round " + round + ": exactly one instance holds it");
                ta.ifPresent(a::release);
                tb.ifPresent(b::release);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadHoldersLeaseLapsesAndTheNextHolderGetsAHigherTokenThatFencesTheOldOne() {
        Database[] dbs = twoInstances();
        TestClock clock = new TestClock();
        Lease a = new Lease(dbs[0], "trainer-a", Duration.ofSeconds(30), clock);
        Lease b = new Lease(dbs[1], "trainer-b", Duration.ofSeconds(30), clock);
        long tokenA = a.tryAcquire().orElseThrow();
        assertTrue(b.tryAcquire().isEmpty());
        assertEquals("trainer-a", b.current().orElseThrow().holder());
        clock.millis.addAndGet(10_000);
        assertTrue(a.renew(tokenA), "a live holder renews");
        clock.millis.addAndGet(31_000);
        long tokenB = b.tryAcquire().orElseThrow();
        assertTrue(tokenB > tokenA);
        assertFalse(a.holds(tokenA), "the old holder can tell it lost the lease");
        assertFalse(a.renew(tokenA));
        a.release(tokenA);
        assertTrue(b.holds(tokenB), "a stale release does not free the new holder's lease");
    }
}
