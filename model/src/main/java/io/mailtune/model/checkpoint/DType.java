package io.mailtune.model.checkpoint;

import java.nio.ByteBuffer;

/** The safetensors element types the runtime reads and writes; all are widened to float32 in Java. */
public enum DType {
    /** IEEE float32. */
    F32(4),
    /** IEEE float16. */
    F16(2),
    /** bfloat16, the upper half of a float32 (converted in Java: PyTorch via DJL aborts on BF16 arrays). */
    BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type for a safetensors dtype string, or an error naming the tensor and the type. */
    public static DType of(String name, String tensor) {
        return switch (name) {
            case "F32" -> F32;
            case "F16" -> F16;
            case "BF16" -> BF16;
            default -> throw new CheckpointException("tensor '" + tensor + "' has unsupported dtype " + name
                    + "; supported: F32, F16, BF16");
        };
    }

    /** Reads {@code out.length} little-endian values of this type from the buffer as floats. */
    void decode(ByteBuffer in, float[] out) {
        decode(in, out, out.length);
    }

    /** Reads {@code count} little-endian values of this type from the start of the buffer into {@code out[0..count)}. */
    void decode(ByteBuffer in, float[] out, int count) {
        switch (this) {
            case F32 -> in.asFloatBuffer().get(out, 0, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float.float16ToFloat(in.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((in.getShort(i * 2) & 0xFFFF) << 16);
                }
            }
        }
    }

    /** Writes {@code in[from, from + count)} as little-endian values of this type from the start of {@code out}. */
    void encode(float[] in, int from, int count, ByteBuffer out) {
        switch (this) {
            case F32 -> out.asFloatBuffer().put(in, from, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out.putShort(i * 2, Float.floatToFloat16(in[from + i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out.putShort(i * 2, toBfloat16(in[from + i]));
                }
            }
        }
    }

    /** Rounds a float to the nearest bfloat16 (ties to even), NaN kept NaN. */
    public static short toBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
