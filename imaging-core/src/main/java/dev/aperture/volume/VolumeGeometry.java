// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.Objects;
import org.joml.Matrix4d;
import org.joml.Matrix4dc;
import org.joml.Vector3d;
import org.joml.Vector3dc;

/**
 * The grid of a volume: its size in voxels and the affine that maps a voxel index
 * {@code (x, y, z)} (column, row, slice; voxel centres at integers) to patient coordinates in
 * millimetres, in the DICOM patient system LPS (PS3.3 C.7.6.2.1.1).
 *
 * <p>For a grid built from direction cosines: {@code P(x, y, z) = origin + x * spacingX * rowDirection
 * + y * spacingY * columnDirection + z * spacingZ * sliceDirection}, where {@code rowDirection} is
 * the first triplet of Image Orientation (Patient) (the direction in which the column index grows),
 * {@code columnDirection} the second, {@code spacingX} the second value of Pixel Spacing and
 * {@code spacingY} the first. A general affine (sheared, as for a gantry tilt) is allowed too.
 *
 * <p>Immutable and thread-safe. The matrices are held privately; the accessors hand out read-only
 * {@link Matrix4dc} views of copies, and JOML objects passed in are copied.
 */
public final class VolumeGeometry {
    /** Matrix entries closer than this to an integer are snapped to it when composing grids. */
    static final double SNAP = 1e-10;

    private final Matrix4d indexToPatient;
    private final Matrix4d patientToIndex;
    private final int columns;
    private final int rows;
    private final int slices;

    private VolumeGeometry(Matrix4d indexToPatient, int columns, int rows, int slices) {
        this.indexToPatient = indexToPatient;
        this.patientToIndex = indexToPatient.invertAffine(new Matrix4d());
        this.columns = columns;
        this.rows = rows;
        this.slices = slices;
    }

