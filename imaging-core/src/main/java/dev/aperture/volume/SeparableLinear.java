// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.concurrent.Executor;
import org.joml.Matrix4d;

/**
 * Trilinear resampling onto a grid whose axes are parallel to the source's (the target-to-source
 * affine is diagonal: a scale and a translation per axis, as for {@link VolumeGeometry#resampledGrid}
 * and isotropic grids), done as three 1-D passes.
 *
 * <p>Source x, y and z then depend only on the target's column, row and slice index, so each axis
 * gets a table, built once, of its two (clamped) source indices and fraction per target index.
 * For each source slice that an output slice reads, a <em>plane</em> is made once: the slice
 * resampled in-plane onto the target's columns and rows (a y blend of two source rows over the
 * columns the row needs, then an x interpolation through the column table). An output slice is
 * the z blend of its two planes, with the z weight constant over the slice. Consecutive output
 * slices share planes (a task keeps the last two), so when the target is finer along z than the
 * source each plane is made once per task and used several times. Per output voxel this is about
 * 2.6 multiply-adds for a 0.7 x 0.7 x 1.5 mm to 1 mm reslice, against about 7 for the row-wise
 * trilinear path.
 *
 * <p>The coordinates, the inside test and the edge clamping are those of {@link VolumeSampler}
 * (the same double expressions), so the result equals the general trilinear path up to the
 * rounding of the different order of the blends (a few ulps of a double, checked against it in
 * {@code ResamplerProperties}).
 */
final class SeparableLinear {
    /** Largest output slice for which planes are kept (two doubles planes per task: 32 MB at most). */
    static final int MAX_PLANE_VOXELS = 1 << 21;
    /** Chunks of slices per call: each chunk makes its first planes again, so keep them large. */
    private static final int MAX_CHUNKS = 32;

    private final short[] shorts;
    private final float[] floats;
    private final int mask;
    private final int snx;
    private final int snxy;
    private final Axis ax;
    private final Axis ay;
    private final Axis az;
    private final int xLo;
    private final int xHi;
    private final double outsideValue;

    /** Per-axis taps: source indices {@code i0 <= i1} (clamped into the axis), fraction, inside range. */
    private static final class Axis {
        final int[] i0;
        final int[] i1;
        final double[] f;
        /** Target indices {@code [lo, hi)} are inside along this axis (the coordinate is monotone in the index). */
        final int lo;
        final int hi;

        /**
         * Coordinate {@code p + t * d} for target index {@code t}, on a source axis of {@code n}
         * voxels: the expressions of {@link VolumeSampler#sampleRow} (there the coordinate is
         * {@code start + c * step} with the other terms of the start exactly zero).
         */
        Axis(double p, double d, int count, int n, boolean clamp, boolean alongRow) {
            i0 = new int[count];
            i1 = new int[count];
            f = new double[count];
            int first = count;
            int last = -1;
            double max = n - 1;
            for (int t = 0; t < count; t++) {
                double x = alongRow ? p + t * d : d * t + p;
                boolean inside = clamp || (x >= -0.5 && x <= n - 0.5);
                if (inside) {
                    first = Math.min(first, t);
                    last = t;
                }
                if (clamp || inside) {
                    if (clamp) {
                        x = x < 0 ? 0 : (x > max ? max : x);
                    }
                    if (n == 1) {
                        continue; // i0 = i1 = 0, f = 0: Taps gives the single voxel weight 1
                    }
                    int i = (int) Math.floor(x);
                    f[t] = x - i;
                    i0[t] = Taps.clamp(i, n);
                    i1[t] = Taps.clamp(i + 1, n);
                }
            }
            lo = first;
            hi = last + 1;
        }
    }

    /** Whether {@code m} (target index to source index) is a per-axis scale and translation. */
    static boolean applies(Matrix4d m, VolumeGeometry target) {
        return m.m01() == 0 && m.m02() == 0 && m.m10() == 0 && m.m12() == 0 && m.m20() == 0 && m.m21() == 0
                && (long) target.columns() * target.rows() <= MAX_PLANE_VOXELS;
    }

