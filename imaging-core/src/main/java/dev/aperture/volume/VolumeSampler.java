// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

/**
 * Samples a source volume along a line of evenly spaced points, one destination row at a time.
 * The caller gives the first point and the per-column step in source voxel coordinates (taken
 * once per row from the target-to-source affine), so there is no matrix multiply per voxel.
 *
 * <p>Each row is split into regions by solving, per axis, the linear inequalities that keep
 * every tap of the kernel inside the source: the middle region runs a specialised loop (nearest
 * or trilinear, per source type, chosen once per row) with no bounds logic; the ends, and every
 * other kernel, run the general separable path, which clamps or mirrors each tap index into the
 * source so no read can leave the array whatever the coordinates.
 *
 * <p>Immutable after construction and safe to share; per-thread state lives in {@link Scratch}.
 */
final class VolumeSampler {
    /** Margin, in voxels, kept between the fast region and the edge of its validity. */
    private static final double MARGIN = 1e-6;

    private final Kernel kernel;
    private final int nx;
    private final int ny;
    private final int nz;
    private final int nxy;
    private final short[] shorts;
    private final int mask;
    private final float[] floats;
    private final boolean clamp;
    private final double outsideValue;
    private final double hx;
    private final double hy;
    private final double hz;

    /** Per-thread buffers, allocated once per task. */
    static final class Scratch {
        final int[] ix;
        final int[] iy;
        final int[] iz;
        final double[] wx;
        final double[] wy;
        final double[] wz;
        final double[] line;
        final int[] colIndex;
        final double[] colFraction;
        double colX0 = Double.NaN;
        double colDx = Double.NaN;
        int colFrom = -1;
        int colTo = -1;
        double lastY = Double.NaN;
        double lastZ = Double.NaN;
        int cy;
        int cz;

        Scratch(int tx, int ty, int tz, int nx, int outColumns) {
            line = new double[nx];
            colIndex = new int[outColumns];
            colFraction = new double[outColumns];
            ix = new int[tx];
            iy = new int[ty];
            iz = new int[tz];
            wx = new double[tx];
            wy = new double[ty];
            wz = new double[tz];
        }
    }

    /**
     * @param src          the source volume
     * @param kernel       the kernel
     * @param clamp        clamp outside points, else give {@code outsideValue}
     * @param outsideValue value of outside points (may be NaN for internal use by slabs)
     * @param footprint    target-voxel footprint along source x, y, z, in source voxels (for AREA)
     */
    VolumeSampler(Volume src, Kernel kernel, boolean clamp, double outsideValue, double[] footprint) {
        VolumeGeometry g = src.geometry();
        this.kernel = kernel;
        this.nx = g.columns();
        this.ny = g.rows();
        this.nz = g.slices();
        this.nxy = nx * ny;
        this.clamp = clamp;
        this.outsideValue = outsideValue;
        // A footprint wider than the source adds only clamped edge taps: cap it at the axis size so
        // the tap count stays bounded whatever the target geometry.
        this.hx = 0.5 * Math.max(1, Math.min(footprint[0], nx));
        this.hy = 0.5 * Math.max(1, Math.min(footprint[1], ny));
        this.hz = 0.5 * Math.max(1, Math.min(footprint[2], nz));
        if (kernel == Kernel.B_SPLINE) {
            float[] c = src.type() == Volume.ValueType.FLOAT ? src.floatArray().clone() : toFloats(src);
            BSpline.prefilter(c, nx, ny, nz);
            this.floats = c;
            this.shorts = null;
            this.mask = 0;
        } else if (src.type() == Volume.ValueType.FLOAT) {
            this.floats = src.floatArray();
            this.shorts = null;
            this.mask = 0;
        } else {
            this.floats = null;
            this.shorts = src.shortArray();
            // v & -1 keeps the sign extension of a signed short; v & 0xFFFF reads it unsigned.
            this.mask = src.type() == Volume.ValueType.SIGNED_SHORT ? -1 : 0xFFFF;
        }
    }

