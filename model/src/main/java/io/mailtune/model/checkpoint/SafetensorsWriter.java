package io.mailtune.model.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes tensors as a safetensors file, atomically (a temporary file renamed into place). */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 20;

    private SafetensorsWriter() {
    }

    /** The values of one tensor, computed when the writer reaches it, so a large checkpoint is never all in memory. */
    @FunctionalInterface
    public interface TensorValues {
        /** The row-major values of tensor {@code name} of the given shape. */
        float[] values(String name, int[] shape);
    }

    /** Writes the tensors in the given order with the given element type and {@code __metadata__}. */
    public static void write(Path file, Collection<HostTensor> tensors, DType dtype, Map<String, String> metadata) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> data = new HashMap<>();
        for (HostTensor t : tensors) {
            shapes.put(t.name(), t.shape());
            data.put(t.name(), t.data());
        }
        write(file, shapes, dtype, metadata, (name, shape) -> data.get(name));
    }

    /**
     * Writes tensors of the given names and shapes, in that order, asking {@code values} for each one's data as it is
     * written (and encoding it a chunk at a time).
     */
    public static void write(Path file, Map<String, int[]> shapes, DType dtype, Map<String, String> metadata,
                             TensorValues values) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, int[]> t : shapes.entrySet()) {
            ObjectNode e = header.putObject(t.getKey());
            e.put("dtype", dtype.name());
            var shape = e.putArray("shape");
            for (int d : t.getValue()) {
                shape.add(d);
            }
            long size = HostTensor.elements(t.getValue()) * dtype.bytes();
            e.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] headerBytes = padded(header.toString().getBytes(StandardCharsets.UTF_8));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerBytes.length);
            writeFully(ch, len);
            writeFully(ch, ByteBuffer.wrap(headerBytes));
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, int[]> t : shapes.entrySet()) {
                float[] data = values.values(t.getKey(), t.getValue());
                if (data == null || data.length != HostTensor.elements(t.getValue())) {
                    throw new IllegalArgumentException("tensor '" + t.getKey() + "' has " + (data == null ? "no" : data.length)
                            + " values for shape " + Arrays.toString(t.getValue()));
                }
                for (int from = 0; from < data.length; from += CHUNK) {
                    int n = Math.min(CHUNK, data.length - from);
                    chunk.clear();
                    dtype.encode(data, from, n, chunk);
                    chunk.limit(n * dtype.bytes());
                    writeFully(ch, chunk);
                }
            }
            ch.force(true);
        } catch (IOException e) {
            throw new CheckpointException("cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CheckpointException("cannot move " + tmp + " to " + file, e);
        }
    }

    /** Writes float32 tensors without metadata. */
    public static void write(Path file, List<HostTensor> tensors) {
        write(file, tensors, DType.F32, Map.of());
    }

    // The format pads the header with spaces so the data starts 8-byte aligned.
    private static byte[] padded(byte[] header) {
        int pad = (8 - header.length % 8) % 8;
        byte[] out = new byte[header.length + pad];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int i = header.length; i < out.length; i++) {
            out[i] = ' ';
        }
        return out;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
