package io.mailtune.agent.it;

import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.adapter.AdapterFiles;
import io.mailtune.core.adapter.AdapterRef;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.config.ConfigReader;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

/**
 * A promotion as the trainer broadcasts one (its {@code AdapterBroadcast}): the adapter's files through Kafka, then an
 * {@link AdapterPromoted} on {@code mailtune.adapters}. The adapter is a LoRA with random weights for the bundled model.
 */
final class Promotion {

    private Promotion() {
    }

    /** Writes, publishes and promotes adapter {@code version} for {@code baseModel}, the name the agents report. */
    static void promote(KafkaProducer<String, byte[]> producer, Path dir, String version, String baseModel) throws Exception {
        Path checkpoint = BundledModel.extractTo(dir.resolve("model"));
        LoraAdapter adapter = LoraAdapter.initialise(ConfigReader.read(checkpoint),
                new LoraConfig(4, 8, EnumSet.of(LoraTarget.Q, LoraTarget.V), false, baseModel), 7, true);
        Path files = dir.resolve(version);
        PeftFormat.write(adapter, files);
        AdapterRef ref = AdapterFiles.publish(producer, version, baseModel, files);
        AdapterPromoted promoted = new AdapterPromoted(AdapterPromoted.SCHEMA_VERSION, ref, null, Map.of("chrF", 0.5), 10, Instant.now());
        producer.send(new ProducerRecord<>(Topics.ADAPTERS.name(), Topics.ADAPTERS.keyOf(promoted), EventCodec.encode(promoted))).get();
    }
}
