// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

/**
 * The cubic B-spline prefilter: turns samples into B-spline coefficients so that evaluating the
 * cubic B-spline at integer positions gives the samples back (Unser, Aldroubi and Eden, "B-spline
 * signal processing", 1993). One causal and one anticausal first-order recursive filter per axis,
 * pole {@code z = sqrt(3) - 2}, gain {@code (1 - z)(1 - 1/z) = 6}, with whole-sample mirror
 * boundaries.
 */
final class BSpline {
    static final double POLE = Math.sqrt(3) - 2;
    private static final double GAIN = 6;
    /** Terms of the causal initial sum: |z|^k falls below 1e-10 at k = ln(1e-10)/ln|z| ~ 17.5. */
    private static final int HORIZON = (int) Math.ceil(Math.log(1e-10) / Math.log(Math.abs(POLE)));

    private BSpline() {
    }

    /** Prefilters a volume of {@code nx * ny * nz} values in place, along x, then y, then z. */
    static void prefilter(float[] c, int nx, int ny, int nz) {
        double[] line = new double[Math.max(nx, Math.max(ny, nz))];
        int nxy = nx * ny;
        if (nx > 1) {
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    filterLine(c, (z * ny + y) * nx, 1, nx, line);
                }
            }
        }
        if (ny > 1) {
            for (int z = 0; z < nz; z++) {
                for (int x = 0; x < nx; x++) {
                    filterLine(c, z * nxy + x, nx, ny, line);
                }
            }
        }
        if (nz > 1) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    filterLine(c, y * nx + x, nxy, nz, line);
                }
            }
        }
    }

    /** Filters the {@code n > 1} values at {@code start, start + stride, ...}, using {@code line}. */
    static void filterLine(float[] data, int start, int stride, int n, double[] line) {
        for (int k = 0, p = start; k < n; k++, p += stride) {
            line[k] = data[p] * GAIN;
        }
        double z = POLE;
        line[0] = causalInit(line, n, z);
        for (int k = 1; k < n; k++) {
            line[k] += z * line[k - 1];
        }
        // Anticausal initial value for mirror boundaries: c-(n-1) = z / (z^2 - 1) * (c+(n-1) + z c+(n-2)).
        line[n - 1] = z / (z * z - 1) * (line[n - 1] + z * line[n - 2]);
        for (int k = n - 2; k >= 0; k--) {
            line[k] = z * (line[k + 1] - line[k]);
        }
        for (int k = 0, p = start; k < n; k++, p += stride) {
            data[p] = (float) line[k];
        }
    }

    /** c+(0) = sum over k of z^|k| s(k) on the mirrored signal. */
    private static double causalInit(double[] s, int n, double z) {
        if (n > HORIZON) {
            double zn = z;
            double sum = s[0];
            for (int k = 1; k < HORIZON; k++) {
                sum += zn * s[k];
                zn *= z;
            }
            return sum;
        }
        // Exact sum over the mirrored, periodic signal (period 2n - 2) in closed form.
        double zn = z;
        double iz = 1 / z;
        double z2n = Math.pow(z, n - 1);
        double sum = s[0] + z2n * s[n - 1];
        z2n *= z2n * iz;
        for (int k = 1; k <= n - 2; k++) {
            sum += (zn + z2n) * s[k];
            zn *= z;
            z2n *= iz;
        }
        return sum / (1 - zn * zn);
    }
}
