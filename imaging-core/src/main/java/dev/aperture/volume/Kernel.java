// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.Locale;

/**
 * Interpolation kernels. Voxel centres sit at integer coordinates; a kernel weights the voxels
 * around a sample point. All kernels but {@link #AREA} are interpolators of fixed support, meant
 * for enlarging or for resampling at similar spacing; when the output is coarser than the input
 * they sample without smoothing and can alias. {@link #AREA} averages the input over the output
 * voxel's footprint and does not alias when downscaling.
 */
public enum Kernel {
    /** Nearest voxel (ties round up), 1 tap per axis. */
    NEAREST(1),
    /** Trilinear (bilinear in 2-D), 2 taps per axis. */
    LINEAR(2),
    /** Catmull-Rom cubic convolution (Keys, a = -0.5), 4 taps per axis; interpolating, may overshoot. */
    CATMULL_ROM(4),
    /**
     * Cubic B-spline interpolation: the input is first prefiltered into B-spline coefficients
     * (Unser's recursive filter, mirror boundaries; one float copy of the input), then the cubic
     * B-spline is evaluated, 4 taps per axis. Interpolating, smooth (C2), may overshoot.
     */
    B_SPLINE(4),
    /** Lanczos windowed sinc, a = 3, 6 taps per axis, weights normalised to sum 1. */
    LANCZOS3(6),
    /**
     * Area averaging: the mean of the input over the output voxel's footprint (box of the output
     * spacing, in the input's axes), with fractional weights at the box edges. When enlarging the
     * footprint is one input voxel and the kernel equals {@link #LINEAR}.
     */
    AREA(-1);

    private final int taps;

    Kernel(int taps) {
        this.taps = taps;
    }

    /** Fixed number of taps per axis, or -1 when it depends on the scale ({@link #AREA}). */
    int taps() {
        return taps;
    }

    /**
     * Parses a kernel name as used by the {@code aperture} command line: {@code nearest},
     * {@code linear}, {@code cubic} (Catmull-Rom), {@code bspline}, {@code lanczos3}, {@code area},
     * or any constant name of this enum, case-insensitively.
     *
     * @param name the name
     * @return the kernel
     * @throws IllegalArgumentException if the name is not known
     */
    public static Kernel parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "nearest": return NEAREST;
            case "linear": case "trilinear": case "bilinear": return LINEAR;
            case "cubic": case "catmull-rom": case "catmull_rom": return CATMULL_ROM;
            case "bspline": case "b-spline": case "b_spline": return B_SPLINE;
            case "lanczos3": case "lanczos": return LANCZOS3;
            case "area": return AREA;
            default:
                throw new IllegalArgumentException("unknown kernel (nearest, linear, cubic, bspline, lanczos3, area)");
        }
    }
}
