// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

/**
 * What a sample outside the input gives. A point is outside when any of its voxel coordinates lies
 * beyond the outer faces of the edge voxels ({@code x < -0.5} or {@code x > n - 0.5}).
 * With {@link #constant(double)} such points take the value; with {@link #clamp()} they are moved to
 * the nearest point of the box spanned by the edge voxel centres and interpolated there (the edge
 * is extended). Inside points whose kernel reaches past the edge always use the edge voxel
 * (mirrored for {@link Kernel#B_SPLINE}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param clamped whether outside points are clamped to the volume (else they take {@code value})
 * @param value the value for outside points, in the output's units, when not clamping
 */
public record Outside(boolean clamped, double value) {
    /** Checks the value is not NaN when it is used. */
    public Outside {
        if (!clamped && Double.isNaN(value)) {
            throw new IllegalArgumentException("outside value must not be NaN");
        }
    }

    /**
     * Outside points take a constant.
     *
     * @param value the value, in the output's units
     * @return the policy
     */
    public static Outside constant(double value) {
        return new Outside(false, value);
    }

    /**
     * Outside points take the value at the nearest point of the volume.
     *
     * @return the policy
     */
    public static Outside clamp() {
        return new Outside(true, 0);
    }
}
