// SPDX-License-Identifier: Apache-2.0
package dev.aperture.image;

import java.util.Objects;

/**
 * {@code int} samples: a window {@code [offset, offset + length)} onto a caller-owned array.
 *
 * <p>Wraps the array without copying (see {@link Samples}).
 *
 * @param array  the caller's array
 * @param offset index of the first sample
 * @param length number of samples
 */
public record IntSamples(int[] array, int offset, int length) implements Samples {
    /** Checks that the window lies inside the array. */
    public IntSamples {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    @Override
    public IntSamples window(int offset, int length) {
        return new IntSamples(array, offset, length);
    }

    /** Wraps a whole array. */
    public static IntSamples of(int[] array) {
        return new IntSamples(array, 0, array.length);
    }
}
