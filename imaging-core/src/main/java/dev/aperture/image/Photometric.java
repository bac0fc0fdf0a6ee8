// SPDX-License-Identifier: Apache-2.0
package dev.aperture.image;

import java.util.Optional;

/**
 * Photometric Interpretation (0028,0004), PS3.3 C.7.6.3.1.2.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum Photometric {
    /** Greyscale, minimum sample value displayed white. */
    MONOCHROME1("MONOCHROME1", 1),
    /** Greyscale, minimum sample value displayed black. */
    MONOCHROME2("MONOCHROME2", 1),
    /** Indexes into the Red, Green and Blue Palette Color Lookup Tables. */
    PALETTE_COLOR("PALETTE COLOR", 1),
    /** Red, green, blue. */
    RGB("RGB", 3),
    /** Full-range luminance and chrominance (ITU-R BT.601 as in JFIF). */
    YBR_FULL("YBR_FULL", 3),
    /** YBR_FULL with chrominance subsampled horizontally by two. */
    YBR_FULL_422("YBR_FULL_422", 3),
    /** Partial-range YBR, chrominance subsampled horizontally (retired). */
    YBR_PARTIAL_422("YBR_PARTIAL_422", 3),
    /** Partial-range YBR, chrominance subsampled in both directions (MPEG). */
    YBR_PARTIAL_420("YBR_PARTIAL_420", 3),
    /** Irreversible colour transform of JPEG 2000. */
    YBR_ICT("YBR_ICT", 3),
    /** Reversible colour transform of JPEG 2000. */
    YBR_RCT("YBR_RCT", 3),
    /** Cyan, magenta, yellow, black (retired). */
    CMYK("CMYK", 4),
    /** Alpha-red-green-blue (retired). */
    ARGB("ARGB", 4);

    private final String code;
    private final int samplesPerPixel;

    Photometric(String code, int samplesPerPixel) {
        this.code = code;
        this.samplesPerPixel = samplesPerPixel;
    }

    /** Returns the defined term as written in the dataset, e.g. {@code "PALETTE COLOR"}. */
    public String code() {
        return code;
    }

    /** Returns the Samples per Pixel this interpretation implies. */
    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    /** Returns true for MONOCHROME1 and MONOCHROME2. */
    public boolean isMonochrome() {
        return this == MONOCHROME1 || this == MONOCHROME2;
    }

    /** Returns true for the YBR family. */
    public boolean isYbr() {
        return code.startsWith("YBR");
    }

    /**
     * Parses a defined term; surrounding spaces are ignored.
     *
     * @param value the value of (0028,0004)
     * @return the interpretation, or empty when the term is not defined
     */
    public static Optional<Photometric> of(String value) {
        String v = value.strip();
        for (Photometric p : values()) {
            if (p.code.equals(v)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
