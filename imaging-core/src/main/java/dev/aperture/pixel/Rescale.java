// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

/**
 * The linear Modality LUT of PS3.3 C.11.1: output = stored value * Rescale Slope (0028,1053) +
 * Rescale Intercept (0028,1052), in modality units (Hounsfield units for CT).
 *
 * <p>Immutable and thread-safe.
 *
 * @param slope     Rescale Slope, finite and non-zero
 * @param intercept Rescale Intercept, finite
 */
public record Rescale(double slope, double intercept) {

    /** Slope 1, intercept 0. */
    public static final Rescale IDENTITY = new Rescale(1, 0);

    /** Validates the values. */
    public Rescale {
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("slope must be finite and non-zero, intercept finite");
        }
    }

    /**
     * Applies the rescale.
     *
     * @param stored a stored value
     * @return the value in modality units
     */
    public double apply(double stored) {
        return stored * slope + intercept;
    }
}
