package io.mailtune.ingest.pipeline;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.SeenMessages;
import io.mailtune.ingest.testing.KafkaBroker;
import io.mailtune.ingest.thread.ThreadIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exactly-once publisher against a real broker. */
class InboundPublisherTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    private IntakeOutcome.Accepted accepted(MessageIntake intake, String id) {
        String raw = "From: ann@customer.example\r\nTo: support@acme.test\r\nSubject: Parcel " + id + "\r\nMessage-ID: <" + id
                + "@customer.example>\r\n\r\nWhere is parcel " + id + "?\r\n";
        return assertInstanceOf(IntakeOutcome.Accepted.class, intake.take("box", new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test"))),
                new SourcedMessage("test:" + id, raw.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aCrashAfterTheAcknowledgementButBeforeTheCheckpointIsSettledFromTheLog() {
        IngestDatabase db = new IngestDatabase("jdbc:h2:mem:publisher-crash;DB_CLOSE_DELAY=-1", "sa", "");
        MessageIntake intake = new MessageIntake(MessageLimits.DEFAULT, new RawMessageStore(dir), db, new ThreadIndex(Duration.ofDays(1)));
        try (InboundPublisher publisher = new InboundPublisher(kafka.bootstrapServers(), db, new Properties(), Duration.ofSeconds(10))) {
            IntakeOutcome.Accepted first = accepted(intake, "crash-1");
            // The commit step fails after Kafka acknowledged: as if the process died between the two.
            assertThrows(IllegalStateException.class, () -> publisher.publish("box", List.of(first), c -> {
                throw new SQLException("simulated crash before the checkpoint commit");
            }));
            assertFalse(new SeenMessages(db).contains("box", first.email().messageId(), first.contentHash()));

            assertEquals(1, publisher.recover("box"), "the record found in the log is settled as published");
            assertTrue(new SeenMessages(db).contains("box", first.email().messageId(), first.contentHash()));
            assertInstanceOf(IntakeOutcome.Duplicate.class, intake.take("box", new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test"))),
                    new SourcedMessage("test:again", ("From: ann@customer.example\r\nTo: support@acme.test\r\nSubject: Parcel crash-1\r\n"
                            + "Message-ID: <crash-1@customer.example>\r\n\r\nWhere is parcel crash-1?\r\n").getBytes(StandardCharsets.UTF_8))),
                    "fetching it again after the restart does not publish it twice");
        }
    }

    @Test
    void aBatchThatNeverReachedTheBrokerIsPublishedAgain() {
        IngestDatabase db = new IngestDatabase("jdbc:h2:mem:publisher-lost;DB_CLOSE_DELAY=-1", "sa", "");
        MessageIntake intake = new MessageIntake(MessageLimits.DEFAULT, new RawMessageStore(dir), db, new ThreadIndex(Duration.ofDays(1)));
        IntakeOutcome.Accepted lost = accepted(intake, "lost-1");
        try (InboundPublisher unreachable = new InboundPublisher("127.0.0.1:1", db, new Properties(), Duration.ofSeconds(2))) {
            assertThrows(RuntimeException.class, () -> unreachable.publish("box", List.of(lost), c -> { }));
        }
        try (InboundPublisher publisher = new InboundPublisher(kafka.bootstrapServers(), db, new Properties(), Duration.ofSeconds(10))) {
            assertEquals(0, publisher.recover("box"));
            assertFalse(new SeenMessages(db).contains("box", lost.email().messageId(), lost.contentHash()));
        }
    }
}
