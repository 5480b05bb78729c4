package io.mailtune.ingest.gateway;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.mail.InboundEmail;
import io.mailtune.testing.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads the inbound topic from the start, as the agents do. */
final class InboundTopic {

    private InboundTopic() {
    }

    /** Every record of one mailbox, waiting until at least {@code expected} arrived and then a quiet period passed. */
    static List<InboundEmail> read(KafkaBroker kafka, String mailbox, int expected, Duration timeout) {
        return read(kafka, e -> e.mailbox().equals(mailbox), expected, timeout);
    }

    static List<InboundEmail> read(KafkaBroker kafka, Predicate<InboundEmail> filter, int expected, Duration timeout) {
        List<InboundEmail> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("test-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.INBOUND.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    InboundEmail email = EventCodec.decode(r.value(), InboundEmail.class);
                    if (!r.key().equals(Topics.INBOUND.keyOf(email))) {
                        throw new AssertionError("record keyed " + r.key() + " but its thread is " + email.threadId());
                    }
                    if (filter.test(email)) {
                        out.add(email);
                    }
                }
                if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                }
            }
        }
        return out;
    }
}
