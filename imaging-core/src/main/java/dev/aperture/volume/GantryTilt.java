// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Gantry/detector tilt correction ("de-tilt"): resamples a volume held on a sheared grid (built
 * with {@link SliceStack#of(java.util.List, double, boolean)} from a tilted CT series) onto the
 * orthogonal grid of {@link VolumeGeometry#untiltedGrid(boolean)}, so that the slice direction is
 * the normal of the image planes. Vendors differ here: dcm2niix corrects by resampling each slice,
 * ITK keeps an orthogonal direction and warns; Aperture keeps the exact sheared affine and corrects
 * only when asked.
 *
 * <p>Every in-plane row of a tilted volume is moved sideways by a different amount per slice, so
 * the correction interpolates within each slice plane (the slice planes of both grids are the
 * same when their spacings match): trilinear by default, any {@link Resampler} on request.
 *
 * <p>Stateless and thread-safe.
 */
public final class GantryTilt {
    private GantryTilt() {
    }

    /**
     * Corrects with trilinear interpolation on the calling thread; points of the new grid outside
     * the sheared volume take the smallest value of the volume (air, for CT).
     *
     * @param tilted   the volume on its sheared grid (an orthogonal one is resampled too)
     * @param coverAll grow the grid to hold the whole volume (see {@link VolumeGeometry#untiltedGrid})
     * @return a new volume of the same value type on the orthogonal grid
     */
    public static Volume correct(Volume tilted, boolean coverAll) {
        Objects.requireNonNull(tilted, "tilted");
        Resampler r = Resampler.of(Kernel.LINEAR).withOutside(Outside.constant(minimum(tilted)));
        return r.resample(tilted, tilted.geometry().untiltedGrid(coverAll));
    }

    /**
     * Corrects with a caller-chosen resampler (kernel and outside policy), splitting the work on
     * {@code executor}.
     *
     * @param tilted    the volume on its sheared grid
     * @param coverAll  grow the grid to hold the whole volume
     * @param resampler the kernel and outside policy
     * @param executor  runs the chunks
     * @return a new volume of the same value type on the orthogonal grid
     */
    public static Volume correct(Volume tilted, boolean coverAll, Resampler resampler, Executor executor) {
        Objects.requireNonNull(tilted, "tilted");
        Objects.requireNonNull(resampler, "resampler");
        Objects.requireNonNull(executor, "executor");
        return resampler.resample(tilted, tilted.geometry().untiltedGrid(coverAll), executor);
    }

    /** The smallest value of a volume, in its units (unsigned shorts as 0..65535). */
    static double minimum(Volume v) {
        double min;
        switch (v.type()) {
            case FLOAT -> {
                float m = Float.POSITIVE_INFINITY;
                for (float f : v.floatArray()) {
                    m = Math.min(m, f);
                }
                min = m;
            }
            case SIGNED_SHORT -> {
                int m = Integer.MAX_VALUE;
                for (short s : v.shortArray()) {
                    m = Math.min(m, s);
                }
                min = m;
            }
            default -> {
                int m = Integer.MAX_VALUE;
                for (short s : v.shortArray()) {
                    m = Math.min(m, s & 0xFFFF);
                }
                min = m;
            }
        }
        return Double.isNaN(min) ? 0 : min;
    }
}
