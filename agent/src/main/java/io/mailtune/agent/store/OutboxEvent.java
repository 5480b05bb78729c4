package io.mailtune.agent.store;

import java.time.Instant;

/**
 * An event waiting in the transactional outbox for the relay to publish it.
 *
 * @param eventId   the event's own id (replyId or outcomeId), which consumers dedupe by
 * @param topic     the Kafka topic
 * @param key       the record key, from {@code Topics}
 * @param payload   the event's JSON
 * @param createdAt when the transaction that wrote it committed
 * @param attempts  publishing attempts so far
 */
public record OutboxEvent(String eventId, String topic, String key, byte[] payload, Instant createdAt, int attempts) {
}
