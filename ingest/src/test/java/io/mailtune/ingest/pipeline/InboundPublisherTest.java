package io.mailtune.ingest.pipeline;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.PublishedLog;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.SeenMessages;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.ingest.thread.ThreadIndex;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exactly-once publisher against a real broker; every test uses its own mailbox and database. */
class InboundPublisherTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    private final String mailbox = "box-" + UUID.randomUUID();
    private final IngestDatabase db = new IngestDatabase("jdbc:h2:mem:" + mailbox + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final TrafficClassifier classifier = new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test")));

    private MessageIntake intake() {
        return new MessageIntake(MessageLimits.DEFAULT, new RawMessageStore(dir), db, new ThreadIndex(Duration.ofDays(1)));
    }

    private static SourcedMessage mail(String id) {
        String raw = "From: ann@customer.example\r\nTo: support@acme.test\r\nSubject: Parcel " + id + "\r\nMessage-ID: <" + id
                + "@customer.example>\r\n\r\nWhere is parcel " + id + "?\r\n";
        return new SourcedMessage("test:" + id, raw.getBytes(StandardCharsets.UTF_8));
    }

    private IntakeOutcome.Accepted accepted(String id) {
        return accepted(mailbox, id);
    }

    private IntakeOutcome.Accepted accepted(String box, String id) {
        return assertInstanceOf(IntakeOutcome.Accepted.class, intake().take(box, classifier, mail(id)));
    }

    private InboundPublisher publisher() {
        return new InboundPublisher(kafka.bootstrapServers(), db, new Properties(), Duration.ofSeconds(10));
    }

    /** This mailbox's records as a read_committed consumer (the agents) sees them. */
    private List<InboundEmail> visible() {
        return visible(mailbox::equals);
    }

    private List<InboundEmail> visible(Predicate<String> box) {
        List<InboundEmail> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("check-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.INBOUND.name()));
            long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    InboundEmail email = EventCodec.decode(r.value(), InboundEmail.class);
                    if (box.test(email.mailbox())) {
                        out.add(email);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aCrashAfterKafkaCommittedButBeforeTheCheckpointIsSettledFromTheLog() {
        try (InboundPublisher publisher = publisher()) {
            IntakeOutcome.Accepted first = accepted("crash-1");
            // The commit step fails after Kafka committed: as if the process died between the two.
            assertThrows(IllegalStateException.class, () -> publisher.publish(mailbox, List.of(first), c -> {
                throw new SQLException("simulated crash before the checkpoint commit");
            }));
            assertFalse(new SeenMessages(db).contains(mailbox, first.email().messageId(), first.contentHash()));

            assertEquals(1, publisher.recover(mailbox), "the record found in the log is settled as published");
            assertTrue(new SeenMessages(db).contains(mailbox, first.email().messageId(), first.contentHash()));
            assertInstanceOf(IntakeOutcome.Duplicate.class, intake().take(mailbox, classifier, mail("crash-1")),
                    "fetching it again after the restart does not publish it twice");
        }
    }

    @Test
    void aBatchDeduplicatedBeforeTheSettleIsNotPublishedTwice() {
        try (InboundPublisher publisher = publisher()) {
            IntakeOutcome.Accepted message = accepted("early-1");
            assertThrows(IllegalStateException.class, () -> publisher.publish(mailbox, List.of(message), c -> {
                throw new SQLException("simulated database failure after the Kafka commit");
            }));
            // Another folder of the mailbox passed dedupe before anything was settled and now publishes the same message.
            List<String> checkpointed = new ArrayList<>();
            publisher.publish(mailbox, List.of(message), c -> checkpointed.add("done"));
            assertEquals(List.of("done"), checkpointed, "the caller's checkpoint is still committed");
        }
        assertEquals(1, visible().size());
    }

    @Test
    void twoCallersThatDeduplicatedTheSameMessageConcurrentlyPublishItOnce() {
        IntakeOutcome.Accepted fromInbox = accepted("two-folders-1");
        // The same message filed in a second folder (a Gmail label), deduplicated before the first was published.
        IntakeOutcome.Accepted fromLabel = accepted("two-folders-1");
        try (InboundPublisher publisher = publisher()) {
            publisher.publish(mailbox, List.of(fromInbox), c -> { });
            publisher.publish(mailbox, List.of(fromLabel), c -> { });
        }
        assertEquals(1, visible().size());
    }

    @Test
    void aDatabaseThatLostItsNewestCommitIsSettledFromTheLog() throws Exception {
        IntakeOutcome.Accepted message = accepted("lost-commit-1");
        try (InboundPublisher publisher = publisher()) {
            publisher.recover(mailbox);
            Map<Integer, Long> before = db.inTransaction(c -> PublishedLog.positions(c, mailbox));
            publisher.publish(mailbox, List.of(message), c -> { });
            // Undo the commit after publishing, as an embedded database killed before writing it to disk would.
            try (var c = db.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM ingest_seen");
                s.executeUpdate("DELETE FROM ingest_mailbox_position");
            }
            db.inTransaction(c -> {
                PublishedLog.advance(c, mailbox, before);
                return null;
            });
        }
        try (InboundPublisher restarted = publisher()) {
            assertEquals(1, restarted.recover(mailbox));
            assertTrue(new SeenMessages(db).contains(mailbox, message.email().messageId(), message.contentHash()));
        }
        assertEquals(1, visible().size());
    }

    @Test
    void aProducerLeftBehindByAKilledProcessIsFencedAndItsRecordsNeverBecomeVisible() {
        IntakeOutcome.Accepted message = accepted("zombie-1");
        String publisherId;
        try (InboundPublisher first = publisher()) {
            first.recover(mailbox);
            publisherId = db.inTransaction(PublishedLog::publisherId).orElseThrow();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, InboundPublisher.transactionalId(publisherId, mailbox));
        try (KafkaProducer<String, byte[]> zombie = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            zombie.initTransactions();
            zombie.beginTransaction();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INBOUND.name(), message.email().threadId(),
                    EventCodec.encode(message.email()));
            record.headers().add(InboundPublisher.PUBLISHER_HEADER, publisherId.getBytes(StandardCharsets.UTF_8));
            zombie.send(record);
            zombie.flush();
            try (InboundPublisher restarted = publisher()) {
                assertEquals(0, restarted.recover(mailbox), "the zombie's open transaction is aborted, not counted as published");
                assertThrows(KafkaException.class, zombie::commitTransaction, "the old producer is fenced");
                assertEquals(List.of(), visible());
                restarted.publish(mailbox, List.of(message), c -> { });
            }
        }
        assertEquals(1, visible().size());
    }

    @Test
    void aBatchThatNeverReachedTheBrokerIsPublishedAgain() {
        IntakeOutcome.Accepted lost = accepted("lost-1");
        try (InboundPublisher unreachable = new InboundPublisher("127.0.0.1:1", db, new Properties(), Duration.ofSeconds(2))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> unreachable.publish(mailbox, List.of(lost), c -> { }));
            assertTrue(e.getMessage().contains("Kafka at 127.0.0.1:1 did not answer"), e.getMessage());
        }
        try (InboundPublisher publisher = publisher()) {
            assertEquals(0, publisher.recover(mailbox));
            assertFalse(new SeenMessages(db).contains(mailbox, lost.email().messageId(), lost.contentHash()));
            publisher.publish(mailbox, List.of(lost), c -> { });
        }
        assertEquals(1, visible().size());
    }

    @Test
    void theInstanceThatTakesAMailboxOverFencesTheOldOwnerWhoseLateCommitFails() {
        IntakeOutcome.Accepted early = accepted("takeover-1");
        IntakeOutcome.Accepted late = accepted("takeover-2");
        try (InboundPublisher oldOwner = publisher(); InboundPublisher newOwner = publisher()) {
            oldOwner.publishOnlyClaimedMailboxes();
            newOwner.publishOnlyClaimedMailboxes();
            oldOwner.claim(mailbox);
            oldOwner.publish(mailbox, List.of(early), c -> { });
            newOwner.claim(mailbox);
            List<String> checkpointed = new ArrayList<>();
            MailboxFencedException e = assertThrows(MailboxFencedException.class,
                    () -> oldOwner.publish(mailbox, List.of(late), c -> checkpointed.add("late")));
            assertEquals(mailbox, e.mailbox());
            assertEquals(List.of(), checkpointed, "the fenced batch is not checkpointed");
            assertEquals(List.of("Parcel takeover-1"), visible().stream().map(InboundEmail::subject).toList(), "nothing of the late batch is visible");
            assertEquals(0, newOwner.recover(mailbox), "the early batch was recorded by the old owner");
            newOwner.publish(mailbox, List.of(early, late), c -> { });
        }
        assertEquals(List.of("Parcel takeover-1", "Parcel takeover-2"), visible().stream().map(InboundEmail::subject).sorted().toList());
    }

    @Test
    void anInstanceThatTookOverSettlesWhatTheOldOwnerPublishedButNeverRecorded() {
        IntakeOutcome.Accepted message = accepted("handover-1");
        try (InboundPublisher oldOwner = publisher(); InboundPublisher newOwner = publisher()) {
            oldOwner.publishOnlyClaimedMailboxes();
            newOwner.publishOnlyClaimedMailboxes();
            oldOwner.claim(mailbox);
            // Kafka committed, then the old owner stalled before its database commit.
            assertThrows(IllegalStateException.class, () -> oldOwner.publish(mailbox, List.of(message), c -> {
                throw new SQLException("stalled before the checkpoint commit");
            }));
            newOwner.claim(mailbox);
            assertEquals(1, newOwner.recover(mailbox));
            assertTrue(new SeenMessages(db).contains(mailbox, message.email().messageId(), message.contentHash()));
            newOwner.publish(mailbox, List.of(message), c -> { });
        }
        assertEquals(1, visible().size());
    }

    @Test
    void fencingOneMailboxLeavesTheOthersOfTheSameStorePublishing() {
        String other = mailbox + "-billing";
        try (InboundPublisher first = publisher(); InboundPublisher second = publisher()) {
            first.publish(mailbox, List.of(accepted("kept-1")), c -> { });
            first.publish(other, List.of(accepted(other, "moved-1")), c -> { });
            second.claim(other);
            first.publish(mailbox, List.of(accepted("kept-2")), c -> { });
            assertThrows(MailboxFencedException.class, () -> first.publish(other, List.of(accepted(other, "moved-2")), c -> { }));
            assertEquals(0, second.recover(other), "settling one mailbox ignores the records of the others");
        }
        Map<String, List<String>> byMailbox = visible(box -> box.startsWith(mailbox)).stream().sorted(Comparator.comparing(InboundEmail::subject))
                .collect(Collectors.groupingBy(InboundEmail::mailbox, Collectors.mapping(InboundEmail::subject, Collectors.toList())));
        assertEquals(Map.of(mailbox, List.of("Parcel kept-1", "Parcel kept-2"), other, List.of("Parcel moved-1")), byMailbox);
    }

    @Test
    void aMailboxThisInstanceDoesNotRunIsRefusedAndNothingIsPublished() {
        IntakeOutcome.Accepted message = accepted("unclaimed-1");
        try (InboundPublisher publisher = publisher()) {
            publisher.publishOnlyClaimedMailboxes();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> publisher.publish(mailbox, List.of(message), c -> { }));
            assertEquals("mailbox '" + mailbox + "' is not assigned to this instance, so it publishes nothing for it: the instance the"
                    + " mailbox owners group assigned it to does (import its history there)", e.getMessage());
            publisher.claim(mailbox);
            publisher.release(mailbox);
            assertThrows(IllegalStateException.class, () -> publisher.recover(mailbox), "released means not published for again");
        }
        assertEquals(List.of(), visible());
    }
}
