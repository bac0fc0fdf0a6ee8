// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import dev.aperture.imaging.ApertureException;

/**
 * The slices of a series do not form a regular volume. {@link #problem()} says why and
 * {@link #frame()} names the first offending slice (its index in the caller's input order) when
 * one applies; for spacing problems {@link #spacings()} lists the distances between neighbouring
 * slices after sorting, which the message also shows (geometry, not patient data).
 *
 * <p>Immutable and thread-safe.
 */
public final class VolumeAssemblyException extends ApertureException {
    private static final long serialVersionUID = 1L;

    /** What breaks the volume. */
    public enum Problem {
        /** No slices were given. */
        NO_SLICES,
        /** Slices have different Rows, Columns or Pixel Spacing. */
        MIXED_SIZES,
        /** Slices have different Image Orientation (Patient). */
        MIXED_ORIENTATIONS,
        /** Two or more slices share a position along the slice normal. */
        DUPLICATE_POSITIONS,
        /** Slice positions move sideways, not only along the normal (gantry tilt or shear). */
        GANTRY_TILT,
        /** Slice positions move sideways by amounts that do not fit one tilt (shear). */
        INCONSISTENT_TILT,
        /** The spacing is uniform except for gaps that are whole multiples of it. */
        MISSING_SLICES,
        /** The spacing between slices varies beyond the tolerance. */
        NON_UNIFORM_SPACING,
        /**
         * The In-Stack Position Numbers (0020,9057) of an enhanced object's stack disagree with the
         * slice positions: missing on some frames, outside 1..N, repeated, or not in the order of
         * the positions along the normal (see {@link SliceStack#checkInStackPositions(long[])}).
         */
        IN_STACK_POSITIONS
    }

    private final Problem problem;
    private final double[] spacings;

    VolumeAssemblyException(Problem problem, String reason, int frame, double[] spacings) {
        this(problem, reason + (spacings.length > 0 ? "; spacings (mm) " + list(spacings) : ""), frame, spacings,
                null);
    }

    private VolumeAssemblyException(Problem problem, String message, int frame, double[] spacings, Throwable cause) {
        super(message, -1, NO_TAG, frame, cause);
        this.problem = problem;
        this.spacings = spacings.clone();
    }

    /**
     * Returns the same problem naming another input: for a caller that built the stack from a
     * subset of its inputs (one stack of an enhanced object) and maps the index back.
     *
     * @param frame the caller's index of the offending input
     * @return a new exception with this one as its cause
     */
    public VolumeAssemblyException atFrame(int frame) {
        return new VolumeAssemblyException(problem, reason(), frame, spacings, this);
    }

    private static String list(double[] s) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < s.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(String.format(java.util.Locale.ROOT, "%.4g", s[i]));
        }
        return sb.append(']').toString();
    }

    /** Returns what breaks the volume. */
    public Problem problem() {
        return problem;
    }

    /** Returns a copy of the distances (mm) between neighbouring sorted slices, or an empty array. */
    public double[] spacings() {
        return spacings.clone();
    }
}
