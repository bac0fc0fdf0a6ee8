// SPDX-License-Identifier: Apache-2.0
package dev.aperture.image;

import java.util.Objects;

/**
 * {@code short} samples: a window {@code [offset, offset + length)} onto a caller-owned array.
 *
 * <p>Wraps the array without copying (see {@link Samples}).
 *
 * @param array  the caller's array
 * @param offset index of the first sample
 * @param length number of samples
 */
public record ShortSamples(short[] array, int offset, int length) implements Samples {
    /** Checks that the window lies inside the array. */
    public ShortSamples {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    @Override
    public ShortSamples window(int offset, int length) {
        return new ShortSamples(array, offset, length);
    }

    /** Wraps a whole array. */
    public static ShortSamples of(short[] array) {
        return new ShortSamples(array, 0, array.length);
    }
}