    private static float[] toFloats(Volume src) {
        short[] s = src.shortArray();
        int m = src.type() == Volume.ValueType.SIGNED_SHORT ? -1 : 0xFFFF;
        float[] f = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            f[i] = s[i] & m;
        }
        return f;
    }

    /** Per-thread buffers for rows of {@code outColumns} samples. */
    Scratch newScratch(int outColumns) {
        return new Scratch(Taps.maxTaps(kernel, hx), Taps.maxTaps(kernel, hy), Taps.maxTaps(kernel, hz), nx,
                outColumns);
    }

    /**
     * Writes {@code out[c]} for {@code c in [0, n)}, the value at source voxel coordinates
     * {@code (x0 + c dx, y0 + c dy, z0 + c dz)}.
     */
    void sampleRow(double x0, double y0, double z0, double dx, double dy, double dz, int n, double[] out,
                   Scratch sc) {
        int cs = 0;
        int ce = 0;
        if (kernel == Kernel.NEAREST || kernel == Kernel.LINEAR) {
            // Fast-region bounds per axis. NEAREST: floor(x + 0.5) in [0, n-1] and the point inside,
            // i.e. x in [-0.5, n - 0.5). LINEAR: floor(x) and floor(x) + 1 in [0, n-1], i.e. x in [0, n - 1).
            double lo = kernel == Kernel.NEAREST ? -0.5 + MARGIN : 0;
            double hiOff = kernel == Kernel.NEAREST ? 0.5 + MARGIN : 1 + MARGIN;
            double cLo = 0;
            double cHi = n - 1;
            cLo = lower(cLo, x0, dx, lo, nx - hiOff);
            cHi = upper(cHi, x0, dx, lo, nx - hiOff);
            cLo = lower(cLo, y0, dy, lo, ny - hiOff);
            cHi = upper(cHi, y0, dy, lo, ny - hiOff);
            cLo = lower(cLo, z0, dz, lo, nz - hiOff);
            cHi = upper(cHi, z0, dz, lo, nz - hiOff);
            if (cLo <= cHi) {
                // Shrink by one column on each side: the computed x0 + c dx may differ from the exact
                // line by rounding; the general path handles those columns correctly anyway.
                cs = (int) Math.ceil(cLo) + 1;
                ce = (int) Math.floor(cHi);
                if (ce < cs) {
                    ce = cs;
                }
            }
            if (cs > n) {
                cs = n;
            }
            if (ce > n) {
                ce = n;
            }
        }
        general(x0, y0, z0, dx, dy, dz, 0, cs, out, sc);
        if (ce > cs) {
            if (kernel == Kernel.LINEAR) {
                if (dy == 0 && dz == 0 && (ce - cs) * 4L >= nx) {
                    linearAlongX(x0, y0, z0, dx, cs, ce, out, sc);
                } else if (dz == 0 && shorts != null) {
                    linearShortFlatZ(x0, y0, z0, dx, dy, cs, ce, out);
                } else if (shorts != null) {
                    linearShort(x0, y0, z0, dx, dy, dz, cs, ce, out);
                } else {
                    linearFloat(x0, y0, z0, dx, dy, dz, cs, ce, out);
                }
            } else {
                if (shorts != null) {
                    nearestShort(x0, y0, z0, dx, dy, dz, cs, ce, out);
                } else {
                    nearestFloat(x0, y0, z0, dx, dy, dz, cs, ce, out);
                }
            }
        }
        general(x0, y0, z0, dx, dy, dz, Math.max(ce, cs), n, out, sc);
    }

    /** Raises cLo so that lo &le; p + c d &le; hi for all c &ge; cLo (with {@link #upper}). */
    private static double lower(double cLo, double p, double d, double lo, double hi) {
        if (d == 0) {
            return p >= lo && p <= hi ? cLo : Double.POSITIVE_INFINITY;
        }
        double a = (lo - p) / d;
        double b = (hi - p) / d;
        return Math.max(cLo, Math.min(a, b));
    }

    private static double upper(double cHi, double p, double d, double lo, double hi) {
        if (d == 0) {
            return p >= lo && p <= hi ? cHi : Double.NEGATIVE_INFINITY;
        }
        double a = (lo - p) / d;
        double b = (hi - p) / d;
        return Math.min(cHi, Math.max(a, b));
    }

    private void linearShort(double x0, double y0, double z0, double dx, double dy, double dz, int from, int to,
                             double[] out) {
        final short[] s = shorts;
        final int m = mask;
        final int w = nx;
        final int wh = nxy;
        for (int c = from; c < to; c++) {
            double x = x0 + c * dx;
            double y = y0 + c * dy;
            double z = z0 + c * dz;
            // In the fast region 0 <= x < nx - 1 (and likewise y, z), so the cast floors.
            int ix = (int) x;
            int iy = (int) y;
            int iz = (int) z;
            double fx = x - ix;
            double fy = y - iy;
            double fz = z - iz;
            int i = (iz * ny + iy) * w + ix;
            double v000 = s[i] & m;
            double v100 = s[i + 1] & m;
            double v010 = s[i + w] & m;
            double v110 = s[i + w + 1] & m;
            int j = i + wh;
            double v001 = s[j] & m;
            double v101 = s[j + 1] & m;
            double v011 = s[j + w] & m;
            double v111 = s[j + w + 1] & m;
            double a0 = v000 + fx * (v100 - v000);
            double a1 = v010 + fx * (v110 - v010);
            double a2 = v001 + fx * (v101 - v001);
            double a3 = v011 + fx * (v111 - v011);
            double b0 = a0 + fy * (a1 - a0);
            double b1 = a2 + fy * (a3 - a2);
            out[c] = b0 + fz * (b1 - b0);
        }
    }

    /**
     * {@link #linearShort} for a row in a plane of constant z (dz = 0: an in-plane oblique row):
     * the slice pair and z weight are taken once per row, the same values {@code linearShort}
     * computes per voxel ({@code z0 + c * 0 == z0}), so the result is identical.
     */
    private void linearShortFlatZ(double x0, double y0, double z0, double dx, double dy, int from, int to,
                                  double[] out) {
        final short[] s = shorts;
        final int m = mask;
        final int w = nx;
        final int iz = (int) z0;
        final double fz = z0 - iz;
        final int zo = iz * ny;
        final int wh = nxy;
        for (int c = from; c < to; c++) {
            double x = x0 + c * dx;
            double y = y0 + c * dy;
            int ix = (int) x;
            int iy = (int) y;
            double fx = x - ix;
            double fy = y - iy;
            int i = (zo + iy) * w + ix;
            double v000 = s[i] & m;
            double v100 = s[i + 1] & m;
            double v010 = s[i + w] & m;
            double v110 = s[i + w + 1] & m;
            int j = i + wh;
            double v001 = s[j] & m;
            double v101 = s[j + 1] & m;
            double v011 = s[j + w] & m;
            double v111 = s[j + w + 1] & m;
            double a0 = v000 + fx * (v100 - v000);
            double a1 = v010 + fx * (v110 - v010);
            double a2 = v001 + fx * (v101 - v001);
            double a3 = v011 + fx * (v111 - v011);
            double b0 = a0 + fy * (a1 - a0);
            double b1 = a2 + fy * (a3 - a2);
            out[c] = b0 + fz * (b1 - b0);
        }
    }

    /**
     * Trilinear along a row parallel to the source's x axis (the rows of a grid with the source's
     * orientation): blends the four source rows around (y0, z0) once into {@code line} (contiguous,
     * vectorisable), then interpolates along x. In the fast region y0 and z0 lie in
     * [0, n - 1 - margin], so the four rows exist, and every x in [0, nx - 1).
     */
    private void linearAlongX(double x0, double y0, double z0, double dx, int from, int to, double[] out,
                              Scratch sc) {
        final double[] line = sc.line;
        int iy = (int) y0;
        int iz = (int) z0;
        double fy = y0 - iy;
        double fz = z0 - iz;
        double w00 = (1 - fy) * (1 - fz);
        double w10 = fy * (1 - fz);
        double w01 = (1 - fy) * fz;
        double w11 = fy * fz;
        int a = (iz * ny + iy) * nx;
        int b = a + nx;
        int c = a + nxy;
        int d = c + nx;
        double xa = x0 + from * dx;
        double xb = x0 + (to - 1) * dx;
        int lo = Math.max(0, (int) Math.floor(Math.min(xa, xb)));
        int hi = Math.min(nx - 1, (int) Math.floor(Math.max(xa, xb)) + 1);
        if (shorts != null) {
            final short[] s = shorts;
            final int m = mask;
            for (int i = lo; i <= hi; i++) {
                line[i] = w00 * (s[a + i] & m) + w10 * (s[b + i] & m) + w01 * (s[c + i] & m) + w11 * (s[d + i] & m);
            }
        } else {
            final float[] s = floats;
            for (int i = lo; i <= hi; i++) {
                line[i] = w00 * s[a + i] + w10 * s[b + i] + w01 * s[c + i] + w11 * s[d + i];
            }
        }
        // Every row of a grid with the source's orientation has the same x0 and dx: compute the
        // column indices and fractions once and reuse them while the row parameters repeat.
        final int[] cix = sc.colIndex;
        final double[] cfx = sc.colFraction;
        if (x0 != sc.colX0 || dx != sc.colDx || from != sc.colFrom || to != sc.colTo) {
            for (int k = from; k < to; k++) {
                double x = x0 + k * dx;
                int ix = (int) x;
                cix[k] = ix;
                cfx[k] = x - ix;
            }
            sc.colX0 = x0;
            sc.colDx = dx;
            sc.colFrom = from;
            sc.colTo = to;
        }
        for (int k = from; k < to; k++) {
            int ix = cix[k];
            double v0 = line[ix];
            out[k] = v0 + cfx[k] * (line[ix + 1] - v0);
        }
    }

    private void linearFloat(double x0, double y0, double z0, double dx, double dy, double dz, int from, int to,
                             double[] out) {
        final float[] s = floats;
        final int w = nx;
        final int wh = nxy;
        for (int c = from; c < to; c++) {
            double x = x0 + c * dx;
            double y = y0 + c * dy;
            double z = z0 + c * dz;
            int ix = (int) x;
            int iy = (int) y;
            int iz = (int) z;
            double fx = x - ix;
            double fy = y - iy;
            double fz = z - iz;
            int i = (iz * ny + iy) * w + ix;
            int j = i + wh;
            // Widen before subtracting: a float difference would round to float precision.
            double v000 = s[i];
            double v010 = s[i + w];
            double v001 = s[j];
            double v011 = s[j + w];
            double a0 = v000 + fx * (s[i + 1] - v000);
            double a1 = v010 + fx * (s[i + w + 1] - v010);
            double a2 = v001 + fx * (s[j + 1] - v001);
            double a3 = v011 + fx * (s[j + w + 1] - v011);
            double b0 = a0 + fy * (a1 - a0);
            double b1 = a2 + fy * (a3 - a2);
            out[c] = b0 + fz * (b1 - b0);
        }
    }

    private void nearestShort(double x0, double y0, double z0, double dx, double dy, double dz, int from, int to,
                              double[] out) {
        final short[] s = shorts;
        final int m = mask;
        for (int c = from; c < to; c++) {
            // In the fast region x + 0.5 > 0, so the cast floors.
            int ix = (int) (x0 + c * dx + 0.5);
            int iy = (int) (y0 + c * dy + 0.5);
            int iz = (int) (z0 + c * dz + 0.5);
            out[c] = s[(iz * ny + iy) * nx + ix] & m;
        }
    }

    private void nearestFloat(double x0, double y0, double z0, double dx, double dy, double dz, int from, int to,
                              double[] out) {
        final float[] s = floats;
        for (int c = from; c < to; c++) {
            int ix = (int) (x0 + c * dx + 0.5);
            int iy = (int) (y0 + c * dy + 0.5);
            int iz = (int) (z0 + c * dz + 0.5);
            out[c] = s[(iz * ny + iy) * nx + ix];
        }
    }

    /** The general separable path: any kernel, any coordinates. */
    private void general(double x0, double y0, double z0, double dx, double dy, double dz, int from, int to,
                         double[] out, Scratch sc) {
        final int[] ix = sc.ix;
        final int[] iy = sc.iy;
        final int[] iz = sc.iz;
        final double[] wx = sc.wx;
        final double[] wy = sc.wy;
        final double[] wz = sc.wz;
        final double xMax = nx - 1;
        final double yMax = ny - 1;
        final double zMax = nz - 1;
        for (int c = from; c < to; c++) {
            double x = x0 + c * dx;
            double y = y0 + c * dy;
            double z = z0 + c * dz;
            if (clamp) {
                x = x < 0 ? 0 : (x > xMax ? xMax : x);
                y = y < 0 ? 0 : (y > yMax ? yMax : y);
                z = z < 0 ? 0 : (z > zMax ? zMax : z);
            } else if (!(x >= -0.5 && x <= nx - 0.5 && y >= -0.5 && y <= ny - 0.5 && z >= -0.5 && z <= nz - 0.5)) {
                out[c] = outsideValue;
                continue;
            }
            int cx = Taps.compute(kernel, x, nx, hx, ix, wx);
            if (y != sc.lastY) {
                sc.cy = Taps.compute(kernel, y, ny, hy, iy, wy);
                sc.lastY = y;
            }
            if (z != sc.lastZ) {
                sc.cz = Taps.compute(kernel, z, nz, hz, iz, wz);
                sc.lastZ = z;
            }
            int cy = sc.cy;
            int cz = sc.cz;
            double acc = 0;
            if (shorts != null) {
                final short[] s = shorts;
                final int m = mask;
                for (int a = 0; a < cz; a++) {
                    int zo = iz[a] * nxy;
                    double wa = wz[a];
                    for (int b = 0; b < cy; b++) {
                        int o = zo + iy[b] * nx;
                        double ax = 0;
                        for (int k = 0; k < cx; k++) {
                            ax += wx[k] * (s[o + ix[k]] & m);
                        }
                        acc += wa * wy[b] * ax;
                    }
                }
            } else {
                final float[] s = floats;
                for (int a = 0; a < cz; a++) {
                    int zo = iz[a] * nxy;
                    double wa = wz[a];
                    for (int b = 0; b < cy; b++) {
                        int o = zo + iy[b] * nx;
                        double ax = 0;
                        for (int k = 0; k < cx; k++) {
                            ax += wx[k] * s[o + ix[k]];
                        }
                        acc += wa * wy[b] * ax;
                    }
                }
            }
            out[c] = acc;
        }
    }
}
