package io.mailtune.agent.flow;

import io.mailtune.agent.adapters.AdapterFollower;
import io.mailtune.agent.drafting.ModelHost;
import io.mailtune.core.adapter.AdapterEvent;
import io.mailtune.core.adapter.AdapterFiles;
import io.mailtune.core.adapter.AdapterPromoted;
import io.mailtune.core.adapter.AdapterRef;
import io.mailtune.core.adapter.AdapterRolledBack;
import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.id.Hashing;
import io.mailtune.model.lora.LoraAdapter;
import io.mailtune.model.lora.LoraConfig;
import io.mailtune.model.lora.LoraTarget;
import io.mailtune.model.lora.PeftFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Promotions and rollbacks on {@code mailtune.adapters} change the adapter drafts are written with, without a restart:
 * adapters written by the test (random LoRA weights for the loaded model), their files through Kafka or a shared disk.
 */
@QuarkusTest
@QuarkusTestResource(AgentTestResources.class)
class AdapterHotSwapTest {

    @Inject
    ModelHost model;

    @Inject
    AdapterFollower follower;

    @TempDir
    Path dir;

    @Test
    void promotionsSwapTheAdapterRefusalsKeepItAndRollbacksSwapBack() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            AdapterRef v1 = AdapterFiles.publish(producer, "hot-v1", model.baseModel(), write("v1", 1));
            promote(producer, v1, null);
            awaitLive("hot-v1");

            TestMailArrival.arrive("Pause my Plus membership", "Can I pause Brightcart Plus for a month?");
            Map<String, Object> line = Desk.awaitDraft("Pause my Plus membership", "READY");
            assertEquals("hot-v1", line.get("adapterVersion"), "the draft records the adapter that wrote it");

            promote(producer, v1, "hot-v1");
            awaitProblem("promoted before");
            assertEquals("hot-v1", follower.status().liveVersion());

            Path other = write("other", 2);
            promote(producer, new AdapterRef("hot-v2", "some-other-base", other.toUri().toString(), Hashing.sha256Hex(
                    other.resolve(PeftFormat.WEIGHTS_FILE))), "hot-v1");
            awaitProblem("some-other-base");
            assertEquals("hot-v1", follower.status().liveVersion());

            Path v3dir = write("v3", 3);
            AdapterRef v3 = new AdapterRef("hot-v3", model.baseModel(), v3dir.toUri().toString(),
                    Hashing.sha256Hex(v3dir.resolve(PeftFormat.WEIGHTS_FILE)));
            promote(producer, v3, "hot-v1");
            awaitLive("hot-v3");

            send(producer, new AdapterRolledBack(AdapterRolledBack.SCHEMA_VERSION, "hot-v3", v1, "approval rate fell", Instant.now()));
            awaitLive("hot-v1");
            assertEquals(java.util.Optional.of("hot-v1"), model.adapters().version());

            send(producer, new AdapterRolledBack(AdapterRolledBack.SCHEMA_VERSION, "hot-v1", null, "back to base", Instant.now()));
            awaitLive("base");
            assertTrue(model.adapters().version().isEmpty());
        }
    }

    private Path write(String name, long seed) {
        LoraAdapter adapter = LoraAdapter.initialise(model.model().config(),
                new LoraConfig(4, 8, EnumSet.of(LoraTarget.Q, LoraTarget.V), false, model.baseModel()), seed, true);
        Path out = dir.resolve(name);
        PeftFormat.write(adapter, out);
        return out;
    }

    private void promote(KafkaProducer<String, byte[]> producer, AdapterRef ref, String previous) throws Exception {
        send(producer, new AdapterPromoted(AdapterPromoted.SCHEMA_VERSION, ref, previous, Map.of("chrF", 0.5), 10, Instant.now()));
    }

    private static void send(KafkaProducer<String, byte[]> producer, AdapterEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ADAPTERS.name(), Topics.ADAPTERS.keyOf(event), EventCodec.encode(event))).get();
    }

    private void awaitLive(String version) {
        Desk.await("adapter " + version + " live", Duration.ofSeconds(60), () -> follower.status().liveVersion(), version::equals);
    }

    private void awaitProblem(String text) {
        Desk.await("a refusal mentioning '" + text + "'", Duration.ofSeconds(60), () -> String.valueOf(follower.status().lastProblem()),
                p -> p.contains(text));
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, AgentTestResources.current().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
