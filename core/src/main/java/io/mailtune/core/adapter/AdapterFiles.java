package io.mailtune.core.adapter;

import io.mailtune.core.contract.EventCodec;
import io.mailtune.core.contract.Topics;
import io.mailtune.core.id.Hashing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Moves a PEFT adapter directory from the trainer to every agent. The trainer publishes the files as chunks on
 * {@link Topics#ADAPTER_FILES} and names them in {@link AdapterRef#location()} as
 * {@code kafka:mailtune.adapter-files?version=V&partition=P&offset=O}; an agent fetches them from there (or copies a
 * {@code file:} directory where the machines share a disk), checks every hash, and only then loads the adapter.
 */
public final class AdapterFiles {

    /** The files of a PEFT adapter directory that travel, in publishing order. */
    public static final List<String> FILES = List.of("adapter_config.json", "adapter_model.safetensors");

    /** Bytes per chunk: well under Kafka's default 1 MB record limit once base64-encoded. */
    public static final int CHUNK_BYTES = 512 * 1024;

    private static final String SCHEME = "kafka";

    private AdapterFiles() {
    }

    /** Rejects a version that cannot name a directory safely (versions become folder names on every agent). */
    public static String requireSafeVersion(String version) {
        if (version == null || !version.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("adapter version '" + version
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return version;
    }

    /**
     * Publishes the adapter in {@code dir} under {@code version} and returns its reference. Blocks until Kafka
     * acknowledged every chunk; the producer must write string keys and byte values.
     */
    public static AdapterRef publish(Producer<String, byte[]> producer, String version, String baseModel, Path dir) {
        requireSafeVersion(version);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        String weightsSha = null;
        for (String file : FILES) {
            byte[] bytes = read(dir.resolve(file));
            String sha = Hashing.sha256Hex(bytes);
            if (file.equals("adapter_model.safetensors")) {
                weightsSha = sha;
            }
            int count = Math.max(1, (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
            for (int i = 0; i < count; i++) {
                byte[] data = Arrays.copyOfRange(bytes, i * CHUNK_BYTES, Math.min(bytes.length, (i + 1) * CHUNK_BYTES));
                AdapterFileChunk chunk = new AdapterFileChunk(AdapterFileChunk.SCHEMA_VERSION, version, file, i, count, sha, data);
                sent.add(producer.send(new ProducerRecord<>(Topics.ADAPTER_FILES.name(), Topics.ADAPTER_FILES.keyOf(chunk),
                        EventCodec.encode(chunk))));
            }
        }
        producer.flush();
        try {
            RecordMetadata first = sent.getFirst().get();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            String location = SCHEME + ":" + Topics.ADAPTER_FILES.name() + "?version=" + version + "&partition="
                    + first.partition() + "&offset=" + first.offset();
            return new AdapterRef(version, baseModel, location, weightsSha);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing adapter " + version, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused adapter " + version + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Fetches the adapter {@code ref} names into {@code root/<version>} (kept when already there and intact) and
     * returns that directory. Fails, leaving nothing behind, when a file is missing or a hash differs.
     *
     * @param bootstrapServers the Kafka cluster, for {@code kafka:} locations
     * @param timeout          how long to wait for all chunks
     */
    public static Path fetch(AdapterRef ref, Path root, String bootstrapServers, Duration timeout) {
        String version = requireSafeVersion(ref.version());
        Path target = root.resolve(version);
        if (Files.isDirectory(target) && intact(target, ref)) {
            return target;
        }
        URI uri = URI.create(ref.location());
        Map<String, byte[]> files = switch (uri.getScheme() == null ? "" : uri.getScheme()) {
            case "file" -> readDirectory(Path.of(uri));
            case SCHEME -> readFromKafka(uri, version, bootstrapServers, timeout);
            default -> throw new IllegalArgumentException("adapter " + version + " has location '" + ref.location()
                    + "': only file: and kafka: locations are supported");
        };
        byte[] weights = files.get("adapter_model.safetensors");
        String actual = Hashing.sha256Hex(weights);
        if (!actual.equals(ref.sha256())) {
            throw new IllegalStateException("adapter " + version + ": adapter_model.safetensors has SHA-256 " + actual
                    + " but the promotion says " + ref.sha256() + "; not installed");
        }
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempDirectory(root, version + ".partial-");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(tmp.resolve(file.getKey()), file.getValue());
            }
            if (Files.isDirectory(target)) {
                deleteDirectory(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write adapter " + version + " below " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean intact(Path dir, AdapterRef ref) {
        Path weights = dir.resolve("adapter_model.safetensors");
        return Files.isRegularFile(dir.resolve("adapter_config.json")) && Files.isRegularFile(weights)
                && Hashing.sha256Hex(weights).equals(ref.sha256());
    }

    private static Map<String, byte[]> readDirectory(Path dir) {
        Map<String, byte[]> files = new HashMap<>();
        for (String file : FILES) {
            files.put(file, read(dir.resolve(file)));
        }
        return files;
    }

    private static Map<String, byte[]> readFromKafka(URI uri, String version, String bootstrapServers, Duration timeout) {
        Map<String, String> query = query(uri);
        if (!version.equals(query.get("version"))) {
            throw new IllegalArgumentException("location " + uri + " names version " + query.get("version") + ", not " + version);
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("adapter " + version + " is on Kafka but no bootstrap servers were given");
        }
        TopicPartition partition = new TopicPartition(uri.getSchemeSpecificPart().split("\\?")[0],
                Integer.parseInt(query.getOrDefault("partition", "0")));
        long offset = Long.parseLong(query.getOrDefault("offset", "0"));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        Map<String, Assembly> assemblies = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            while (!complete(assemblies)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("adapter " + version + " did not arrive complete from " + uri + " within "
                            + timeout.toSeconds() + " s (have " + assemblies.keySet() + ")");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofNanos(Math.min(left, 500_000_000L)))) {
                    if (!version.equals(record.key())) {
                        continue;
                    }
                    AdapterFileChunk chunk = EventCodec.decode(record.value(), AdapterFileChunk.class);
                    assemblies.computeIfAbsent(chunk.file(), f -> new Assembly(chunk.count(), chunk.fileSha256())).add(chunk);
                }
            }
        }
        Map<String, byte[]> files = new HashMap<>();
        assemblies.forEach((file, assembly) -> files.put(file, assembly.bytes(version, file)));
        return files;
    }

    private static boolean complete(Map<String, Assembly> assemblies) {
        return FILES.stream().allMatch(f -> assemblies.containsKey(f) && assemblies.get(f).complete());
    }

    private static Map<String, String> query(URI uri) {
        String ssp = uri.getSchemeSpecificPart();
        Map<String, String> out = new HashMap<>();
        int q = ssp.indexOf('?');
        if (q >= 0) {
            for (String pair : ssp.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read adapter file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteDirectory(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The chunks of one file received so far; a chunk seen twice (a producer retry) counts once. */
    private static final class Assembly {
        private final byte[][] chunks;
        private final String sha256;

        Assembly(int count, String sha256) {
            this.chunks = new byte[count][];
            this.sha256 = sha256;
        }

        void add(AdapterFileChunk chunk) {
            if (chunk.count() == chunks.length && chunk.fileSha256().equals(sha256)) {
                chunks[chunk.index()] = chunk.data();
            }
        }

        boolean complete() {
            return Arrays.stream(chunks).allMatch(c -> c != null);
        }

        byte[] bytes(String version, String file) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] c : chunks) {
                out.writeBytes(c);
            }
            byte[] bytes = out.toByteArray();
            String actual = Hashing.sha256Hex(bytes);
            if (!actual.equals(sha256)) {
                throw new IllegalStateException("adapter " + version + ": " + file + " reassembled to SHA-256 " + actual
                        + " instead of " + sha256);
            }
            return bytes;
        }
    }
}
