// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The planar (vectorisable) colour stages of {@link ColourRows} against the table-driven fused
 * loops of {@link ColourRows8Reference} (libjpeg's arithmetic, which decoded bit-exactly with
 * DCMTK before the planar stages replaced them; the oracle tests now check the stages themselves): identical bytes
 * for 4:2:0, 4:2:2 and 4:4:4 rows of odd and even widths, on random and on saturated samples
 * (where the clamping decides).
 */
class JpegColourRowsTest {

    @Test
    void planarStagesMatchTheTableLoops() {
        Random rnd = new Random(20261128L);
        int rows = 0;
        for (int width = 5; width < 300; width += rnd.nextInt(23) + 1) {
            ColourRows cr = new ColourRows(width);
            int n = (width + 1) / 2;
            for (int trial = 0; trial < 6; trial++) {
                boolean extreme = trial % 3 == 2;
                byte[] y = samples(rnd, width + 7, extreme);
                byte[] cb = samples(rnd, 2 * (n + 9), extreme);
                byte[] crP = samples(rnd, 2 * (n + 9), extreme);
                int yOff = rnd.nextInt(7);
                int c0 = rnd.nextInt(9);
                int c1 = n + 9 + rnd.nextInt(9);
                int o = rnd.nextInt(5);
                byte[] expected = new byte[3 * width + 10];
                byte[] actual = new byte[3 * width + 10];
                // 4:2:0: a plane of chroma rows, output rows in decoder order (the cached
                // pre-sums of each chroma row serve four output rows), then in random order (the
                // cache is keyed by row); Cb and Cr planes differ (it must key rows per plane)
                int stride = n + rnd.nextInt(9);
                int chromaRows = 2 + rnd.nextInt(4);
                byte[] cbPlane = samples(rnd, stride * chromaRows, extreme);
                byte[] crPlane = samples(rnd, stride * chromaRows + 3, extreme);
                cr.forgetRows();
                for (int pass = 0; pass < 2; pass++) {
                    for (int yy = 0; yy < 2 * chromaRows; yy++) {
                        int row = pass == 0 ? yy : rnd.nextInt(2 * chromaRows);
                        int cy = row >> 1;
                        int ny = (row & 1) == 0 ? Math.max(cy - 1, 0) : Math.min(cy + 1, chromaRows - 1);
                        byte[] want = new byte[3 * width + 10];
                        byte[] got = new byte[3 * width + 10];
                        ColourRows8Reference.h2v2ToRgb8(y, yOff, cbPlane, cy * stride, ny * stride, crPlane,
                                cy * stride, ny * stride, n, width, want, o);
                        cr.h2v2ToRgb8(y, yOff, cbPlane, stride, crPlane, stride, cy, ny, n, width, got, o);
                        assertArrayEquals(want, got, "4:2:0 width " + width + " row " + row);
                    }
                }
                expected = new byte[3 * width + 10];
                actual = new byte[3 * width + 10];
                ColourRows8Reference.h2v1ToRgb8(y, yOff, cb, c0, crP, c1, n, width, expected, o);
                cr.h2v1ToRgb8(y, yOff, cb, c0, crP, c1, n, width, actual, o);
                assertArrayEquals(expected, actual, "4:2:2 width " + width);
                byte[] cbFull = samples(rnd, width + 3, extreme);
                byte[] crFull = samples(rnd, width + 5, extreme);
                expected = new byte[3 * width + 10];
                actual = new byte[3 * width + 10];
                ColourRows8Reference.planesToRgb8(y, yOff, cbFull, 3, crFull, 5, width, expected, o);
                cr.fullToRgb8(y, yOff, cbFull, 3, crFull, 5, width, actual, o);
                assertArrayEquals(expected, actual, "4:4:4 width " + width);
                rows++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(rows > 50);
    }

    private static byte[] samples(Random rnd, int len, boolean extreme) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (extreme ? (rnd.nextBoolean() ? rnd.nextInt(16) : 240 + rnd.nextInt(16)) : rnd.nextInt(256));
        }
        return b;
    }
}
