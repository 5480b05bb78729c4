package io.mailtune.ingest.smtp;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.testing.PostgresDatabase;
import io.mailtune.ingest.thread.ThreadIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Concurrent claims of one reply id: exactly one wins, on PostgreSQL and on H2. */
class SentRepliesConcurrencyTest {

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @Test
    void exactlyOneOfManyConcurrentClaimsWinsOnPostgres() throws Exception {
        try (IngestDatabase db = new IngestDatabase(postgres.jdbcUrl(), postgres.user(), "")) {
            assertEquals(1, winners(db, 8));
        }
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWinsOnH2() throws Exception {
        try (IngestDatabase db = new IngestDatabase("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")) {
            assertEquals(1, winners(db, 8));
        }
    }

    private static int winners(IngestDatabase db, int callers) throws Exception {
        SentReplies sent = new SentReplies(db, new ThreadIndex(Duration.ofDays(1)));
        OutboundReply reply = new OutboundReply("claim-" + UUID.randomUUID(), "support", "thread-9", EmailAddress.of("ann@customer.example"),
                List.of(), "Parcel", null, List.of(), "Hello");
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String messageId = "<m" + i + "@acme.test>";
            claims.add(pool.submit(() -> {
                go.await();
                return sent.claim(reply, messageId, "Re: Parcel").isEmpty();
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> claim : claims) {
            won += claim.get() ? 1 : 0;
        }
        pool.shutdown();
        return won;
    }
}
