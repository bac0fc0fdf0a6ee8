// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import java.util.Optional;

/**
 * VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum VoiFunction {
    /** The default: C.11.2.1.2.1, with the half-unit offsets of the original definition. */
    LINEAR,
    /** C.11.2.1.3.2: a window exactly from {@code center - width/2} to {@code center + width/2}. */
    LINEAR_EXACT,
    /** C.11.2.1.3.1: a logistic curve through the center. */
    SIGMOID;

    /**
     * Parses a defined term; surrounding spaces are ignored.
     *
     * @param value the value of (0028,1056)
     * @return the function, or empty when the term is not defined
     */
    public static Optional<VoiFunction> of(String value) {
        String v = value.strip();
        for (VoiFunction f : values()) {
            if (f.name().equals(v)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
