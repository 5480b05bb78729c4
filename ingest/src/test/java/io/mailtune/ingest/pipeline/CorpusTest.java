package io.mailtune.ingest.pipeline;

import io.mailtune.core.mail.AttachmentInfo;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.ForwardedMessage;
import io.mailtune.core.mail.MailClassification;
import io.mailtune.ingest.classify.TrafficClassifier;
import io.mailtune.ingest.mime.MessageLimits;
import io.mailtune.ingest.store.IngestDatabase;
import io.mailtune.ingest.store.MailboxEvent;
import io.mailtune.ingest.store.MailboxEvents;
import io.mailtune.ingest.store.RawMessageStore;
import io.mailtune.ingest.store.SeenMessages;
import io.mailtune.ingest.thread.ThreadIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every message of src/test/resources/corpus through intake in name order, as one mailbox receiving them, and
 * compares each with its {@code .expected.properties}: normalised text, subject, flags (primary first) and
 * classification, attachments, forwarded messages ({@code from|date|subject|text}), thread (messages with the same
 * label share a thread, different labels do not), duplicate (with its mailbox event) or rejection reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusTest {

    private static final String MAILBOX = "support";

    @TempDir
    static Path dir;
    private MessageIntake intake;
    private IngestDatabase db;
    private TrafficClassifier classifier;
    private final Map<String, String> threadOfLabel = new HashMap<>();

    @BeforeAll
    void openStores() {
        db = new IngestDatabase("jdbc:h2:mem:corpus;DB_CLOSE_DELAY=-1", "sa", "");
        intake = new MessageIntake(MessageLimits.DEFAULT, new RawMessageStore(dir.resolve("raw")), db, new ThreadIndex(Duration.ofDays(90)));
        classifier = new TrafficClassifier(Set.of(EmailAddress.of("support@acme.test")));
    }

    static Stream<String> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(CorpusTest.class.getResource("/corpus").toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMessageNormalisesAsExpected(String name) throws IOException {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/corpus/" + name + ".eml")) {
            raw = in.readAllBytes();
        }
        Properties expected = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/corpus/" + name + ".expected.properties")) {
            expected.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        IntakeOutcome outcome = intake.take(MAILBOX, classifier, new SourcedMessage("corpus:" + name, raw));
        if (expected.containsKey("rejection")) {
            IntakeOutcome.Rejected rejected = assertInstanceOf(IntakeOutcome.Rejected.class, outcome, () -> name + ": " + outcome);
            assertEquals(expected.getProperty("rejection"), rejected.rejection().reason().name(), rejected.rejection().detail());
            return;
        }
        if (expected.containsKey("duplicate")) {
            IntakeOutcome.Duplicate duplicate = assertInstanceOf(IntakeOutcome.Duplicate.class, outcome, () -> name + ": " + outcome);
            assertTrue(new MailboxEvents(db).list(MAILBOX).stream().anyMatch(e -> e.kind() == MailboxEvent.Kind.DUPLICATE_SKIPPED
                    && e.detail().contains(duplicate.messageId()) && e.detail().contains(duplicate.duplicateOf())),
                    name + ": a skipped duplicate is recorded as a mailbox event naming the copy it repeats");
            return;
        }
        IntakeOutcome.Accepted accepted = assertInstanceOf(IntakeOutcome.Accepted.class, outcome, () -> name + ": " + outcome);
        var email = accepted.email();
        assertEquals(expected.getProperty("text"), email.normalisedText(), name + " text");
        if (expected.containsKey("subject")) {
            assertEquals(expected.getProperty("subject"), email.subject(), name + " subject");
        }
        assertEquals(expected.getProperty("flags", ""), email.flags().stream().map(f -> f.kind().name()).collect(Collectors.joining(",")),
                name + " flags " + email.flags());
        email.flags().forEach(f -> assertTrue(!f.reason().isBlank(), "every flag records its reason"));
        assertEquals(expected.getProperty("classification", "CUSTOMER"), email.classification().name(), name + " classification");
        if (!email.flags().isEmpty()) {
            assertEquals(email.classification(), MailClassification.of(email.flags().get(0).kind()), name + ": the primary flag comes first");
        }
        assertEquals(expected.getProperty("forwarded", ""), email.forwarded().stream().map(CorpusTest::describe)
                .collect(Collectors.joining(";")), name + " forwarded");
        if (expected.containsKey("attachments")) {
            assertEquals(expected.getProperty("attachments"), email.attachments().stream().map(CorpusTest::describe)
                    .collect(Collectors.joining(";")), name + " attachments");
        }
        if (Boolean.parseBoolean(expected.getProperty("messageIdSynthesised", "false"))) {
            assertTrue(email.messageId().endsWith("@mailtune.invalid>"), email.messageId());
        }
        String label = expected.getProperty("thread");
        String known = threadOfLabel.get(label);
        if (known != null) {
            assertEquals(known, email.threadId(), name + " joins thread " + label);
        } else {
            assertTrue(!threadOfLabel.containsValue(email.threadId()), name + " must start its own thread " + label);
            threadOfLabel.put(label, email.threadId());
        }
        assertEquals(raw.length, email.raw().sizeBytes());
        db.inTransaction(c -> {
            new SeenMessages(db).record(c, MAILBOX, email.messageId(), accepted.contentHash(), email.emailId(), email.threadId());
            return null;
        });
    }

    private static String describe(ForwardedMessage f) {
        return f.from() + "|" + f.date() + "|" + f.subject() + "|" + f.text();
    }

    private static String describe(AttachmentInfo a) {
        return (a.fileName() == null ? "" : a.fileName()) + "|" + a.contentType() + "|" + (a.inline() ? "inline" : "attachment");
    }
}