    SeparableLinear(Volume src, Matrix4d m, VolumeGeometry target, boolean clamp, double outsideValue) {
        VolumeGeometry g = src.geometry();
        snx = g.columns();
        snxy = snx * g.rows();
        if (src.type() == Volume.ValueType.FLOAT) {
            floats = src.floatArray();
            shorts = null;
            mask = 0;
        } else {
            shorts = src.shortArray();
            floats = null;
            mask = src.type() == Volume.ValueType.SIGNED_SHORT ? -1 : 0xFFFF;
        }
        this.outsideValue = outsideValue;
        // x varies along a destination row: x0 + c * dx with x0 = m30. y and z are the row start
        // m11 j + m21 k + m31 (m21 = 0) and m12 j + m22 k + m32 (m12 = 0), plus c * 0.
        ax = new Axis(m.m30(), m.m00(), target.columns(), g.columns(), clamp, true);
        ay = new Axis(m.m31(), m.m11(), target.rows(), g.rows(), clamp, false);
        az = new Axis(m.m32(), m.m22(), target.slices(), g.slices(), clamp, false);
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int t = ax.lo; t < ax.hi; t++) {
            lo = Math.min(lo, ax.i0[t]);
            hi = Math.max(hi, ax.i1[t]);
        }
        xLo = lo;
        xHi = hi;
    }

    /** Fills {@code destination} (its geometry is the target) on the executor, or inline when null. */
    void run(Volume destination, Executor executor) {
        if (shorts != null && destination.type() != Volume.ValueType.FLOAT && snx > 1) {
            new ShortPath(destination).run(executor);
            return;
        }
        VolumeGeometry t = destination.geometry();
        int nx = t.columns();
        int ny = t.rows();
        int nz = t.slices();
        // Buffers are handed from chunk to chunk (see Parallel); planes depend only on their source
        // slice, so a later chunk may use the planes an earlier one left.
        Parallel.run(executor, nz, MAX_CHUNKS, () -> new Task(destination, nx, snx, outsideValue), (from, to, task) -> {
            Resampler.RowStore store = task.store;
            double[] outside = task.outside;
            Rows line = task.rows;
            double[] planeA = task.planeA;
            double[] planeB = task.planeB;
            int sliceA = task.sliceA;
            int sliceB = task.sliceB;
            for (int k = from; k < to; k++) {
                int base = k * ny * nx;
                if (k < az.lo || k >= az.hi) {
                    for (int j = 0; j < ny; j++) {
                        store.store(outside, nx, base + j * nx);
                    }
                    continue;
                }
                int z0 = az.i0[k];
                int z1 = az.i1[k];
                double fz = az.f[k];
                // Planes z0 and z1 (only z0 when fz is 0): keep the one still needed, make the other.
                double[] p0;
                double[] p1 = null;
                if (z0 == sliceA) {
                    p0 = planeA;
                } else if (z0 == sliceB) {
                    p0 = planeB;
                } else {
                    if (sliceA == z1 && fz != 0) {
                        planeB = plane(z0, planeB, line, nx, ny);
                        sliceB = z0;
                        p0 = planeB;
                    } else {
                        planeA = plane(z0, planeA, line, nx, ny);
                        sliceA = z0;
                        p0 = planeA;
                    }
                }
                if (fz != 0) {
                    if (z1 == sliceA) {
                        p1 = planeA;
                    } else if (z1 == sliceB) {
                        p1 = planeB;
                    } else if (p0 == planeA) {
                        planeB = plane(z1, planeB, line, nx, ny);
                        sliceB = z1;
                        p1 = planeB;
                    } else {
                        planeA = plane(z1, planeA, line, nx, ny);
                        sliceA = z1;
                        p1 = planeA;
                    }
                }
                for (int j = 0; j < ny; j++) {
                    int d = base + j * nx;
                    if (j < ay.lo || j >= ay.hi || ax.lo >= ax.hi) {
                        store.store(outside, nx, d);
                        continue;
                    }
                    int o = j * nx;
                    if (p1 == null) {
                        store.blend(p0, p0, 0, o, ax.lo, ax.hi, outsideValue, nx, d);
                    } else {
                        store.blend(p0, p1, fz, o, ax.lo, ax.hi, outsideValue, nx, d);
                    }
                }
            }
            task.planeA = planeA;
            task.planeB = planeB;
            task.sliceA = sliceA;
            task.sliceB = sliceB;
        });
    }

    /** Buffers of one running chunk: the row store, an outside row, the row cache and two planes. */
    private static final class Task {
        final Resampler.RowStore store;
        final double[] outside;
        final Rows rows;
        double[] planeA;
        double[] planeB;
        int sliceA = -1;
        int sliceB = -1;

        Task(Volume destination, int nx, int snx, double outsideValue) {
            store = new Resampler.RowStore(destination);
            outside = new double[nx];
            java.util.Arrays.fill(outside, outsideValue);
            rows = new Rows(snx);
        }
    }

    /** Per-task buffers: two source rows widened to doubles (tagged by their index in the volume) and the y blend. */
    private static final class Rows {
        final double[] line;
        final double[][] row = new double[2][];
        final int[] tag = {-1, -1};

        Rows(int n) {
            line = new double[n];
            row[0] = new double[n];
            row[1] = new double[n];
        }
    }

    /**
     * Source row {@code r} (index of its first voxel / snx) widened to doubles over columns
     * {@code [lo, hi]}, from the two-row cache; {@code keep} is the other row still needed.
     */
    private double[] widened(Rows rs, int r, int keep, int lo, int hi) {
        if (rs.tag[0] == r) {
            return rs.row[0];
        }
        if (rs.tag[1] == r) {
            return rs.row[1];
        }
        int slot = rs.tag[0] == keep ? 1 : 0;
        double[] d = rs.row[slot];
        int a = r * snx;
        if (shorts != null) {
            final short[] v = shorts;
            final int m = mask;
            for (int i = lo; i <= hi; i++) {
                d[i] = v[a + i] & m;
            }
        } else {
            final float[] v = floats;
            for (int i = lo; i <= hi; i++) {
                d[i] = v[a + i];
            }
        }
        rs.tag[slot] = r;
        return d;
    }

    /**
     * Source slice {@code s} resampled onto the target's columns and rows (inside rows and columns
     * only; the rest of the plane is never read). Each source row is widened once per plane (JDK 17
     * does not vectorise the short-to-double conversion; the blends of double rows it does).
     */
    private double[] plane(int s, double[] buf, Rows rs, int nx, int ny) {
        double[] p = buf != null ? buf : new double[nx * ny];
        final int[] xi0 = ax.i0;
        final int[] xi1 = ax.i1;
        final double[] xf = ax.f;
        final int cLo = ax.lo;
        final int cHi = ax.hi;
        if (cLo >= cHi) {
            return p;
        }
        final int lo = xLo;
        final int hi = xHi;
        final double[] line = rs.line;
        rs.tag[0] = -1;
        rs.tag[1] = -1;
        int rowBase = s * (snxy / snx);
        for (int j = ay.lo; j < ay.hi; j++) {
            int ra = rowBase + ay.i0[j];
            int rb = rowBase + ay.i1[j];
            double[] a = widened(rs, ra, rb, lo, hi);
            double[] b = widened(rs, rb, ra, lo, hi);
            double fy = ay.f[j];
            // Blend the two rows over the columns [lo, hi] the x taps read (all in range: lo and hi
            // are clamped tap indices).
            for (int i = lo; i <= hi; i++) {
                double v0 = a[i];
                line[i] = v0 + fy * (b[i] - v0);
            }
            int o = j * nx;
            for (int c = cLo; c < cHi; c++) {
                double v0 = line[xi0[c]];
                p[o + c] = v0 + xf[c] * (line[xi1[c]] - v0);
            }
        }
        return p;
    }

    /**
     * Short source (of more than one column) to short destination, in floats. Per source slice an
     * output slice reads, a plane is made once, as in the double path, but x first: each source
     * row the y taps need is interpolated onto the target's columns straight from the shorts (one
     * scalar loop that converts and gathers, its two taps read as {@code v[q]} and {@code v[q + 1]}
     * from one index table), then pairs of those rows are blended along y over whole rows
     * (vectorised). An output slice is the z blend of two planes, rounded and clamped in the same
     * loop. Floats instead of doubles halve the memory traffic and double the vector lanes.
     *
     * <p>Precision: a float holds every 16-bit value exactly and each blend of two in-range floats
     * with a weight in [0, 1] errs by at most about 2^-24 of 65536 (0.004), so the three blends stay
     * far below the half unit that decides the rounding: a short result is the rounded exact value
     * or, for a value within about 0.01 of a half, its neighbour (the tests' one-unit tolerance).
     */
    private final class ShortPath {
        private final short[] dst;
        private final int nx;
        private final int ny;
        private final int nz;
        private final int[] px;
        private final float[] fx;
        private final float[] fy;
        private final float lo;
        private final short outside;
        /** Whether the destination has the source's type, so blends stay within its range. */
        private final boolean inRange;

        ShortPath(Volume destination) {
            VolumeGeometry t = destination.geometry();
            dst = destination.shortArray();
            nx = t.columns();
            ny = t.rows();
            nz = t.slices();
            boolean signed = destination.type() == Volume.ValueType.SIGNED_SHORT;
            inRange = signed == (mask == -1);
            int l = signed ? Short.MIN_VALUE : 0;
            lo = l;
            double o = outsideValue;
            o = o < l ? l : (o > l + 0xFFFF ? l + 0xFFFF : o);
            outside = (short) (int) Math.floor(o + 0.5);
            px = new int[nx];
            fx = new float[nx];
            for (int c = ax.lo; c < ax.hi; c++) {
                // Taps i0 <= i1 are either consecutive or (clamped at an edge) equal. Equal taps
                // become (i0, i0 + 1) with weight 0, or at the last column (i0 - 1, i0) with weight 1
                // (v0 + 1 * (v1 - v0) is v1 exactly for integer-valued floats); the run method sends
                // sources of one column to the double path, so i0 - 1 >= 0 there.
                int i0 = ax.i0[c];
                if (ax.i1[c] != i0) {
                    px[c] = i0;
                    fx[c] = (float) ax.f[c];
                } else if (i0 + 1 < snx) {
                    px[c] = i0;
                    fx[c] = 0f;
                } else {
                    px[c] = i0 - 1;
                    fx[c] = 1f;
                }
            }
            fy = new float[ny];
            for (int j = ay.lo; j < ay.hi; j++) {
                fy[j] = ay.i1[j] == ay.i0[j] ? 0f : (float) ay.f[j];
            }
        }

        void run(Executor executor) {
            Parallel.run(executor, nz, MAX_CHUNKS, () -> new FloatTask(nx, nx * ny), this::slices);
        }

        private void slices(int from, int to, FloatTask task) {
            final float[] planeA = task.planeA;
            final float[] planeB = task.planeB;
            int sliceA = task.sliceA;
            int sliceB = task.sliceB;
            final int n = nx;
            for (int k = from; k < to; k++) {
                int base = k * ny * n;
                if (k < az.lo || k >= az.hi || ay.lo >= ay.hi || ax.lo >= ax.hi) {
                    java.util.Arrays.fill(dst, base, base + ny * n, outside);
                    continue;
                }
                int z0 = az.i0[k];
                int z1 = az.i1[k];
                float fz = z0 == z1 ? 0f : (float) az.f[k];
                // Planes z0 and z1 (only z0 when fz is 0): keep the one still needed, make the other.
                float[] p0;
                float[] p1 = null;
                if (z0 == sliceA) {
                    p0 = planeA;
                } else if (z0 == sliceB) {
                    p0 = planeB;
                } else if (sliceA == z1 && fz != 0) {
                    plane(z0, planeB, task);
                    sliceB = z0;
                    p0 = planeB;
                } else {
                    plane(z0, planeA, task);
                    sliceA = z0;
                    p0 = planeA;
                }
                if (fz != 0) {
                    if (z1 == sliceA) {
                        p1 = planeA;
                    } else if (z1 == sliceB) {
                        p1 = planeB;
                    } else if (p0 == planeA) {
                        plane(z1, planeB, task);
                        sliceB = z1;
                        p1 = planeB;
                    } else {
                        plane(z1, planeA, task);
                        sliceA = z1;
                        p1 = planeA;
                    }
                }
                java.util.Arrays.fill(dst, base, base + ay.lo * n, outside);
                java.util.Arrays.fill(dst, base + ay.hi * n, base + ny * n, outside);
                for (int j = ay.lo; j < ay.hi; j++) {
                    zRow(p0, p1 == null ? p0 : p1, p1 == null ? 0f : fz, j * n, base + j * n);
                }
            }
            task.sliceA = sliceA;
            task.sliceB = sliceB;
        }

        /**
         * Output row at {@code d} from plane rows at {@code o}: {@code a + fz (b - a)} over the
         * inside columns, rounded half up and clamped; the outside value elsewhere.
         */
        private void zRow(float[] a, float[] b, float fz, int o, int d) {
            final short[] out = dst;
            final int cLo = ax.lo;
            final int cHi = ax.hi;
            // Shifted by -lo the value is >= 0 when in range, so the int conversion (which truncates)
            // floors it: floor(v + 0.5), round half up. Below the range it gives at most 0 (truncation
            // moves toward 0, and 0 is the clamp), above it the clamp; adding lo restores the units.
            final float shift = 0.5f - lo;
            final int l = (int) lo;
            java.util.Arrays.fill(out, d, d + cLo, outside);
            if (inRange) {
                // Same type in and out: every value is a convex blend of values of the type (plus a
                // float error far below 0.5), so v - lo + 0.5 lies in (0, span + 1) and needs no
                // clamp. Without the clamp a later C2 (JDK 25) vectorises the loop; JDK 17 does not.
                for (int c = cLo; c < cHi; c++) {
                    float v0 = a[o + c];
                    out[d + c] = (short) ((int) (v0 + fz * (b[o + c] - v0) + shift) + l);
                }
            } else {
                for (int c = cLo; c < cHi; c++) {
                    float v0 = a[o + c];
                    int q = (int) (v0 + fz * (b[o + c] - v0) + shift);
                    q = q < 0 ? 0 : (q > 0xFFFF ? 0xFFFF : q);
                    out[d + c] = (short) (q + l);
                }
            }
            java.util.Arrays.fill(out, d + cHi, d + nx, outside);
        }

        /**
         * Source slice {@code s} resampled onto the target's inside rows and columns, into {@code p}:
         * each source row is interpolated along x once, straight from the shorts (the gather and the
         * conversion in one scalar loop: fewer values than widening whole rows and gathering again),
         * then pairs of x rows are blended along y (a vectorised loop over whole rows).
         */
        private void plane(int s, float[] p, FloatTask task) {
            final int cLo = ax.lo;
            final int cHi = ax.hi;
            final float[] line = task.line;
            int rowBase = s * (snxy / snx);
            task.tag0 = -1;
            task.tag1 = -1;
            for (int j = ay.lo; j < ay.hi; j++) {
                int ra = rowBase + ay.i0[j];
                int rb = rowBase + ay.i1[j];
                float fj = fy[j];
                float[] a = xRow(task, ra, rb);
                int o = j * nx;
                if (fj == 0) {
                    System.arraycopy(a, cLo, p, o + cLo, cHi - cLo);
                    continue;
                }
                float[] b = xRow(task, rb, ra);
                // Into a row indexed like its inputs (C2 vectorises that), then copied into the plane.
                for (int c = cLo; c < cHi; c++) {
                    float v0 = a[c];
                    line[c] = v0 + fj * (b[c] - v0);
                }
                System.arraycopy(line, cLo, p, o + cLo, cHi - cLo);
            }
        }

        /** Source row {@code r} (index of its first voxel / snx) interpolated onto the target's columns, from the two-row cache. */
        private float[] xRow(FloatTask task, int r, int keep) {
            if (task.tag0 == r) {
                return task.row0;
            }
            if (task.tag1 == r) {
                return task.row1;
            }
            float[] d;
            if (task.tag0 == keep) {
                d = task.row1;
                task.tag1 = r;
            } else {
                d = task.row0;
                task.tag0 = r;
            }
            final short[] v = shorts;
            final int[] pc = px;
            final float[] f = fx;
            final int cHi = ax.hi;
            int a = r * snx;
            // px[c] + 1 < snx for every column (see the constructor): both taps lie in row r.
            if (mask == -1) {
                for (int c = ax.lo; c < cHi; c++) {
                    int q = a + pc[c];
                    float v0 = v[q];
                    d[c] = v0 + f[c] * (v[q + 1] - v0);
                }
            } else {
                for (int c = ax.lo; c < cHi; c++) {
                    int q = a + pc[c];
                    float v0 = v[q] & 0xFFFF;
                    d[c] = v0 + f[c] * ((v[q + 1] & 0xFFFF) - v0);
                }
            }
            return d;
        }
    }

    /**
     * Buffers of one running chunk of the short path: two planes, two x-interpolated source rows
     * and the y blend.
     */
    private static final class FloatTask {
        final float[] planeA;
        final float[] planeB;
        final float[] row0;
        final float[] row1;
        final float[] line;
        int sliceA = -1;
        int sliceB = -1;
        int tag0 = -1;
        int tag1 = -1;

        FloatTask(int rowLength, int planeLength) {
            planeA = new float[planeLength];
            planeB = new float[planeLength];
            row0 = new float[rowLength];
            row1 = new float[rowLength];
            line = new float[rowLength];
        }
    }
}
