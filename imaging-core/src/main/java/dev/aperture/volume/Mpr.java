// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.Objects;
import org.joml.Vector3d;
import org.joml.Vector3dc;

/**
 * Plane grids for multiplanar reformatting: the standard axial, coronal and sagittal planes of
 * the patient system, and oblique planes, each sized to cover the whole volume. Sample them with
 * {@link Resampler#resample} (a plain plane) or {@link Resampler#slab} (MIP, MinIP, mean).
 *
 * <p>Display conventions (PS3.3 C.7.6.2.1.1, LPS): axial rows run to the patient's left (+x) and
 * columns to posterior (+y), seen from the feet; coronal rows to the left (+x), columns to
 * inferior (-z); sagittal rows to posterior (+y), columns to inferior (-z).
 *
 * <p>Stateless and thread-safe.
 */
public final class Mpr {
    /** Largest plane side, in pixels. */
    public static final int MAX_SIDE = 1 << 16;

    /** The standard patient planes. */
    public enum Orientation {
        /** Transverse plane, normal along +z (superior). */
        AXIAL(new Vector3d(1, 0, 0), new Vector3d(0, 1, 0)),
        /** Frontal plane, normal along +y (posterior). */
        CORONAL(new Vector3d(1, 0, 0), new Vector3d(0, 0, -1)),
        /** Median plane, normal along -x (right). */
        SAGITTAL(new Vector3d(0, 1, 0), new Vector3d(0, 0, -1));

        private final Vector3dc row;
        private final Vector3dc column;

        Orientation(Vector3dc row, Vector3dc column) {
            this.row = row;
            this.column = column;
        }

        /** Returns the direction in which the plane's column index grows. */
        public Vector3dc rowDirection() {
            return row;
        }

        /** Returns the direction in which the plane's row index grows. */
        public Vector3dc columnDirection() {
            return column;
        }
    }

    private Mpr() {
    }

    /**
     * Returns the patient position (mm) of the centre of the volume (midway between the first and
     * last voxel centres).
     *
     * @param volume the volume grid
     * @return the centre
     */
    public static Vector3dc center(VolumeGeometry volume) {
        return volume.indexToPatient((volume.columns() - 1) / 2.0, (volume.rows() - 1) / 2.0,
                (volume.slices() - 1) / 2.0, new Vector3d());
    }

    /**
     * A standard plane through the volume's centre, with square pixels of the volume's smallest
     * spacing.
     *
     * @param volume      the volume grid
     * @param orientation the plane
     * @return a one-slice grid covering the volume
     */
    public static VolumeGeometry plane(VolumeGeometry volume, Orientation orientation) {
        double s = Math.min(volume.spacingX(), Math.min(volume.spacingY(), volume.spacingZ()));
        return plane(volume, orientation, center(volume), s);
    }

    /**
     * A standard plane through a point.
     *
     * @param volume      the volume grid
     * @param orientation the plane
     * @param through     a patient position (mm) the plane passes through
     * @param spacingMm   pixel spacing of the plane, mm
     * @return a one-slice grid covering the volume's projection onto the plane
     */
    public static VolumeGeometry plane(VolumeGeometry volume, Orientation orientation, Vector3dc through,
                                       double spacingMm) {
        Objects.requireNonNull(orientation, "orientation");
        return obliquePlane(volume, through, orientation.rowDirection(), orientation.columnDirection(), spacingMm);
    }

    /**
     * An oblique plane through a point, spanned by two directions (the column direction is made
     * orthogonal to the row direction), covering the projection of the volume's voxel centres
     * onto the plane. The plane's slice direction is {@code row x column}.
     *
     * @param volume          the volume grid
     * @param through         a patient position (mm) the plane passes through
     * @param rowDirection    direction in which the plane's column index grows
     * @param columnDirection direction in which the plane's row index grows
     * @param spacingMm       pixel spacing of the plane, mm
     * @return a one-slice grid
     * @throws IllegalArgumentException if the directions are parallel or zero, the spacing is not
     *                                  positive, or a side would exceed {@link #MAX_SIDE}
     */
    public static VolumeGeometry obliquePlane(VolumeGeometry volume, Vector3dc through, Vector3dc rowDirection,
                                              Vector3dc columnDirection, double spacingMm) {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(through, "through");
        if (!(spacingMm > 0) || !Double.isFinite(spacingMm)) {
            throw new IllegalArgumentException("spacing must be finite and > 0");
        }
        Vector3d r = new Vector3d(rowDirection);
        if (!(r.length() > 1e-12) || !r.isFinite()) {
            throw new IllegalArgumentException("row direction must be finite and non-zero");
        }
        r.normalize();
        Vector3d c = new Vector3d(columnDirection);
        c.fma(-c.dot(r), r);
        if (!(c.length() > 1e-9) || !c.isFinite()) {
            throw new IllegalArgumentException("directions must not be parallel");
        }
        c.normalize();
        Vector3d n = r.cross(c, new Vector3d());
        double rMin = Double.POSITIVE_INFINITY;
        double rMax = Double.NEGATIVE_INFINITY;
        double cMin = Double.POSITIVE_INFINITY;
        double cMax = Double.NEGATIVE_INFINITY;
        Vector3d p = new Vector3d();
        for (int corner = 0; corner < 8; corner++) {
            volume.indexToPatient((corner & 1) == 0 ? 0 : volume.columns() - 1,
                    (corner & 2) == 0 ? 0 : volume.rows() - 1,
                    (corner & 4) == 0 ? 0 : volume.slices() - 1, p);
            p.sub(through);
            double a = p.dot(r);
            double b = p.dot(c);
            rMin = Math.min(rMin, a);
            rMax = Math.max(rMax, a);
            cMin = Math.min(cMin, b);
            cMax = Math.max(cMax, b);
        }
        double nc = Math.floor((rMax - rMin) / spacingMm + 1e-9) + 1;
        double nr = Math.floor((cMax - cMin) / spacingMm + 1e-9) + 1;
        if (nc > MAX_SIDE || nr > MAX_SIDE) {
            throw new IllegalArgumentException("plane larger than MAX_SIDE pixels; use a larger spacing");
        }
        Vector3d origin = new Vector3d(through).fma(rMin, r).fma(cMin, c);
        return VolumeGeometry.of(origin, r, c, n, spacingMm, spacingMm, spacingMm, (int) nc, (int) nr, 1);
    }
}
