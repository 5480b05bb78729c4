package io.mailtune.ingest.history;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.mime.RejectionReason;
import io.mailtune.ingest.pipeline.InboundPublisher;
import io.mailtune.ingest.pipeline.MessageIntake;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.Rejection;
import io.mailtune.ingest.store.Rejections;
import io.mailtune.testing.KafkaBroker;
import io.mailtune.ingest.thread.ThreadIndex;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History imports from .eml, mbox and Maildir into a real broker. */
class HistoryImporterTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;
    private IngestDatabase db;
    private InboundPublisher publisher;
    private String mailbox;

    @BeforeEach
    void open() {
        db = new IngestDatabase("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        publisher = new InboundPublisher(kafka.bootstrapServers(), db, new Properties(), Duration.ofSeconds(10));
        mailbox = "history-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    private HistoryImporter importer(long maxMessageBytes) {
        MessageLimits limits = new MessageLimits(maxMessageBytes, 32 << 10, 2 << 20, 10L << 20, 100, 10_000);
        MessageIntake intake = new MessageIntake(limits, new RawMessageStore(dir.resolve("raw")), db, new ThreadIndex(Duration.ofDays(90)));
        return new HistoryImporter(intake, publisher, mailbox, new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test"))), maxMessageBytes);
    }

    private static String message(String id, String subject, String body) {
        return "From: ann@customer.example\nTo: support@acme.test\nSubject: " + subject + "\nMessage-ID: <" + id
                + "@customer.example>\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\n" + body + "\n";
    }

    @Test
    void anMboxIsSplitUnescapedAndImportedOnceEvenWhenImportedTwice() throws Exception {
        Path mbox = dir.resolve("support.mbox");
        Files.writeString(mbox, "From ann@customer.example Mon Nov 23 10:00:00 2026\n" + message("m1", "First", "Hello\n>From the start, thanks.")
                + "\nFrom ann@customer.example Mon Nov 23 11:00:00 2026\n" + message("m2", "Second", "Another question.")
                + "\nFrom bob@other.example Mon Nov 23 12:00:00 2026\n" + message("m3", "Third", ">From here on it works."), StandardCharsets.UTF_8);
        assertEquals(new ImportReport(3, 0, 0), importer(1 << 20).importMbox(mbox));
        assertEquals(new ImportReport(0, 3, 0), importer(1 << 20).importMbox(mbox), "a re-import publishes nothing");
        List<InboundEmail> published = published(3);
        assertEquals(List.of("First", "Second", "Third"), published.stream().map(InboundEmail::subject).toList());
        assertEquals("Hello\nFrom the start, thanks.", published.get(0).normalisedText());
    }

    @Test
    void badMessagesAreRecordedAndNeverBlockTheOnesAfterThem() throws Exception {
        Path mbox = dir.resolve("hostile.mbox");
        try (OutputStream out = Files.newOutputStream(mbox)) {
            out.write(("From a@b Mon Nov 23 10:00:00 2026\n" + message("ok1", "Before", "Fine.") + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(("From a@b Mon Nov 23 10:00:00 2026\n" + message("huge", "Huge", "")).getBytes(StandardCharsets.UTF_8));
            byte[] line = ("A".repeat(76) + "\n").getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < 50L << 20; written += line.length) {
                out.write(line);
            }
            out.write(("\nFrom a@b Mon Nov 23 10:00:00 2026\nTo: support@acme.test\nSubject: nobody\n\nNo sender.\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(("From a@b Mon Nov 23 10:00:00 2026\n" + message("ok2", "After", "Still fine.")).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(new ImportReport(2, 0, 2), importer(25L << 20).importMbox(mbox));
        List<Rejection> rejections = new Rejections(db).list(mailbox);
        assertEquals(List.of(RejectionReason.TOO_LARGE, RejectionReason.NO_SENDER), rejections.stream().map(Rejection::reason).toList());
        assertTrue(rejections.get(0).detail().contains("bytes"), rejections.get(0).detail());
        assertTrue(rejections.get(1).rawLocation() != null, "the raw bytes of a rejected message are kept for inspection");
        assertEquals(List.of("Before", "After"), published(2).stream().map(InboundEmail::subject).toList());
    }

    @Test
    void aMaildirAndEmlFilesAreImported() throws Exception {
        Path maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        Files.writeString(maildir.resolve("cur/1700000000.1.host:2,S"), message("md1", "Seen one", "Read already."));
        Files.writeString(maildir.resolve("new/1700000001.2.host"), message("md2", "New one", "Not read yet."));
        Path eml = dir.resolve("eml");
        Files.createDirectories(eml);
        Files.writeString(eml.resolve("a.eml"), message("e1", "Eml one", "From a file."));
        Files.writeString(eml.resolve("b.eml"), message("md1", "Seen one", "Read already."));
        HistoryImporter importer = importer(1 << 20);
        assertEquals(new ImportReport(2, 0, 0), importer.importMaildir(maildir));
        assertEquals(new ImportReport(1, 1, 0), importer.importEml(eml), "the same message in both archives is published once");
        assertEquals(3, published(3).size());
    }

    private List<InboundEmail> published(int expected) {
        List<InboundEmail> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("read-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.INBOUND.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    InboundEmail email = EventCodec.decode(r.value(), InboundEmail.class);
                    if (email.mailbox().equals(mailbox)) {
                        out.add(email);
                    }
                }
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                InboundEmail email = EventCodec.decode(r.value(), InboundEmail.class);
                if (email.mailbox().equals(mailbox)) {
                    out.add(email);
                }
            }
        }
        out.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
        return out;
    }
}
