// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import dev.aperture.volume.VolumeAssemblyException.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.joml.Matrix4d;
import org.joml.Vector3d;

/**
 * The slices of one series, sorted along the slice normal and checked to form a regular volume;
 * the plan from which a {@link Volume} is filled.
 *
 * <p>{@link #of(List)} sorts the slices by their position along the normal
 * {@code n = row direction x column direction} (so the file order does not matter) and rejects,
 * with a {@link VolumeAssemblyException}: mixed Rows, Columns or Pixel Spacing (relative difference
 * above 1e-4); mixed orientations (a direction cosine differing by more than 1e-3); duplicate
 * positions; gantry tilt, unless accepted with {@link #of(List, double, boolean)} (positions moving
 * sideways by more than the tolerance times the distance
 * along the normal, plus 1e-3 mm); and spacing that differs from the median spacing by more than
 * the tolerance (default {@link #DEFAULT_TOLERANCE}, 1 %), reported as missing slices when every odd
 * gap is a whole multiple of the median and as non-uniform spacing otherwise.
 *
 * <p>Immutable and thread-safe.
 */
public final class SliceStack {
    /** Default relative tolerance on slice spacing and sideways drift: 1 %. */
    public static final double DEFAULT_TOLERANCE = 0.01;

    private static final double ORIENTATION_TOLERANCE = 1e-3;
    private static final double SIZE_TOLERANCE = 1e-4;
    private static final double ABSOLUTE_DRIFT_MM = 1e-3;

    /**
     * Writes the stored values of one slice.
     */
    @FunctionalInterface
    public interface ShortLoader {
        /**
         * Writes {@code rows * columns} stored values of the slice into {@code dst} from
         * {@code offset}, x fastest.
         *
         * @param inputIndex the slice's index in the list given to {@link SliceStack#of(List)}
         * @param dst        the volume's array
         * @param offset     where the slice starts in {@code dst}
         * @throws IOException if the slice's bytes cannot be fetched
         */
        void load(int inputIndex, short[] dst, int offset) throws IOException;
    }

    /**
     * Writes the values (e.g. modality units, after that slice's Rescale Slope and Intercept) of
     * one slice.
     */
    @FunctionalInterface
    public interface FloatLoader {
        /**
         * Writes {@code rows * columns} values of the slice into {@code dst} from {@code offset}.
         *
         * @param inputIndex the slice's index in the list given to {@link SliceStack#of(List)}
         * @param dst        the volume's array
         * @param offset     where the slice starts in {@code dst}
         * @throws IOException if the slice's bytes cannot be fetched
         */
        void load(int inputIndex, float[] dst, int offset) throws IOException;
    }

    private final VolumeGeometry geometry;
    private final int[] order;
    private final double[] spacings;

    private SliceStack(VolumeGeometry geometry, int[] order, double[] spacings) {
        this.geometry = geometry;
        this.order = order;
        this.spacings = spacings;
    }

    /**
     * Sorts and checks slices with {@link #DEFAULT_TOLERANCE}.
     *
     * @param slices the slices, in any order
     * @return the plan
     * @throws VolumeAssemblyException if the slices do not form a regular volume
     */
    public static SliceStack of(List<SliceInfo> slices) {
        return of(slices, DEFAULT_TOLERANCE);
    }

    /**
     * Sorts and checks slices.
     *
     * @param slices    the slices, in any order
     * @param tolerance relative tolerance on spacing and sideways drift, in [0, 0.5)
     * @return the plan
     * @throws VolumeAssemblyException if the slices do not form a regular volume
     */
    public static SliceStack of(List<SliceInfo> slices, double tolerance) {
        return of(slices, tolerance, false);
    }

