// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Colour422Batch} (4:2:2 decoded straight to RGB) against the planar path it replaces:
 * the same random blocks through {@link IdctBatch} into byte planes, then
 * {@link ColourRows#h2v1ToRgb8} row by row (itself checked against libjpeg's tables in
 * {@link JpegColourRowsTest}). Rows of one to several batches, so that the chroma neighbour
 * crosses batch boundaries; widths not a multiple of 16 and odd widths, so that the right image
 * edge falls inside an MCU at every chroma column; rows cut by the bottom edge; DC-only and
 * saturating blocks, batches whose Y or chroma blocks are all DC-only (filled, not
 * transformed); flat MCUs (written without a lane) in runs of one or several colours, next to
 * lanes on either side, at batch, row and image edges; the batch filling across MCU rows.
 * Bytes outside the image must stay untouched.
 */
class JpegColour422BatchTest {

    @Test
    void matchesPlanesThenH2v1() {
        Random rnd = new Random(20261128L);
        int[] fixedWidths = {5, 6, 15, 16, 17, 31, 32 * 16, 32 * 16 - 1, 32 * 16 + 1, 64 * 16 + 2, 64 * 16 - 9};
        int trials = fixedWidths.length + 40;
        int frames = 0;
        for (int trial = 0; trial < trials; trial++) {
            int width = trial < fixedWidths.length ? fixedWidths[trial] : 5 + rnd.nextInt(16 * 2 * Colour422Batch.M + 60);
            int rows = 1 + rnd.nextInt(40);
            int mcusX = (width + 15) / 16;
            int mcusY = (rows + 7) / 8;
            int strideY = mcusX * 16;
            int strideC = mcusX * 8;
            int chromaW = (width + 1) / 2;
            int dstOff = rnd.nextInt(5);
            byte[] actual = new byte[dstOff + 3 * width * rows + 9];
            byte[] expected = new byte[actual.length];
            Arrays.fill(actual, (byte) 0x5A);
            Arrays.fill(expected, (byte) 0x5A);
            IdctBatch planar = new IdctBatch();
            ColourRows colourRows = new ColourRows(width);
            Colour422Batch cb = new Colour422Batch(new IdctBatch(), actual, dstOff, width, rows);
            for (int my = 0; my < mcusY; my++) {
                byte[][] planes = {new byte[strideY * 8], new byte[strideC * 8], new byte[strideC * 8]};
                for (int mx = 0; mx < mcusX; mx++) {
                    int lane = cb.count();
                    // flat MCUs (four DC-only blocks) in runs, often of one colour, so that flat
                    // neighbours with equal and with different chroma, and flat MCUs next to
                    // lanes on either side and at batch and row boundaries, all occur
                    boolean flatMcu = trial % 4 == 3 ? rnd.nextInt(4) != 0 : rnd.nextInt(3) == 0;
                    boolean mcuAc = false;
                    for (int blk = 0; blk < 4; blk++) {
                        // every fourth frame has only DC-only Y blocks, every fourth after it only
                        // DC-only chroma blocks, so that whole batches skip the transform
                        boolean dcOnly = flatMcu || trial % 4 == 1 && blk < 2 || trial % 4 == 2 && blk >= 2;
                        int kind = dcOnly ? 0 : rnd.nextInt(4);
                        boolean ac = false;
                        int[] target = blk < 2 ? cb.coefY() : cb.coefC();
                        int tl = lane + (blk == 1 || blk == 3 ? Colour422Batch.M : 0);
                        for (int z = 0; z < 64; z++) {
                            int v = 0;
                            if (z == 0) {
                                v = flatMcu && rnd.nextInt(4) != 0 ? (blk < 2 ? 16 * (blk - 1) : -24 * (blk - 2))
                                        : rnd.nextInt(2001) - 1000;
                            } else if (kind == 1 && rnd.nextInt(3) == 0) {
                                v = rnd.nextInt(121) - 60;
                            } else if (kind == 2 && z < 10) {
                                v = rnd.nextInt(801) - 400;
                            }
                            int at = (z >> 3) * IdctBatch.P + (z & 7) * IdctBatch.N;
                            target[at + tl] = v;
                            ac |= z > 0 && v != 0;
                            planar.coef[at + planar.count()] = v;
                        }
                        if (ac) {
                            mcuAc = true;
                            cb.hasAc(blk < 2);
                        }
                        boolean full = switch (blk) {
                            case 0 -> planar.add(planes[0], mx * 16, strideY);
                            case 1 -> planar.add(planes[0], mx * 16 + 8, strideY);
                            case 2 -> planar.add(planes[1], mx * 8, strideC);
                            default -> planar.add(planes[2], mx * 8, strideC);
                        };
                        if (full) {
                            planar.flush();
                        }
                    }
                    if (!mcuAc) {
                        cb.flat(mx, my);
                    } else if (cb.add(mx, my)) {
                        cb.flush();
                    }
                }
                planar.flush();
                for (int r = 0; r < 8 && my * 8 + r < rows; r++) {
                    colourRows.h2v1ToRgb8(planes[0], r * strideY, planes[1], r * strideC, planes[2], r * strideC,
                            chromaW, width, expected, dstOff + 3 * width * (my * 8 + r));
                }
            }
            cb.flush();                   // the batch fills across MCU rows
            assertEquals(0, cb.count());
            assertArrayEquals(expected, actual, "trial " + trial + ", " + width + " x " + rows);
            assertArrayEquals(new int[cb.coefY().length], cb.coefY(), "Y coefficients left behind");
            assertArrayEquals(new int[cb.coefC().length], cb.coefC(), "chroma coefficients left behind");
            frames++;
        }
        assertEquals(trials, frames);
    }
}
