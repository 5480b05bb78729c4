package io.mailtune.ingest.pipeline;

import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.PublishedLog;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.SeenMessages;
import io.mailtune.ingest.thread.ThreadIndex;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.testing.PostgresDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several instances (publishers with databases of their own) sharing one real PostgreSQL ingest database. */
class SharedDatabasePublishersTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @RegisterExtension
    static PostgresDatabase postgres = new PostgresDatabase();

    @TempDir
    Path dir;

    private final TrafficClassifier classifier = new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test")));

    private IngestDatabase open() {
        return new IngestDatabase(postgres.jdbcUrl(), postgres.user(), "");
    }

    @Test
    void instancesStartingTogetherOnAnEmptyDatabaseCreateOneSchemaAndAgreeOnOneStoreIdentity() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                dropEverything();
                List<Callable<String>> instances = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    instances.add(() -> {
                        try (IngestDatabase db = open()) {
                            return PublishedLog.identity(db);
                        }
                    });
                }
                List<String> identities = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(instances)) {
                    identities.add(f.get());
                }
                assertEquals(1, Set.copyOf(identities).size(), "round " + round + ": " + identities);
                assertEquals(1, count("SELECT COUNT(*) FROM ingest_store_identity"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachInstanceSettlesTheMailboxesItTakesOverAndNoneOfTheOthers() throws Exception {
        String support = "support-" + UUID.randomUUID().toString().substring(0, 8);
        String billing = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        try (IngestDatabase dbA = open(); IngestDatabase dbB = open();
             InboundPublisher a = publisher(dbA); InboundPublisher b = publisher(dbB)) {
            a.publishOnlyClaimedMailboxes();
            b.publishOnlyClaimedMailboxes();
            a.claim(support);
            b.claim(billing);
            // Both instances publish at the same time, each its own mailbox, into one database.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> runs = List.of(
                        pool.submit(() -> publishMany(a, dbA, support, 0, 20)),
                        pool.submit(() -> publishMany(b, dbB, billing, 0, 20)));
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdownNow();
            }
            // Instance A's last batch reaches Kafka, then A stalls before its database commit; B takes support over.
            IntakeOutcome.Accepted stranded = accepted(dbA, support, 20);
            assertThrows(IllegalStateException.class, () -> a.publish(support, List.of(stranded), c -> {
                throw new SQLException("instance A stalled before its database commit");
            }));
            b.claim(support);
            assertEquals(1, b.recover(support), "B finds A's committed but unrecorded message");
            assertEquals(0, b.recover(billing), "billing was never interrupted");
            assertTrue(new SeenMessages(dbB).contains(support, stranded.email().messageId(), stranded.contentHash()));
            assertThrows(MailboxFencedException.class, () -> a.publish(support, List.of(accepted(dbA, support, 21)), c -> { }),
                    "A woke up, but B's producer fenced its own");
            publishMany(b, dbB, support, 20, 25);
        }
        Map<String, Map<String, Integer>> copies = copiesOnTheTopic(Set.of(support, billing), 45);
        assertEquals(25, copies.get(support).size());
        assertEquals(20, copies.get(billing).size());
        copies.values().forEach(perMessage -> assertTrue(perMessage.values().stream().allMatch(n -> n == 1), "none twice: " + perMessage));
    }

    private InboundPublisher publisher(IngestDatabase db) {
        return new InboundPublisher(kafka.bootstrapServers(), db, new Properties(), Duration.ofSeconds(10));
    }

    /** Publishes messages {@code from} to {@code to - 1} of a mailbox in batches of 5, deduplicated as watchers do. */
    private Void publishMany(InboundPublisher publisher, IngestDatabase db, String mailbox, int from, int to) {
        MessageIntake intake = new MessageIntake(MessageLimits.DEFAULT, new RawMessageStore(dir), db, new ThreadIndex(Duration.ofDays(1)));
        for (int batch = from; batch < to; batch += 5) {
            List<SourcedMessage> messages = new ArrayList<>();
            for (int i = batch; i < Math.min(to, batch + 5); i++) {
                messages.add(mail(mailbox, i));
            }
            List<IntakeOutcome.Accepted> accepted = intake.takeAll(mailbox, classifier, messages).stream()
                    .filter(o -> o instanceof IntakeOutcome.Accepted).map(o -> (IntakeOutcome.Accepted) o).toList();
            publisher.publish(mailbox, accepted, c -> { });
        }
        return null;
    }

    private IntakeOutcome.Accepted accepted(IngestDatabase db, String mailbox, int i) {
        MessageIntake intake = new MessageIntake(MessageLimits.DEFAULT, new RawMessageStore(dir), db, new ThreadIndex(Duration.ofDays(1)));
        return assertInstanceOf(IntakeOutcome.Accepted.class, intake.take(mailbox, classifier, mail(mailbox, i)));
    }

    private static SourcedMessage mail(String mailbox, int i) {
        String raw = "From: customer" + i + "@customer.example\r\nTo: support@acme.test\r\nSubject: Order " + i + "\r\nMessage-ID: <" + i
                + "." + mailbox + "@customer.example>\r\n\r\nWhere is order " + i + "?\r\n";
        return new SourcedMessage("test:" + mailbox + "/" + i, raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Per mailbox, how often each Message-ID is on the topic, as a read_committed consumer sees it. */
    private static Map<String, Map<String, Integer>> copiesOnTheTopic(Set<String> mailboxes, int expected) {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        mailboxes.forEach(m -> out.put(m, new HashMap<>()));
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.INBOUND.name()));
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String mailbox = new String(r.headers().lastHeader(InboundPublisher.MAILBOX_HEADER).value(), StandardCharsets.UTF_8);
                    if (out.containsKey(mailbox)) {
                        String id = new String(r.headers().lastHeader(InboundPublisher.MESSAGE_ID_HEADER).value(), StandardCharsets.UTF_8);
                        out.get(mailbox).merge(id, 1, Integer::sum);
                        seen++;
                    }
                }
                if (seen >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return out;
    }

    private static void dropEverything() throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
