// SPDX-License-Identifier: Apache-2.0
package dev.aperture.image;

import java.util.Objects;

/**
 * {@code double} samples: a window {@code [offset, offset + length)} onto a caller-owned array.
 *
 * <p>Wraps the array without copying (see {@link Samples}).
 *
 * @param array  the caller's array
 * @param offset index of the first sample
 * @param length number of samples
 */
public record DoubleSamples(double[] array, int offset, int length) implements Samples {
    /** Checks that the window lies inside the array. */
    public DoubleSamples {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    @Override
    public DoubleSamples window(int offset, int length) {
        return new DoubleSamples(array, offset, length);
    }

    /** Wraps a whole array. */
    public static DoubleSamples of(double[] array) {
        return new DoubleSamples(array, 0, array.length);
    }
}