    /**
     * Builds a grid from an origin, three direction cosines, three spacings and three sizes.
     *
     * @param origin          patient position (mm) of the centre of voxel (0, 0, 0)
     * @param rowDirection    direction in which the column index x grows; normalised here
     * @param columnDirection direction in which the row index y grows; normalised here
     * @param sliceDirection  direction in which the slice index z grows; normalised here
     * @param spacingX        distance between columns, mm, &gt; 0
     * @param spacingY        distance between rows, mm, &gt; 0
     * @param spacingZ        distance between slices, mm, &gt; 0
     * @param columns         number of columns, &ge; 1
     * @param rows            number of rows, &ge; 1
     * @param slices          number of slices, &ge; 1
     * @return the grid
     * @throws IllegalArgumentException if a size or spacing is not positive, a value is not finite,
     *                                  or the directions are degenerate (zero or coplanar)
     */
    public static VolumeGeometry of(Vector3dc origin, Vector3dc rowDirection, Vector3dc columnDirection,
                                    Vector3dc sliceDirection, double spacingX, double spacingY, double spacingZ,
                                    int columns, int rows, int slices) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(rowDirection, "rowDirection");
        Objects.requireNonNull(columnDirection, "columnDirection");
        Objects.requireNonNull(sliceDirection, "sliceDirection");
        checkSpacing(spacingX);
        checkSpacing(spacingY);
        checkSpacing(spacingZ);
        Vector3d r = unit(rowDirection, "rowDirection");
        Vector3d c = unit(columnDirection, "columnDirection");
        Vector3d s = unit(sliceDirection, "sliceDirection");
        checkFinite(origin, "origin");
        Matrix4d m = new Matrix4d(
                r.x * spacingX, r.y * spacingX, r.z * spacingX, 0,
                c.x * spacingY, c.y * spacingY, c.z * spacingY, 0,
                s.x * spacingZ, s.y * spacingZ, s.z * spacingZ, 0,
                origin.x(), origin.y(), origin.z(), 1);
        return ofAffine(m, columns, rows, slices);
    }

    /**
     * Builds a grid from an index-to-patient affine (copied).
     *
     * @param indexToPatient the affine; its last row must be (0, 0, 0, 1) and it must be invertible
     * @param columns        number of columns, &ge; 1
     * @param rows           number of rows, &ge; 1
     * @param slices         number of slices, &ge; 1
     * @return the grid
     * @throws IllegalArgumentException if the matrix is not a finite invertible affine or a size is
     *                                  not positive
     */
    public static VolumeGeometry ofAffine(Matrix4dc indexToPatient, int columns, int rows, int slices) {
        Objects.requireNonNull(indexToPatient, "indexToPatient");
        if (columns < 1 || rows < 1 || slices < 1) {
            throw new IllegalArgumentException("columns, rows and slices must be >= 1");
        }
        Matrix4d m = new Matrix4d(indexToPatient);
        if (!m.isFinite()) {
            throw new IllegalArgumentException("indexToPatient must be finite");
        }
        if (m.m03() != 0 || m.m13() != 0 || m.m23() != 0 || m.m33() != 1) {
            throw new IllegalArgumentException("indexToPatient must be affine (last row 0, 0, 0, 1)");
        }
        double scale = Math.max(m.getColumn(0, new Vector3d()).length(),
                Math.max(m.getColumn(1, new Vector3d()).length(), m.getColumn(2, new Vector3d()).length()));
        double det = m.determinant3x3();
        if (!(Math.abs(det) > 1e-12 * scale * scale * scale) || scale == 0) {
            throw new IllegalArgumentException("indexToPatient must be invertible");
        }
        m.determineProperties();
        return new VolumeGeometry(m, columns, rows, slices);
    }

    /** Returns a read-only view of a copy of the voxel-index to patient (LPS, mm) affine. */
    public Matrix4dc indexToPatient() {
        return new Matrix4d(indexToPatient);
    }

    /** Returns a read-only view of a copy of the patient (LPS, mm) to voxel-index affine. */
    public Matrix4dc patientToIndex() {
        return new Matrix4d(patientToIndex);
    }

    /**
     * Maps a (fractional) voxel index to patient coordinates.
     *
     * @param x    column index
     * @param y    row index
     * @param z    slice index
     * @param dest receives the patient position, mm
     * @return {@code dest}
     */
    public Vector3d indexToPatient(double x, double y, double z, Vector3d dest) {
        return indexToPatient.transformPosition(x, y, z, dest);
    }

    /**
     * Maps a patient position to a (fractional) voxel index.
     *
     * @param patient patient position, mm
     * @param dest    receives (x, y, z) voxel index
     * @return {@code dest}
     */
    public Vector3d patientToIndex(Vector3dc patient, Vector3d dest) {
        return patientToIndex.transformPosition(patient, dest);
    }

    /** Returns the number of columns (size along x). */
    public int columns() {
        return columns;
    }

    /** Returns the number of rows (size along y). */
    public int rows() {
        return rows;
    }

    /** Returns the number of slices (size along z). */
    public int slices() {
        return slices;
    }

    /** Returns {@code columns * rows * slices}. */
    public long voxelCount() {
        return (long) columns * rows * slices;
    }

    /** Returns the patient position (mm) of the centre of voxel (0, 0, 0). */
    public Vector3dc origin() {
        return indexToPatient.getTranslation(new Vector3d());
    }

    /** Returns the unit direction in which the column index x grows. */
    public Vector3dc rowDirection() {
        return indexToPatient.getColumn(0, new Vector3d()).normalize();
    }

    /** Returns the unit direction in which the row index y grows. */
    public Vector3dc columnDirection() {
        return indexToPatient.getColumn(1, new Vector3d()).normalize();
    }

    /** Returns the unit direction in which the slice index z grows. */
    public Vector3dc sliceDirection() {
        return indexToPatient.getColumn(2, new Vector3d()).normalize();
    }

    /** Returns the distance between the centres of neighbouring columns, mm. */
    public double spacingX() {
        return indexToPatient.getColumn(0, new Vector3d()).length();
    }

    /** Returns the distance between the centres of neighbouring rows, mm. */
    public double spacingY() {
        return indexToPatient.getColumn(1, new Vector3d()).length();
    }

    /** Returns the distance between the centres of neighbouring slices, mm. */
    public double spacingZ() {
        return indexToPatient.getColumn(2, new Vector3d()).length();
    }

    /**
     * Returns Image Position (Patient) (0020,0032) of slice {@code z}: the patient position (mm) of
     * the centre of its first voxel, for writing the slice as a single-frame image.
     *
     * @param z the slice index, in {@code [0, slices)}
     * @return x, y, z in mm
     * @throws IndexOutOfBoundsException if {@code z} is outside the grid
     */
    public double[] imagePositionPatient(int z) {
        Objects.checkIndex(z, slices);
        Vector3d p = indexToPatient(0, 0, z, new Vector3d());
        return new double[] {p.x, p.y, p.z};
    }

    /**
     * Returns Image Orientation (Patient) (0020,0037): the row direction, then the column direction
     * (unit vectors).
     *
     * @return six direction cosines
     */
    public double[] imageOrientationPatient() {
        Vector3dc r = rowDirection();
        Vector3dc c = columnDirection();
        return new double[] {r.x(), r.y(), r.z(), c.x(), c.y(), c.z()};
    }

    /**
     * Returns Pixel Spacing (0028,0030) in its DICOM order: the distance between rows
     * ({@link #spacingY()}), then between columns ({@link #spacingX()}), mm.
     *
     * @return two spacings
     */
    public double[] pixelSpacing() {
        return new double[] {spacingY(), spacingX()};
    }

    /**
     * Returns the grid of {@code aperture resample}: the same origin (centre of the first voxel) and
     * directions, the given spacings, and along each axis
     * {@code n_out = floor((n_in - 1) * spacing_in / spacing_out) + 1}, so that the new grid covers
     * the input's extent from the first to the last voxel centre. A floor argument within 1e-9 of
     * an integer counts as that integer, so that exact ratios are not lost to rounding.
     *
     * @param spacingX new column spacing, mm
     * @param spacingY new row spacing, mm
     * @param spacingZ new slice spacing, mm
     * @return the new grid
     * @throws IllegalArgumentException if a spacing is not finite and positive
     */
    public VolumeGeometry resampledGrid(double spacingX, double spacingY, double spacingZ) {
        checkSpacing(spacingX);
        checkSpacing(spacingY);
        checkSpacing(spacingZ);
        int nx = gridCount(columns, spacingX(), spacingX);
        int ny = gridCount(rows, spacingY(), spacingY);
        int nz = gridCount(slices, spacingZ(), spacingZ);
        return of(origin(), rowDirection(), columnDirection(), sliceDirection(), spacingX, spacingY, spacingZ,
                nx, ny, nz);
    }

    /**
     * Returns {@link #resampledGrid(double, double, double)} with one spacing on all axes.
     *
     * @param spacing the new spacing, mm
     * @return the new grid
     */
    public VolumeGeometry isotropic(double spacing) {
        return resampledGrid(spacing, spacing, spacing);
    }

    /**
     * Returns the unit normal of the plane of the rows and columns ({@code rowDirection x
     * columnDirection}), turned to the side towards which the slice index grows. For an orthogonal
     * grid it is {@link #sliceDirection()}; for a sheared one (gantry tilt) it is not.
     *
     * @return the slice-plane normal
     */
    public Vector3dc planeNormal() {
        Vector3d r = indexToPatient.getColumn(0, new Vector3d());
        Vector3d c = indexToPatient.getColumn(1, new Vector3d());
        Vector3d n = r.cross(c).normalize();
        Vector3d s = indexToPatient.getColumn(2, new Vector3d());
        return n.dot(s) < 0 ? n.negate() : n;
    }

    /**
     * Returns the distance between neighbouring slice planes, measured along
     * {@link #planeNormal()}, mm: {@link #spacingZ()} for an orthogonal grid, less for a sheared
     * one. This is what Spacing Between Slices (0018,0088) means.
     *
     * @return the slice-plane spacing, mm
     */
    public double planeSpacing() {
        return Math.abs(indexToPatient.getColumn(2, new Vector3d()).dot(planeNormal()));
    }

    /**
     * Returns the angle, in degrees, between the step from one slice to the next and the normal of
     * the slice planes: 0 for an orthogonal grid, the gantry/detector tilt for a sheared grid
     * built from a tilted CT series. Always in [0, 90).
     *
     * @return the tilt, degrees
     */
    public double tiltDegrees() {
        Vector3d s = indexToPatient.getColumn(2, new Vector3d());
        Vector3dc n = planeNormal();
        double along = Math.abs(s.dot(n));
        double sideways = s.fma(-s.dot(n), n).length(); // the part of the step in the slice plane
        return Math.toDegrees(Math.atan2(sideways, along));
    }

    /**
     * Returns true when the slice step is not perpendicular to the slice planes: the angle
     * {@link #tiltDegrees()} exceeds 1e-6 degrees.
     *
     * @return whether the grid is sheared along the slices
     */
    public boolean isTilted() {
        return tiltDegrees() > 1e-6;
    }

    /**
     * Returns an orthogonal grid for a tilted (sheared) one, the target of a gantry-tilt
     * correction: the same row and column directions and spacings, slices along
     * {@link #planeNormal()} at {@link #planeSpacing()}. With {@code coverAll} the grid is the
     * smallest one on those axes that holds every voxel centre of this grid (it grows in the
     * direction of the shear); without it the grid has this grid's size and the same centre, as
     * dcm2niix's correction does (the corners the shear moved out are lost, the ones it moved in
     * lie outside the source). For an orthogonal grid with {@code coverAll == false} the result
     * equals this grid up to rounding.
     *
     * @param coverAll grow the grid to cover the whole sheared volume
     * @return the orthogonal grid
     * @throws IllegalArgumentException if the row and column directions are not orthogonal
     */
    public VolumeGeometry untiltedGrid(boolean coverAll) {
        Vector3d r = rowDirection().normalize(new Vector3d());
        Vector3d c = columnDirection().normalize(new Vector3d());
        if (Math.abs(r.dot(c)) > 1e-6) {
            throw new IllegalArgumentException("row and column directions must be orthogonal");
        }
        Vector3d n = new Vector3d(planeNormal());
        double sx = spacingX();
        double sy = spacingY();
        double sz = planeSpacing();
        Vector3d o = indexToPatient.getTranslation(new Vector3d());
        if (!coverAll) {
            Vector3d centre = indexToPatient((columns - 1) / 2.0, (rows - 1) / 2.0, (slices - 1) / 2.0, new Vector3d());
            Vector3d origin = new Vector3d(centre)
                    .fma(-(columns - 1) / 2.0 * sx, r)
                    .fma(-(rows - 1) / 2.0 * sy, c)
                    .fma(-(slices - 1) / 2.0 * sz, n);
            return of(origin, r, c, n, sx, sy, sz, columns, rows, slices);
        }
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        Vector3d p = new Vector3d();
        for (int corner = 0; corner < 8; corner++) {
            indexToPatient((corner & 1) * (columns - 1), ((corner >> 1) & 1) * (rows - 1),
                    ((corner >> 2) & 1) * (slices - 1), p).sub(o);
            double[] t = {p.dot(r), p.dot(c), p.dot(n)};
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], t[a]);
                hi[a] = Math.max(hi[a], t[a]);
            }
        }
        Vector3d origin = new Vector3d(o).fma(lo[0], r).fma(lo[1], c).fma(lo[2], n);
        return of(origin, r, c, n, sx, sy, sz, coverCount(hi[0] - lo[0], sx), coverCount(hi[1] - lo[1], sy),
                coverCount(hi[2] - lo[2], sz));
    }

    /** The number of points at {@code spacing} from 0 that reach {@code extent} (1e-9 slack). */
    private static int coverCount(double extent, double spacing) {
        double q = Math.ceil(extent / spacing - 1e-9);
        if (q + 1 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid too large");
        }
        return (int) Math.max(0, q) + 1;
    }

    static int gridCount(int nIn, double spacingIn, double spacingOut) {
        double q = (nIn - 1) * spacingIn / spacingOut;
        double f = Math.floor(q + 1e-9);
        if (f + 1 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled grid too large");
        }
        return (int) f + 1;
    }

    /**
     * Returns the affine that maps a voxel index of {@code target} to a voxel index of this grid,
     * entries within {@link #SNAP} of an integer snapped to it (so the identity is exact).
     */
    Matrix4d targetToIndex(VolumeGeometry target) {
        Matrix4d m = new Matrix4d(patientToIndex).mul(target.indexToPatient);
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 3; r++) {
                double v = m.get(c, r);
                double rv = Math.rint(v);
                if (Math.abs(v - rv) < SNAP) {
                    m.set(c, r, rv);
                }
            }
        }
        return m;
    }

    /** Raw access for package code that must not allocate. */
    Matrix4d rawIndexToPatient() {
        return indexToPatient;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeGeometry g && g.columns == columns && g.rows == rows && g.slices == slices
                && g.indexToPatient.equals(indexToPatient);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows, slices, indexToPatient);
    }

    @Override
    public String toString() {
        return "VolumeGeometry[" + columns + "x" + rows + "x" + slices + ", spacing " + spacingX() + ", "
                + spacingY() + ", " + spacingZ() + " mm]";
    }

    private static void checkSpacing(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("spacing must be finite and > 0");
        }
    }

    private static void checkFinite(Vector3dc v, String name) {
        if (!v.isFinite()) {
            throw new IllegalArgumentException(name + " must be finite");
        }
    }

    private static Vector3d unit(Vector3dc v, String name) {
        checkFinite(v, name);
        double len = v.length();
        if (!(len > 1e-12)) {
            throw new IllegalArgumentException(name + " must not be zero");
        }
        return new Vector3d(v).div(len);
    }
}
