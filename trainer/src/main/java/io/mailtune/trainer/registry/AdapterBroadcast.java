package io.mailtune.trainer.registry;

import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterFiles;
import io.mailtune.core.adapter.AdapterRef;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells every agent about adapters through Kafka: the files with {@link AdapterFiles#publish}, then promotions and
 * rollbacks on {@link Topics#ADAPTERS}, each acknowledged before the call returns.
 */
public final class AdapterBroadcast {

    private final Producer<String, byte[]> producer;
    private final String bootstrapServers;

    /** A broadcast through {@code producer} (string keys, byte values, acks=all). */
    public AdapterBroadcast(Producer<String, byte[]> producer, String bootstrapServers) {
        this.producer = producer;
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends an adapter directory's files and returns where agents fetch them. */
    public AdapterRef publishFiles(String version, String baseModel, Path dir) {
        return AdapterFiles.publish(producer, version, baseModel, dir);
    }

    /** Sends a promotion or rollback and waits for the acknowledgement. */
    public void send(AdapterEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.ADAPTERS.name(), Topics.ADAPTERS.keyOf(event), EventCodec.encode(event)))
                    .get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + event.getClass().getSimpleName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the " + event.getClass().getSimpleName() + " of "
                    + event.live() + ": " + e.getMessage(), e);
        }
    }

    /** The last event on {@link Topics#ADAPTERS}, so a resumed publish never sends the same promotion twice. */
    public Optional<AdapterEvent> lastEvent(Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition partition = new TopicPartition(Topics.ADAPTERS.name(), 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            if (end <= begin) {
                return Optional.empty();
            }
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == end - 1) {
                        return Optional.of(EventCodec.decode(r.value(), AdapterEvent.class));
                    }
                }
            }
            throw new IllegalStateException("could not read the last adapter event from " + bootstrapServers + " within " + timeout);
        }
    }
}
