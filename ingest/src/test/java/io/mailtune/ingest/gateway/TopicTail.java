package io.mailtune.ingest.gateway;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.TopicContract;
import io.mailtune.testing.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Follows a topic from its start in the background, read_committed as Mailtune's consumers read, noting arrival times. */
final class TopicTail<T> implements AutoCloseable {

    /** A record and when this test saw it (epoch milliseconds). */
    record Arrival<T>(T value, long atMillis) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicContract<T> topic;
    private final List<Arrival<T>> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    TopicTail(KafkaBroker kafka, TopicContract<T> topic) {
        this.topic = topic;
        this.consumer = kafka.consumer("tail-" + UUID.randomUUID());
        this.thread = new Thread(this::follow, "tail-" + topic.name());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void follow() {
        try {
            consumer.subscribe(List.of(topic.name()));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    T value = EventCodec.decode(r.value(), topic.type());
                    synchronized (seen) {
                        seen.add(new Arrival<>(value, System.currentTimeMillis()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Everything seen so far, in arrival order. */
    List<Arrival<T>> arrivals() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The values seen so far. */
    List<T> values() {
        return arrivals().stream().map(Arrival::value).toList();
    }

    /** Waits until what was seen satisfies the condition; fails naming it otherwise. */
    void await(String what, Duration timeout, Predicate<List<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(values())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
