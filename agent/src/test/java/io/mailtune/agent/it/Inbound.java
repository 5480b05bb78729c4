package io.mailtune.agent.it;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.id.Hashing;
import io.mailtune.core.id.Ids;
import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.core.mail.RawMessageRef;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Customer emails published to {@code mailtune.inbound} the way ingest publishes them. */
final class Inbound {

    private static final List<String> QUESTIONS = List.of(
            "When will my refund arrive? I sent the lamp back last week.",
            "Can I still change the delivery address of my order?",
            "I forgot my password and cannot sign in.");

    private Inbound() {
    }

    /** Publishes {@code count} emails, each in its own thread, and returns their ids. */
    static List<String> publish(KafkaProducer<String, byte[]> producer, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = Ids.newId();
            String sha = Hashing.sha256Hex(id);
            InboundEmail email = new InboundEmail(InboundEmail.SCHEMA_VERSION, id, "support", "<" + id + "@customer.example>",
                    "thread-" + id, new EmailAddress("customer" + i + "@example.com", "Customer " + i),
                    List.of(EmailAddress.of("support@acme.example")), List.of(), "Question " + i, QUESTIONS.get(i % QUESTIONS.size()),
                    Instant.now(), Instant.now(), null, List.of(), new RawMessageRef(sha, 100, "file:///nonexistent/" + sha + ".eml"),
                    List.of(), List.of());
            producer.send(new ProducerRecord<>(Topics.INBOUND.name(), Topics.INBOUND.keyOf(email), EventCodec.encode(email)));
            ids.add(id);
        }
        producer.flush();
        return ids;
    }
}
