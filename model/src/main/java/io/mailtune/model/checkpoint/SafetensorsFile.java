package io.mailtune.model.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One safetensors file, read tensor by tensor with 64-bit offsets (DJL's reader stops at 2 GB), so a large
 * checkpoint never sits in memory twice.
 */
public final class SafetensorsFile {

    /** Where one tensor lies in the file. */
    public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;
    private static final int CHUNK = 1 << 16;

    private final Path path;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;
    // Reused by every read, so streaming a checkpoint makes no garbage (which would grow the heap as it loads).
    private ByteBuffer chunkBytes;
    private float[] chunkValues;

    private SafetensorsFile(Path path, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
        this.path = path;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Reads the header of a safetensors file. */
    public static SafetensorsFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLength = len.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength + 8 > ch.size()) {
                throw new CheckpointException(path + " is not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(ch, header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            long dataSize = ch.size() - dataStart;
            Map<String, Entry> entries = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("__metadata__")) {
                    f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                entries.put(f.getKey(), entry(path, f.getKey(), f.getValue(), dataSize));
            }
            return new SafetensorsFile(path, dataStart, Collections.unmodifiableMap(entries),
                    Collections.unmodifiableMap(metadata));
        } catch (IOException e) {
            throw new CheckpointException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
        }
    }

    private static Entry entry(Path path, String name, JsonNode n, long dataSize) {
        DType dtype = DType.of(n.path("dtype").asText(), name);
        JsonNode s = n.path("shape");
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).asInt();
        }
        long begin = n.path("data_offsets").path(0).asLong(-1);
        long end = n.path("data_offsets").path(1).asLong(-1);
        long expected = HostTensor.elements(shape) * dtype.bytes();
        if (begin < 0 || end - begin != expected || end > dataSize) {
            throw new CheckpointException("tensor '" + name + "' in " + path + " has offsets [" + begin + ", " + end
                    + ") that do not hold its shape " + Arrays.toString(shape) + " of " + dtype);
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** The file this was read from. */
    public Path path() {
        return path;
    }

    /** Tensor entries by name, in header order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} map (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Reads one tensor, widened to float32. */
    public HostTensor read(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new CheckpointException("tensor '" + name + "' is missing from " + path);
        }
        long bytes = e.end() - e.begin();
        if (bytes > Integer.MAX_VALUE) {
            throw new CheckpointException("tensor '" + name + "' is larger than 2 GiB");
        }
        float[] out = new float[(int) (bytes / e.dtype().bytes())];
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, buf, dataStart + e.begin());
            buf.flip();
            e.dtype().decode(buf, out);
        } catch (IOException ex) {
            throw new CheckpointException("cannot read tensor '" + name + "' from " + path, ex);
        }
        return new HostTensor(name, e.shape().clone(), out);
    }

    /**
     * Reads one tensor as native-order float32 into {@code dst} at its position, advancing it; F32 data goes
     * straight from the file into {@code dst}, so a direct buffer can become a device array without another copy.
     */
    public void readInto(String name, ByteBuffer dst) {
        Entry e = entry(name);
        int count = count(e);
        if (dst.remaining() < count * 4L) {
            throw new IllegalArgumentException("buffer too small for tensor '" + name + "'");
        }
        if (e.dtype() == DType.F32 && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                readFully(ch, dst.slice(dst.position(), count * 4), dataStart + e.begin());
            } catch (IOException ex) {
                throw new CheckpointException("cannot read tensor '" + name + "' from " + path, ex);
            }
        } else {
            readRange(name, 0, count, dst.slice(dst.position(), count * 4).order(ByteOrder.nativeOrder()).asFloatBuffer());
        }
        dst.position(dst.position() + count * 4);
    }

    /** Reads one tensor widened to float32 into {@code dst} at its position, advancing it (see {@link #readRange}). */
    public void readInto(String name, FloatBuffer dst) {
        readRange(name, 0, count(entry(name)), dst);
    }

    /**
     * Reads values {@code [first, first + count)} of one tensor (row-major) widened to float32 into {@code dst} at its
     * position, advancing it. The file is streamed through one buffer of {@value #CHUNK} values that every read
     * reuses, so widening a BF16 or F16 tensor never holds a copy of the whole tensor beside its destination.
     */
    public synchronized void readRange(String name, long first, int count, FloatBuffer dst) {
        Entry e = entry(name);
        if (first < 0 || first + count > count(e)) {
            throw new IllegalArgumentException("values [" + first + ", " + (first + count) + ") are outside tensor '"
                    + name + "' of " + count(e));
        }
        if (dst.remaining() < count) {
            throw new IllegalArgumentException("buffer too small for " + count + " values of tensor '" + name + "'");
        }
        if (chunkValues == null) {
            chunkBytes = ByteBuffer.allocate(CHUNK * 4).order(ByteOrder.LITTLE_ENDIAN);
            chunkValues = new float[CHUNK];
        }
        int per = e.dtype().bytes();
        long at = dataStart + e.begin() + first * per;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            for (int done = 0; done < count; ) {
                int n = Math.min(CHUNK, count - done);
                chunkBytes.clear().limit(n * per);
                readFully(ch, chunkBytes, at);
                chunkBytes.flip();
                e.dtype().decode(chunkBytes, chunkValues, n);
                dst.put(chunkValues, 0, n);
                at += (long) n * per;
                done += n;
            }
        } catch (IOException ex) {
            throw new CheckpointException("cannot read tensor '" + name + "' from " + path, ex);
        }
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new CheckpointException("tensor '" + name + "' is missing from " + path);
        }
        return e;
    }

    private static int count(Entry e) {
        long values = (e.end() - e.begin()) / e.dtype().bytes();
        if (values * 4 > Integer.MAX_VALUE) {
            throw new CheckpointException("tensor '" + e.name() + "' is larger than 2 GiB as float32");
        }
        return (int) values;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + pos);
            }
            pos += n;
        }
    }
}
