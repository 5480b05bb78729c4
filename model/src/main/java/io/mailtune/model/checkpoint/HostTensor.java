package io.mailtune.model.checkpoint;

import java.util.Arrays;

/**
 * A named float32 tensor in Java memory, row-major.
 *
 * @param name  tensor name as in the safetensors file
 * @param shape dimensions, outermost first
 * @param data  values, length = product of shape
 */
public record HostTensor(String name, int[] shape, float[] data) {

    /** Validates that the data fills the shape. */
    public HostTensor {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        long n = elements(shape);
        if (data == null || data.length != n) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape)
                    + " (" + n + " values) but " + (data == null ? "no" : data.length) + " values");
        }
    }

    /** Number of values a shape holds. */
    public static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    /** Whether this tensor has exactly the given shape. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }
}
