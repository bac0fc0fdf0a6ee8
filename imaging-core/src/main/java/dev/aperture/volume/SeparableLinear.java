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
        // The short path's y planes hold the source columns the x taps read per target row.
        long planeFloats = (long) (xHi - xLo + 1) * destination.geometry().rows();
        if (shorts != null && destination.type() != Volume.ValueType.FLOAT && planeFloats <= 2L * MAX_PLANE_VOXELS) {
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
     * Short source to short destination, in floats, passes in the order y, z, x. Per source slice
     * an output slice reads, a <em>y plane</em> is made once: the target's rows, each the y blend of
     * two source rows (widened to floats once) over the source columns the x taps read. An output
     * row is then the z blend of two y plane rows (a float loop over whole rows that C2 vectorises;
     * skipped when the z weight is 0), followed by the x interpolation through the column table,
     * rounded half up and clamped into the destination, in the same scalar loop (JDK 17 converts
     * float to int one value at a time, so the conversion rides along with the gather it cannot
     * avoid). Against the double path: no double planes (half the memory traffic, twice the lanes),
     * one fewer pass over the output, and the x gather done once per output voxel instead of once per
     * plane voxel and again in the z blend.
     *
     * <p>Precision: a float holds every 16-bit value exactly and each blend of two in-range floats
     * with a weight in [0, 1] errs by at most about 2^-24 of 65536 (0.004), so three blends stay far
     * below the half unit that decides the rounding: a short result is the rounded exact value or,
     * for a value within a few thousandths of a half, its neighbour (the tests' one-unit tolerance).
     */
    private final class ShortPath {
        private final short[] dst;
        private final int nx;
        private final int ny;
        private final int nz;
        /** Columns of the source a y plane row holds: {@code [xLo, xHi]}. */
        private final int width;
        private final int[] cx0;
        private final int[] cx1;
        private final float[] fx;
        private final float[] fy;
        private final float lo;
        private final int span;
        private final short outside;

        ShortPath(Volume destination) {
            VolumeGeometry t = destination.geometry();
            dst = destination.shortArray();
            nx = t.columns();
            ny = t.rows();
            nz = t.slices();
            boolean signed = destination.type() == Volume.ValueType.SIGNED_SHORT;
            int l = signed ? Short.MIN_VALUE : 0;
            lo = l;
            span = 0xFFFF;
            double o = outsideValue;
            o = o < l ? l : (o > l + 0xFFFF ? l + 0xFFFF : o);
            outside = (short) (int) Math.floor(o + 0.5);
            width = ax.lo < ax.hi ? xHi - xLo + 1 : 0;
            cx0 = new int[nx];
            cx1 = new int[nx];
            fx = new float[nx];
            for (int c = ax.lo; c < ax.hi; c++) {
                cx0[c] = ax.i0[c] - xLo;
                cx1[c] = ax.i1[c] - xLo;
                fx[c] = (float) ax.f[c];
            }
            fy = new float[ny];
            for (int j = ay.lo; j < ay.hi; j++) {
                fy[j] = (float) ay.f[j];
            }
        }

        void run(Executor executor) {
            Parallel.run(executor, nz, MAX_CHUNKS, () -> new FloatTask(width, ny), this::slices);
        }

        private void slices(int from, int to, FloatTask task) {
            final int rowLength = nx;
            final float[] planeA = task.planeA;
            final float[] planeB = task.planeB;
            int sliceA = task.sliceA;
            int sliceB = task.sliceB;
            for (int k = from; k < to; k++) {
                int base = k * ny * rowLength;
                if (k < az.lo || k >= az.hi || ay.lo >= ay.hi || width == 0) {
                    java.util.Arrays.fill(dst, base, base + ny * rowLength, outside);
                    continue;
                }
                int z0 = az.i0[k];
                int z1 = az.i1[k];
                float fz = (float) az.f[k];
                // Planes z0 and z1 (only z0 when fz is 0): keep the one still needed, make the other.
                float[] p0;
                float[] p1 = null;
                if (z0 == sliceA) {
                    p0 = planeA;
                } else if (z0 == sliceB) {
                    p0 = planeB;
                } else if (sliceA == z1 && fz != 0) {
                    yPlane(z0, planeB, task);
                    sliceB = z0;
                    p0 = planeB;
                } else {
                    yPlane(z0, planeA, task);
                    sliceA = z0;
                    p0 = planeA;
                }
                if (fz != 0) {
                    if (z1 == sliceA) {
                        p1 = planeA;
                    } else if (z1 == sliceB) {
                        p1 = planeB;
                    } else if (p0 == planeA) {
                        yPlane(z1, planeB, task);
                        sliceB = z1;
                        p1 = planeB;
                    } else {
                        yPlane(z1, planeA, task);
                        sliceA = z1;
                        p1 = planeA;
                    }
                }
                java.util.Arrays.fill(dst, base, base + ay.lo * rowLength, outside);
                java.util.Arrays.fill(dst, base + ay.hi * rowLength, base + ny * rowLength, outside);
                float[] zrow = task.zrow;
                final int w = width;
                for (int j = ay.lo; j < ay.hi; j++) {
                    int o = j * w;
                    float[] src;
                    int off;
                    if (p1 == null) {
                        src = p0;
                        off = o;
                    } else {
                        final float[] a = p0;
                        final float[] b = p1;
                        for (int i = 0; i < w; i++) {
                            float v0 = a[o + i];
                            zrow[i] = v0 + fz * (b[o + i] - v0);
                        }
                        src = zrow;
                        off = 0;
                    }
                    xRow(src, off, base + j * rowLength);
                }
            }
            task.sliceA = sliceA;
            task.sliceB = sliceB;
        }

        /** One output row from a z-blended row at {@code src[off ..]}: x interpolation, rounding, outside fill. */
        private void xRow(float[] src, int off, int d) {
            final short[] out = dst;
            final int[] i0 = cx0;
            final int[] i1 = cx1;
            final float[] f = fx;
            final int cLo = ax.lo;
            final int cHi = ax.hi;
            // Shift by -lo so that the value is >= 0 when in range: the int conversion (which
            // truncates) then floors, giving floor(v + 0.5), round half up. Below the range it gives
            // at most 0 (truncation moves toward 0, and 0 is the clamp), above it the clamp; the
            // result plus lo is back in the destination's units.
            final float shift = 0.5f - lo;
            final int l = (int) lo;
            final int s = span;
            java.util.Arrays.fill(out, d, d + cLo, outside);
            for (int c = cLo; c < cHi; c++) {
                float v0 = src[off + i0[c]];
                float v = v0 + f[c] * (src[off + i1[c]] - v0);
                int q = (int) (v + shift);
                q = q < 0 ? 0 : (q > s ? s : q);
                out[d + c] = (short) (q + l);
            }
            java.util.Arrays.fill(out, d + cHi, d + nx, outside);
        }

        /** Source slice {@code s} blended along y onto the target's rows, columns [xLo, xHi], into {@code p}. */
        private void yPlane(int s, float[] p, FloatTask task) {
            final int w = width;
            final int x0 = xLo;
            int rowBase = s * (snxy / snx);
            task.tag0 = -1;
            task.tag1 = -1;
            for (int j = ay.lo; j < ay.hi; j++) {
                int ra = rowBase + ay.i0[j];
                int rb = rowBase + ay.i1[j];
                float fj = fy[j];
                float[] a = widened(task, ra, rb, x0, w);
                int o = j * w;
                if (fj == 0) {
                    System.arraycopy(a, 0, p, o, w);
                    continue;
                }
                float[] b = widened(task, rb, ra, x0, w);
                for (int i = 0; i < w; i++) {
                    float v0 = a[i];
                    p[o + i] = v0 + fj * (b[i] - v0);
                }
            }
        }

        /** Source row {@code r} (index of its first voxel / snx), columns [x0, x0 + w), as floats, from the two-row cache. */
        private float[] widened(FloatTask task, int r, int keep, int x0, int w) {
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
            final int m = mask;
            int a = r * snx + x0;
            for (int i = 0; i < w; i++) {
                d[i] = v[a + i] & m;
            }
            return d;
        }
    }

    /** Buffers of one running chunk of the short path: two y planes, two widened rows, a z row. */
    private static final class FloatTask {
        final float[] planeA;
        final float[] planeB;
        final float[] row0;
        final float[] row1;
        final float[] zrow;
        int sliceA = -1;
        int sliceB = -1;
        int tag0 = -1;
        int tag1 = -1;

        FloatTask(int width, int ny) {
            planeA = new float[width * ny];
            planeB = new float[width * ny];
            row0 = new float[width];
            row1 = new float[width];
            zrow = new float[width];
        }
    }
}
