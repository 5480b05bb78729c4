package io.mailtune.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of an HF checkpoint directory: {@code model.safetensors}, or shards listed in
 * {@code model.safetensors.index.json}. Tensors are read one at a time on demand.
 */
public final class CheckpointTensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, SafetensorsFile> fileOf;

    private CheckpointTensors(Path dir, Map<String, SafetensorsFile> fileOf) {
        this.dir = dir;
        this.fileOf = fileOf;
    }

    /** Opens the safetensors of a checkpoint directory (single file or sharded). */
    public static CheckpointTensors open(Path dir) {
        Path single = dir.resolve("model.safetensors");
        Path index = dir.resolve("model.safetensors.index.json");
        Map<String, SafetensorsFile> fileOf = new HashMap<>();
        if (Files.isRegularFile(index)) {
            JsonNode weightMap;
            try {
                weightMap = JSON.readTree(index.toFile()).path("weight_map");
            } catch (IOException e) {
                throw new CheckpointException("cannot read " + index + ": " + e.getMessage(), e);
            }
            if (!weightMap.isObject() || weightMap.isEmpty()) {
                throw new CheckpointException(index + " has no weight_map");
            }
            Map<String, SafetensorsFile> shards = new HashMap<>();
            weightMap.fields().forEachRemaining(f -> {
                String shard = f.getValue().asText();
                Path shardPath = dir.resolve(shard);
                if (!Files.isRegularFile(shardPath)) {
                    throw new CheckpointException("shard '" + shard + "' named in " + index + " for tensor '"
                            + f.getKey() + "' does not exist");
                }
                SafetensorsFile file = shards.computeIfAbsent(shard, s -> SafetensorsFile.open(shardPath));
                if (!file.entries().containsKey(f.getKey())) {
                    throw new CheckpointException("tensor '" + f.getKey() + "' is missing from shard " + shard);
                }
                fileOf.put(f.getKey(), file);
            });
        } else if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            file.entries().keySet().forEach(n -> fileOf.put(n, file));
        } else {
            throw new CheckpointException("no model.safetensors or model.safetensors.index.json in " + dir);
        }
        return new CheckpointTensors(dir, fileOf);
    }

    /** Names of all tensors. */
    public Set<String> names() {
        return fileOf.keySet();
    }

    /** Whether the checkpoint holds a tensor of this name. */
    public boolean contains(String name) {
        return fileOf.containsKey(name);
    }

    /** The element type a tensor is stored in. */
    public DType dtype(String name) {
        return entry(name).dtype();
    }

    /** Reads a tensor and checks its shape; the error names the tensor, expected and actual shapes. */
    public HostTensor read(String name, int... expectedShape) {
        checkShape(name, expectedShape);
        return fileOf.get(name).read(name);
    }

    /** Reads a tensor as native-order float32 into {@code dst} after checking its shape (see {@link #read}). */
    public void readInto(String name, ByteBuffer dst, int... expectedShape) {
        checkShape(name, expectedShape);
        fileOf.get(name).readInto(name, dst);
    }

    /** Reads a tensor widened to float32 into {@code dst} at its position after checking its shape. */
    public void readInto(String name, FloatBuffer dst, int... expectedShape) {
        checkShape(name, expectedShape);
        fileOf.get(name).readInto(name, dst);
    }

    /**
     * Reads values {@code [first, first + count)} (row-major) of a tensor into {@code dst} after checking its shape:
     * a large tensor can be converted a few rows at a time.
     */
    public void readRange(String name, long first, int count, FloatBuffer dst, int... expectedShape) {
        checkShape(name, expectedShape);
        fileOf.get(name).readRange(name, first, count, dst);
    }

    private void checkShape(String name, int... expectedShape) {
        SafetensorsFile.Entry e = entry(name);
        if (!Arrays.equals(e.shape(), expectedShape)) {
            throw new CheckpointException("tensor '" + name + "' has shape " + Arrays.toString(e.shape())
                    + " but the config needs " + Arrays.toString(expectedShape));
        }
    }

    private SafetensorsFile.Entry entry(String name) {
        SafetensorsFile f = fileOf.get(name);
        if (f == null) {
            throw new CheckpointException("tensor '" + name + "' is missing from the checkpoint in " + dir);
        }
        return f.entries().get(name);
    }
}
