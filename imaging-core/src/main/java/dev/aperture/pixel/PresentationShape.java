// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

/**
 * Presentation LUT Shape (2050,0020), PS3.3 C.11.6: whether the last stage inverts the grey
 * scale.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum PresentationShape {
    /** Output as it comes from the VOI stage (the default for MONOCHROME2). */
    IDENTITY,
    /** Output inverted, {@code yMax - y} (the default for MONOCHROME1). */
    INVERSE
}
