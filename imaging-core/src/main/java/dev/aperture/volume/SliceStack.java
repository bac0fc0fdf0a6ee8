// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import dev.aperture.volume.VolumeAssemblyException.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.joml.Vector3d;

/**
 * The slices of one series, sorted along the slice normal and checked to form a regular volume;
 * the plan from which a {@link Volume} is filled.
 *
 * <p>{@link #of(List)} sorts the slices by their position along the normal
 * {@code n = row direction x column direction} (so the file order does not matter) and rejects,
 * with a {@link VolumeAssemblyException}: mixed Rows, Columns or Pixel Spacing (relative difference
 * above 1e-4); mixed orientations (a direction cosine differing by more than 1e-3); duplicate
 * positions; gantry tilt (positions moving sideways by more than the tolerance times the distance
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
        if (n == 1) {
            spacingZ = first.sliceThickness() > 0 ? first.sliceThickness() : 1.0;
        } else {
            checkSpacing(spacings, order, tolerance, d[order[n - 1]] - d[order[0]]);
            checkDrift(slices, order, normal, d, tolerance, spacings);
            spacingZ = (d[order[n - 1]] - d[order[0]]) / (n - 1);
        }
        SliceInfo s0 = slices.get(order[0]);
        Vector3d origin = new Vector3d(s0.ipp(0), s0.ipp(1), s0.ipp(2));
        VolumeGeometry g = VolumeGeometry.of(origin, row, col, normal, first.spacing(1), first.spacing(0),
                spacingZ, first.columns(), first.rows(), n);
        return new SliceStack(g, order, spacings);
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

    private static void checkDrift(List<SliceInfo> slices, int[] order, Vector3d normal, double[] d, double tol,
                                   double[] spacings) {
        SliceInfo s0 = slices.get(order[0]);
        for (int k = 1; k < order.length; k++) {
            SliceInfo s = slices.get(order[k]);
            double dx = s.ipp(0) - s0.ipp(0);
            double dy = s.ipp(1) - s0.ipp(1);
            double dz = s.ipp(2) - s0.ipp(2);
            double along = d[order[k]] - d[order[0]];
            double lx = dx - along * normal.x;
            double ly = dy - along * normal.y;
            double lz = dz - along * normal.z;
            double lateral = Math.sqrt(lx * lx + ly * ly + lz * lz);
            if (lateral > tol * Math.abs(along) + ABSOLUTE_DRIFT_MM) {
                throw new VolumeAssemblyException(Problem.GANTRY_TILT,
                        "slice positions are not along the slice normal (gantry tilt)", order[k], new double[0]);
            }
        }
    }

    private static double relDiff(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    /** Returns the grid of the volume: origin at the first sorted slice, z along the normal. */
    public VolumeGeometry geometry() {
        return geometry;
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