    /**
     * Sorts and checks slices, optionally accepting a gantry/detector tilt.
     *
     * <p>With {@code acceptTilt}, slices whose positions move sideways as they advance along the
     * normal (a CT series acquired with a tilted gantry) form a volume on a sheared grid: the
     * geometry's third column is the actual step from one slice position to the next, so the
     * index-to-patient affine is exact for every voxel (not orthogonal; see
     * {@link VolumeGeometry#tiltDegrees()}). The sideways move must be the same for every slice
     * (each position within the tolerance times the median spacing, plus 1e-3 mm, of the line
     * through the first and last), otherwise the problem is
     * {@link Problem#INCONSISTENT_TILT}. Resample it onto {@link VolumeGeometry#untiltedGrid} to
     * correct the tilt. A drift within the tolerance (the same test that rejects a tilt without
     * {@code acceptTilt}) counts as no tilt: the grid is then orthogonal, exactly as without it.
     *
     * @param slices     the slices, in any order
     * @param tolerance  relative tolerance on spacing and sideways drift, in [0, 0.5)
     * @param acceptTilt accept a uniform sideways step (sheared grid) instead of rejecting it
     * @return the plan
     * @throws VolumeAssemblyException if the slices do not form a regular volume
     */
    public static SliceStack of(List<SliceInfo> slices, double tolerance, boolean acceptTilt) {
        Objects.requireNonNull(slices, "slices");
        if (!(tolerance >= 0 && tolerance < 0.5)) {
            throw new IllegalArgumentException("tolerance must be in [0, 0.5)");
        }
        int n = slices.size();
        if (n == 0) {
            throw new VolumeAssemblyException(Problem.NO_SLICES, "no slices", -1, new double[0]);
        }
        SliceInfo first = Objects.requireNonNull(slices.get(0), "slice");
        for (int i = 1; i < n; i++) {
            SliceInfo s = Objects.requireNonNull(slices.get(i), "slice");
            if (s.rows() != first.rows() || s.columns() != first.columns()
                    || relDiff(s.spacing(0), first.spacing(0)) > SIZE_TOLERANCE
                    || relDiff(s.spacing(1), first.spacing(1)) > SIZE_TOLERANCE) {
                throw new VolumeAssemblyException(Problem.MIXED_SIZES,
                        "slices differ in rows, columns or pixel spacing", i, new double[0]);
            }
            for (int c = 0; c < 6; c++) {
                if (Math.abs(s.iop(c) - first.iop(c)) > ORIENTATION_TOLERANCE) {
                    throw new VolumeAssemblyException(Problem.MIXED_ORIENTATIONS,
                            "slices differ in image orientation", i, new double[0]);
                }
            }
        }
        Vector3d row = new Vector3d(first.iop(0), first.iop(1), first.iop(2)).normalize();
        Vector3d col = new Vector3d(first.iop(3), first.iop(4), first.iop(5)).normalize();
        Vector3d normal = row.cross(col, new Vector3d()).normalize();

        double[] d = new double[n];
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            SliceInfo s = slices.get(i);
            d[i] = normal.x * s.ipp(0) + normal.y * s.ipp(1) + normal.z * s.ipp(2);
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(d[a], d[b]));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        double[] spacings = new double[Math.max(0, n - 1)];
        for (int k = 0; k + 1 < n; k++) {
            spacings[k] = d[order[k + 1]] - d[order[k]];
        }
        double spacingZ;
        boolean tilted = false;
        if (n == 1) {
            spacingZ = first.sliceThickness() > 0 ? first.sliceThickness() : 1.0;
        } else {
            checkSpacing(spacings, order, tolerance, d[order[n - 1]] - d[order[0]]);
            spacingZ = (d[order[n - 1]] - d[order[0]]) / (n - 1);
            if (!drifts(slices, order, normal, d, tolerance)) {
                tilted = false;
            } else if (!acceptTilt) {
                throw new VolumeAssemblyException(Problem.GANTRY_TILT,
                        "slice positions are not along the slice normal (gantry tilt)", firstDrifting(slices, order,
                        normal, d, tolerance), new double[0]);
            } else {
                checkUniformTilt(slices, order, d, tolerance, spacings);
                tilted = true;
            }
        }
        SliceInfo s0 = slices.get(order[0]);
        Vector3d origin = new Vector3d(s0.ipp(0), s0.ipp(1), s0.ipp(2));
        VolumeGeometry g;
        if (tilted) {
            SliceInfo sl = slices.get(order[n - 1]);
            double k = 1.0 / (n - 1);
            Matrix4d m = new Matrix4d(
                    row.x * first.spacing(1), row.y * first.spacing(1), row.z * first.spacing(1), 0,
                    col.x * first.spacing(0), col.y * first.spacing(0), col.z * first.spacing(0), 0,
                    (sl.ipp(0) - s0.ipp(0)) * k, (sl.ipp(1) - s0.ipp(1)) * k, (sl.ipp(2) - s0.ipp(2)) * k, 0,
                    origin.x, origin.y, origin.z, 1);
            g = VolumeGeometry.ofAffine(m, first.columns(), first.rows(), n);
        } else {
            g = VolumeGeometry.of(origin, row, col, normal, first.spacing(1), first.spacing(0),
                    spacingZ, first.columns(), first.rows(), n);
        }
        return new SliceStack(g, order, spacings);
    }

    /** Whether some slice moves sideways beyond the tolerance (see {@link #lateral}). */
    private static boolean drifts(List<SliceInfo> slices, int[] order, Vector3d normal, double[] d, double tol) {
        return firstDrifting(slices, order, normal, d, tol) >= 0;
    }

    /** The input index of the first slice (volume order) that moves sideways, or -1. */
    private static int firstDrifting(List<SliceInfo> slices, int[] order, Vector3d normal, double[] d, double tol) {
        SliceInfo s0 = slices.get(order[0]);
        for (int k = 1; k < order.length; k++) {
            double along = d[order[k]] - d[order[0]];
            if (lateral(slices.get(order[k]), s0, normal, along) > tol * Math.abs(along) + ABSOLUTE_DRIFT_MM) {
                return order[k];
            }
        }
        return -1;
    }

    /** The length of the part of {@code s - s0} that is not along {@code normal}. */
    private static double lateral(SliceInfo s, SliceInfo s0, Vector3d normal, double along) {
        double lx = s.ipp(0) - s0.ipp(0) - along * normal.x;
        double ly = s.ipp(1) - s0.ipp(1) - along * normal.y;
        double lz = s.ipp(2) - s0.ipp(2) - along * normal.z;
        return Math.sqrt(lx * lx + ly * ly + lz * lz);
    }

    /**
     * Checks that every position lies on the line through the first and last (a uniform shear):
     * position k must be within tolerance times the median spacing (plus 1e-3 mm) of where the
     * line crosses its slice plane.
     */
    private static void checkUniformTilt(List<SliceInfo> slices, int[] order, double[] d, double tol,
                                         double[] spacings) {
        int n = order.length;
        SliceInfo s0 = slices.get(order[0]);
        SliceInfo sl = slices.get(order[n - 1]);
        double extent = d[order[n - 1]] - d[order[0]];
        double[] sorted = spacings.clone();
        Arrays.sort(sorted);
        double allowed = tol * sorted[sorted.length / 2] + ABSOLUTE_DRIFT_MM;
        for (int k = 1; k + 1 < n; k++) {
            SliceInfo s = slices.get(order[k]);
            double f = (d[order[k]] - d[order[0]]) / extent;
            double ex = s.ipp(0) - (s0.ipp(0) + f * (sl.ipp(0) - s0.ipp(0)));
            double ey = s.ipp(1) - (s0.ipp(1) + f * (sl.ipp(1) - s0.ipp(1)));
            double ez = s.ipp(2) - (s0.ipp(2) + f * (sl.ipp(2) - s0.ipp(2)));
            if (Math.sqrt(ex * ex + ey * ey + ez * ez) > allowed) {
                throw new VolumeAssemblyException(Problem.INCONSISTENT_TILT,
                        "slice positions do not lie on one straight line (not a uniform tilt)", order[k], new double[0]);
            }
        }
    }

    private static void checkSpacing(double[] s, int[] order, double tol, double extent) {
        int m = s.length;
        double nominal = extent / m;
        for (int k = 0; k < m; k++) {
            if (!(s[k] > tol * nominal) || !(s[k] > 1e-6)) {
                throw new VolumeAssemblyException(Problem.DUPLICATE_POSITIONS,
                        "two slices share a position along the normal", order[k + 1], s);
            }
        }
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        double median = sorted[m / 2];
        boolean missing = false;
        int firstBad = -1;
        for (int k = 0; k < m; k++) {
            if (Math.abs(s[k] - median) <= tol * median + 1e-6) {
                continue;
            }
            double q = s[k] / median;
            double r = Math.rint(q);
            if (r >= 2 && Math.abs(q - r) <= tol * r) {
                missing = true;
                if (firstBad < 0) {
                    firstBad = k;
                }
            } else {
                throw new VolumeAssemblyException(Problem.NON_UNIFORM_SPACING,
                        "slice spacing is not uniform within the tolerance", order[k + 1], s);
            }
        }
        if (missing) {
            throw new VolumeAssemblyException(Problem.MISSING_SLICES,
                    "slices are missing: a gap is a whole multiple of the spacing", order[firstBad + 1], s);
        }
    }

    private static double relDiff(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    /** Returns the grid of the volume: origin at the first sorted slice, z along the normal. */
    public VolumeGeometry geometry() {
        return geometry;
    }

    /**
     * Returns true when the slices were accepted with a gantry tilt: the geometry is sheared
     * ({@link VolumeGeometry#isTilted()}).
     */
    public boolean tilted() {
        return geometry.isTilted();
    }

    /** Returns the number of slices. */
    public int size() {
        return order.length;
    }

    /**
     * Returns the input index of each slice in volume order: {@code order()[z]} is the index, in
     * the list given to {@link #of(List)}, of the slice that becomes slice {@code z}.
     */
    public int[] order() {
        return order.clone();
    }

    /**
     * Checks the In-Stack Position Numbers (0020,9057) of the slices against their geometric
     * order (PS3.3 C.7.6.16.2.2.4: the ordinal of each frame in its stack): when any slice has
     * one, every slice must have one, the values must be 1..N (N slices) without repeats, and
     * they must follow the sorted positions along the normal in one direction, 1 at one end and N
     * at the other. Nothing is checked when no slice has one.
     *
     * @param numbers one per slice, in the order of the list given to {@link #of(List)}; a
     *                negative value means the slice has none
     * @throws VolumeAssemblyException ({@link Problem#IN_STACK_POSITIONS}) naming the first
     *                                 offending slice (its input index) if they disagree
     * @throws IllegalArgumentException if there is not one number per slice
     */
    public void checkInStackPositions(long[] numbers) {
        Objects.requireNonNull(numbers, "numbers");
        int n = order.length;
        if (numbers.length != n) {
            throw new IllegalArgumentException("one In-Stack Position Number per slice needed");
        }
        int present = 0;
        for (long v : numbers) {
            present += v >= 0 ? 1 : 0;
        }
        if (present == 0) {
            return;
        }
        // Volume order, so that the frame named is the first along the normal.
        boolean[] seen = new boolean[n + 1];
        for (int z = 0; z < n; z++) {
            int i = order[z];
            long v = numbers[i];
            if (v < 0) {
                throw new VolumeAssemblyException(Problem.IN_STACK_POSITIONS,
                        "In-Stack Position Number missing on some frames of the stack", i, new double[0]);
            }
            if (v < 1 || v > n) {
                throw new VolumeAssemblyException(Problem.IN_STACK_POSITIONS,
                        "In-Stack Position Number outside 1..N (N frames in the stack)", i, new double[0]);
            }
            if (seen[(int) v]) {
                throw new VolumeAssemblyException(Problem.IN_STACK_POSITIONS,
                        "two frames of the stack have the same In-Stack Position Number", i, new double[0]);
            }
            seen[(int) v] = true;
        }
        // Now a permutation of 1..N: it must be z + 1 (ascending along the normal) or N - z.
        boolean ascending = numbers[order[0]] == 1;
        if (!ascending && numbers[order[0]] != n) {
            throw new VolumeAssemblyException(Problem.IN_STACK_POSITIONS,
                    "In-Stack Position Numbers 1 and N are not at the ends of the stack", order[0], new double[0]);
        }
        for (int z = 0; z < n; z++) {
            long want = ascending ? z + 1 : n - z;
            if (numbers[order[z]] != want) {
                throw new VolumeAssemblyException(Problem.IN_STACK_POSITIONS,
                        "In-Stack Position Numbers do not follow the slice positions along the normal", order[z],
                        new double[0]);
            }
        }
    }

    /** Returns the distances (mm) between neighbouring slices in volume order. */
    public double[] spacings() {
        return spacings.clone();
    }

    /**
     * Allocates a short volume and fills it slice by slice through {@code loader}, in volume
     * order.
     *
     * @param signed whether the stored values are signed
     * @param loader writes each slice
     * @return the volume
     * @throws IOException if the loader does
     * @throws dev.aperture.imaging.LimitExceededException if the volume exceeds {@link Volume#MAX_VOXELS}
     */
    public Volume loadShorts(boolean signed, ShortLoader loader) throws IOException {
        Objects.requireNonNull(loader, "loader");
        Volume v = Volume.allocate(geometry, signed ? Volume.ValueType.SIGNED_SHORT : Volume.ValueType.UNSIGNED_SHORT);
        short[] a = v.shortArray();
        int size = geometry.columns() * geometry.rows();
        for (int z = 0; z < order.length; z++) {
            loader.load(order[z], a, z * size);
        }
        return v;
    }

    /**
     * Allocates a float volume and fills it slice by slice through {@code loader}, in volume
     * order.
     *
     * @param loader writes each slice
     * @return the volume
     * @throws IOException if the loader does
     * @throws dev.aperture.imaging.LimitExceededException if the volume exceeds {@link Volume#MAX_VOXELS}
     */
    public Volume loadFloats(FloatLoader loader) throws IOException {
        Objects.requireNonNull(loader, "loader");
        Volume v = Volume.allocate(geometry, Volume.ValueType.FLOAT);
        float[] a = v.floatArray();
        int size = geometry.columns() * geometry.rows();
        for (int z = 0; z < order.length; z++) {
            loader.load(order[z], a, z * size);
        }
        return v;
    }

    /**
     * Builds a short volume from one array per slice, given in input order (copied).
     *
     * @param slicePixels one array of {@code rows * columns} values per input slice
     * @param signed      whether the stored values are signed
     * @return the volume
     * @throws IllegalArgumentException if the count or a length does not match
     */
    public Volume assembleShorts(List<short[]> slicePixels, boolean signed) {
        int size = geometry.columns() * geometry.rows();
        checkPixels(slicePixels, size);
        List<short[]> copy = new ArrayList<>(slicePixels);
        try {
            return loadShorts(signed, (i, dst, off) -> System.arraycopy(copy.get(i), 0, dst, off, size));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Builds a float volume from one array per slice, given in input order (copied).
     *
     * @param slicePixels one array of {@code rows * columns} values per input slice
     * @return the volume
     * @throws IllegalArgumentException if the count or a length does not match
     */
    public Volume assembleFloats(List<float[]> slicePixels) {
        int size = geometry.columns() * geometry.rows();
        checkPixels(slicePixels, size);
        List<float[]> copy = new ArrayList<>(slicePixels);
        try {
            return loadFloats((i, dst, off) -> System.arraycopy(copy.get(i), 0, dst, off, size));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void checkPixels(List<?> pixels, int size) {
        Objects.requireNonNull(pixels, "slicePixels");
        if (pixels.size() != order.length) {
            throw new IllegalArgumentException("one pixel array per slice is required");
        }
        for (Object o : pixels) {
            int len = o instanceof short[] s ? s.length : ((float[]) Objects.requireNonNull(o, "pixels")).length;
            if (len != size) {
                throw new IllegalArgumentException("each pixel array must hold rows * columns values");
            }
        }
    }
}
