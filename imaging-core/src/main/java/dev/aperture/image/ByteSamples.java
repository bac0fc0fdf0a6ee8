// SPDX-License-Identifier: Apache-2.0
package dev.aperture.image;

import java.util.Objects;

/**
 * {@code byte} samples: a window {@code [offset, offset + length)} onto a caller-owned array.
 *
 * <p>Wraps the array without copying (see {@link Samples}).
 *
 * @param array  the caller's array
 * @param offset index of the first sample
 * @param length number of samples
 */
public record ByteSamples(byte[] array, int offset, int length) implements Samples {
    /** Checks that the window lies inside the array. */
    public ByteSamples {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    @Override
    public ByteSamples window(int offset, int length) {
        return new ByteSamples(array, offset, length);
    }

    /** Wraps a whole array. */
    public static ByteSamples of(byte[] array) {
        return new ByteSamples(array, 0, array.length);
    }
}
