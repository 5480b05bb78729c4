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
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes tensors as a safetensors file, atomically (a temporary file renamed into place). */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** Writes the tensors in the given order with the given element type and {@code __metadata__}. */
    public static void write(Path file, Collection<HostTensor> tensors, DType dtype, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (HostTensor t : tensors) {
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", dtype.name());
            var shape = e.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long size = (long) t.data().length * dtype.bytes();
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
            for (HostTensor t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(t.data().length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                dtype.encode(t.data(), data);
                writeFully(ch, data);
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
