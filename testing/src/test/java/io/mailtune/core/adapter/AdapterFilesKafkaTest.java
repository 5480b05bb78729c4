package io.mailtune.core.adapter;

import io.mailtune.core.id.Hashing;
import io.mailtune.testing.KafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter's bytes travel through Kafka to agents that share no disk with the trainer. */
class AdapterFilesKafkaTest {

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path tmp;

    @Test
    void anAdapterLargerThanOneChunkArrivesIntactOnAnotherMachinesDisk() throws Exception {
        byte[] weights = new byte[AdapterFiles.CHUNK_BYTES * 2 + 12345];
        new Random(7).nextBytes(weights);
        Path trainerDir = Files.createDirectories(tmp.resolve("trainer/v-big"));
        Files.writeString(trainerDir.resolve("adapter_config.json"), "{\"peft_type\":\"LORA\",\"r\":8}");
        Files.write(trainerDir.resolve("adapter_model.safetensors"), weights);
        AdapterRef ref;
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            adapter(producer, "v-small", "small");
            ref = AdapterFiles.publish(producer, "v-big", "base", trainerDir);
        }
        assertEquals(Hashing.sha256Hex(weights), ref.sha256());
        assertTrue(ref.location().startsWith("kafka:mailtune.adapter-files?version=v-big&partition=0&offset="), ref.location());

        Path agentDir = AdapterFiles.fetch(ref, tmp.resolve("agent"), kafka.bootstrapServers(), Duration.ofSeconds(30));
        assertArrayEquals(weights, Files.readAllBytes(agentDir.resolve("adapter_model.safetensors")));
        assertEquals("{\"peft_type\":\"LORA\",\"r\":8}", Files.readString(agentDir.resolve("adapter_config.json")));
    }

    @Test
    void aPromotionWhoseHashDoesNotMatchThePublishedBytesIsRefused() throws Exception {
        AdapterRef published;
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            published = adapter(producer, "v-forged", "real weights");
        }
        AdapterRef forged = new AdapterRef("v-forged", "base", published.location(), Hashing.sha256Hex("other weights"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdapterFiles.fetch(forged, tmp.resolve("agent"), kafka.bootstrapServers(), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("but the promotion says"), e.getMessage());
    }

    @Test
    void aVersionThatNeverArrivesTimesOutNamingIt() {
        AdapterRef missing = new AdapterRef("v-missing", "base", "kafka:mailtune.adapter-files?version=v-missing&partition=0&offset=0",
                Hashing.sha256Hex("x"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdapterFiles.fetch(missing, tmp.resolve("agent"), kafka.bootstrapServers(), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().startsWith("adapter v-missing did not arrive complete"), e.getMessage());
    }

    private AdapterRef adapter(KafkaProducer<String, byte[]> producer, String version, String weights) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("trainer/" + version));
        Files.writeString(dir.resolve("adapter_config.json"), "{}");
        Files.writeString(dir.resolve("adapter_model.safetensors"), weights);
        return AdapterFiles.publish(producer, version, "base", dir);
    }
}
