// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

/**
 * Kernel weights along one axis: for a sample at coordinate {@code x} (voxel centres at integers)
 * on an axis of {@code n} voxels, the indices and weights of the voxels it reads. Indices past the
 * edge are clamped to the edge voxel (mirrored for the B-spline, matching its prefilter), so every
 * index returned lies in {@code [0, n)}. Weights sum to 1.
 */
final class Taps {
    private Taps() {
    }

    /** Largest number of taps {@link #compute} writes for {@code kernel} at area half-width {@code h}. */
    static int maxTaps(Kernel kernel, double areaHalfWidth) {
        if (kernel == Kernel.AREA) {
            return (int) Math.ceil(2 * areaHalfWidth) + 3;
        }
        return kernel.taps();
    }

    /**
     * Writes the taps of a sample at {@code x}, which must satisfy {@code -1 <= x <= n}, and
     * returns their count.
     *
     * @param areaHalfWidth half the footprint, in voxels, for {@link Kernel#AREA} (&ge; 0.5)
     */
    static int compute(Kernel kernel, double x, int n, double areaHalfWidth, int[] idx, double[] w) {
        if (n == 1) {
            idx[0] = 0;
            w[0] = 1;
            return 1;
        }
        int c = computeRaw(kernel, x, areaHalfWidth, idx, w);
        if (kernel == Kernel.B_SPLINE) {
            for (int t = 0; t < c; t++) {
                idx[t] = mirror(idx[t], n);
            }
        } else {
            for (int t = 0; t < c; t++) {
                idx[t] = clamp(idx[t], n);
            }
        }
        return c;
    }

    /**
     * Writes the taps of a sample at {@code x} without mapping indices into the axis: the indices
     * are consecutive, {@code idx[t] = idx[0] + t}, and may lie before 0 or past the end (by at most
     * {@link #maxTaps} + 1 when {@code -1 <= x <= n}).
     */
    static int computeRaw(Kernel kernel, double x, double areaHalfWidth, int[] idx, double[] w) {
        switch (kernel) {
            case NEAREST: {
                idx[0] = (int) Math.floor(x + 0.5);
                w[0] = 1;
                return 1;
            }
            case LINEAR: {
                int i = (int) Math.floor(x);
                double f = x - i;
                idx[0] = i;
                idx[1] = i + 1;
                w[0] = 1 - f;
                w[1] = f;
                return 2;
            }
            case CATMULL_ROM: {
                int i = (int) Math.floor(x);
                double f = x - i;
                if (f == 0) {
                    idx[0] = i;
                    w[0] = 1;
                    return 1;
                }
                double f2 = f * f;
                double f3 = f2 * f;
                // Keys cubic convolution with a = -0.5, written per tap for t = f + 1, f, 1 - f, 2 - f.
                w[0] = 0.5 * (-f3 + 2 * f2 - f);
                w[1] = 0.5 * (3 * f3 - 5 * f2 + 2);
                w[2] = 0.5 * (-3 * f3 + 4 * f2 + f);
                w[3] = 0.5 * (f3 - f2);
                for (int k = 0; k < 4; k++) {
                    idx[k] = i - 1 + k;
                }
                return 4;
            }
            case B_SPLINE: {
                int i = (int) Math.floor(x);
                double f = x - i;
                double g = 1 - f;
                // Cubic B-spline basis beta3 at distances 1 + f, f, 1 - f, 2 - f.
                w[0] = g * g * g / 6;
                w[1] = 2.0 / 3 - f * f + 0.5 * f * f * f;
                w[2] = 2.0 / 3 - g * g + 0.5 * g * g * g;
                w[3] = f * f * f / 6;
                for (int k = 0; k < 4; k++) {
                    idx[k] = i - 1 + k;
                }
                return 4;
            }
            case LANCZOS3: {
                int i = (int) Math.floor(x);
                double f = x - i;
                if (f == 0) {
                    idx[0] = i;
                    w[0] = 1;
                    return 1;
                }
                double sum = 0;
                for (int k = 0; k < 6; k++) {
                    double t = f + 2 - k; // distance from tap i - 2 + k to x
                    double v = lanczos3(t);
                    w[k] = v;
                    sum += v;
                    idx[k] = i - 2 + k;
                }
                double inv = 1 / sum;
                for (int k = 0; k < 6; k++) {
                    w[k] *= inv;
                }
                return 6;
            }
            case AREA: {
                double h = areaHalfWidth;
                double lo = x - h;
                double hi = x + h;
                // Voxel j covers [j - 0.5, j + 0.5]; it overlaps [lo, hi] for j in [ceil(lo - 0.5), floor(hi + 0.5)].
                int j0 = (int) Math.ceil(lo - 0.5);
                int j1 = (int) Math.floor(hi + 0.5);
                double inv = 1 / (2 * h);
                int c = 0;
                for (int j = j0; j <= j1; j++) {
                    double ov = Math.min(j + 0.5, hi) - Math.max(j - 0.5, lo);
                    if (ov > 0) {
                        idx[c] = j;
                        w[c] = ov * inv;
                        c++;
                    }
                }
                return c;
            }
            default:
                throw new AssertionError(kernel);
        }
    }

    static double lanczos3(double t) {
        if (t == 0) {
            return 1;
        }
        if (t <= -3 || t >= 3) {
            return 0;
        }
        double pt = Math.PI * t;
        return 3 * Math.sin(pt) * Math.sin(pt / 3) / (pt * pt);
    }

    static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }

    /** Whole-sample symmetric extension: -1 to 1, n to n - 2; any int maps into [0, n). */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int p = 2 * (n - 1);
        int m = Math.floorMod(i, p);
        return m < n ? m : p - m;
    }
}
