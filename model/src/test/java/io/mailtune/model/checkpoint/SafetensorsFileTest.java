package io.mailtune.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsFileTest {

    // More values than the reader's 2^16- and the writer's 2^20-value buffers, so both cross chunk boundaries.
    private static final int ROWS = 1031;
    private static final int COLS = 1033;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DType.class)
    void tensorsLargerThanTheReadBufferKeepEveryValue(DType dtype) {
        float[] values = representable(dtype, ROWS * COLS);
        Path file = dir.resolve("big.safetensors");
        SafetensorsWriter.write(file, List.of(new HostTensor("w", new int[] {ROWS, COLS}, values),
                new HostTensor("tail", new int[] {3}, representable(dtype, 3))), dtype, Map.of());
        SafetensorsFile f = SafetensorsFile.open(file);

        float[] whole = new float[values.length];
        f.readInto("w", FloatBuffer.wrap(whole));
        assertArrayEquals(values, whole);

        ByteBuffer direct = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder());
        f.readInto("w", direct);
        assertEquals(direct.capacity(), direct.position());
        float[] fromDirect = new float[values.length];
        direct.flip().asFloatBuffer().get(fromDirect);
        assertArrayEquals(values, fromDirect);

        int first = (1 << 20) - 500;
        float[] window = new float[1000];
        f.readRange("w", first, window.length, FloatBuffer.wrap(window));
        assertArrayEquals(Arrays.copyOfRange(values, first, first + window.length), window);
    }

    // Random values the dtype holds exactly, so reading back must give them bit for bit.
    private static float[] representable(DType dtype, int n) {
        SplittableRandom r = new SplittableRandom(n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float x = (float) (r.nextDouble() * 4 - 2);
            out[i] = switch (dtype) {
                case F32 -> x;
                case F16 -> Float.float16ToFloat(Float.floatToFloat16(x));
                case BF16 -> Float.intBitsToFloat((DType.toBfloat16(x) & 0xFFFF) << 16);
            };
        }
        return out;
    }
}
