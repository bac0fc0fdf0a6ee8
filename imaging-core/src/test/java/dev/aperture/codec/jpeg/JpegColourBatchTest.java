// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ColourBatch} (4:4:4 decoded straight to RGB) against the planar path it replaces: the
 * same random blocks through {@link IdctBatch} into byte planes (itself checked against the
 * scalar islow in {@link JpegIdctTest}), then the table-driven conversion of
 * {@link ColourRows8Reference}. Full and partial batches filling across MCU rows, MCU rows cut by the right and bottom
 * image edges, DC-only and saturating blocks, MCUs of three DC-only blocks written at once by
 * {@link ColourBatch#flat}, batches in which a component has no AC coefficient at all; bytes
 * outside the image must stay untouched.
 */
class JpegColourBatchTest {

    @Test
    void matchesPlanesThenConversion() {
        Random rnd = new Random(20261128L);
        int frames = 0;
        for (int trial = 0; trial < 24; trial++) {
            int width = 1 + rnd.nextInt(8 * IdctBatch.N + 40);
            int rows = 1 + rnd.nextInt(40);
            int mcusX = (width + 7) / 8;
            int mcusY = (rows + 7) / 8;
            int stride = mcusX * 8;
            int dstOff = rnd.nextInt(5);
            byte[] actual = new byte[dstOff + 3 * width * rows + 9];
            byte[] expected = new byte[actual.length];
            java.util.Arrays.fill(actual, (byte) 0x5A);
            java.util.Arrays.fill(expected, (byte) 0x5A);
            IdctBatch planar = new IdctBatch();
            IdctBatch shared = new IdctBatch();
            ColourBatch cb = new ColourBatch(shared, actual, dstOff, width, rows);
            for (int my = 0; my < mcusY; my++) {
                byte[][] planes = new byte[3][stride * 8];
                for (int mx = 0; mx < mcusX; mx++) {
                    int lane = cb.count();
                    boolean flat = rnd.nextInt(3) == 0;   // all three blocks DC only: flat()
                    for (int c = 0; c < 3; c++) {
                        // in every fourth frame the chroma blocks are DC-only throughout, so
                        // that whole batches of a component skip the transform
                        int kind = flat || (trial % 4 == 1 && c > 0) ? 0 : rnd.nextInt(4);
                        boolean ac = false;
                        for (int z = 0; z < 64; z++) {
                            int v = 0;
                            if (z == 0) {
                                v = rnd.nextInt(2001) - 1000;
                            } else if (kind == 1 && rnd.nextInt(3) == 0) {
                                v = rnd.nextInt(121) - 60;
                            } else if (kind == 2 && z < 10) {
                                v = rnd.nextInt(801) - 400;
                            }
                            int at = (z >> 3) * IdctBatch.P + (z & 7) * IdctBatch.N;
                            cb.coef(c)[at + lane] = v;
                            planar.coef[at + planar.count()] = v;
                            ac |= z > 0 && v != 0;
                        }
                        if (ac) {
                            cb.hasAc(c);
                        }
                        if (planar.add(planes[c], mx * 8, stride)) {
                            planar.flush();
                        }
                    }
                    if (flat) {
                        cb.flat(mx, my);
                    } else if (cb.add(mx, my)) {
                        cb.flush();
                    }
                }
                planar.flush();
                for (int r = 0; r < 8 && my * 8 + r < rows; r++) {
                    ColourRows8Reference.planesToRgb8(planes[0], r * stride, planes[1], r * stride, planes[2],
                            r * stride, width, expected, dstOff + 3 * width * (my * 8 + r));
                }
            }
            cb.flush();                   // the batch fills across MCU rows
            assertEquals(0, cb.count());
            assertArrayEquals(expected, actual, "trial " + trial + ", " + width + " x " + rows);
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(new int[cb.coef(c).length], cb.coef(c), "coefficients left behind");
            }
            frames++;
        }
        assertEquals(24, frames);
    }
}
