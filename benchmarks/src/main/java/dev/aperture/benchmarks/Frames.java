// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import java.util.Random;

/** Synthetic test frames: noisy, never ramps (STYLE.md section 8). */
final class Frames {

    private Frames() {
    }

    /**
     * A CT-like 16-bit frame: a constant air background outside a body ellipse, and inside it
     * soft tissue around stored value 1024 + 40 with Gaussian noise (sigma 12) and a few bright
     * "bone" blobs, 12 bits stored.
     */
    static short[] ctLike(int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        short[] px = new short[rows * cols];
        double cy = rows / 2.0;
        double cx = cols / 2.0;
        double ry = rows * 0.42;
        double rx = cols * 0.46;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double dy = (r - cy) / ry;
                double dx = (c - cx) / rx;
                double d2 = dx * dx + dy * dy;
                int v;
                if (d2 > 1) {
                    v = 24; // air, outside the body: long runs, as in real CT
                } else {
                    double tissue = 1064 + 12 * rnd.nextGaussian();
                    if (((r / 40) * 7 + (c / 40) * 3) % 11 == 0 && d2 < 0.6) {
                        tissue += 600 + 30 * rnd.nextGaussian();
                    }
                    v = (int) Math.max(0, Math.min(4095, Math.round(tissue)));
                }
                px[r * cols + c] = (short) v;
            }
        }
        return px;
    }
}
