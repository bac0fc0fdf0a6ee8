// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Colour420Batch} (4:2:0 decoded straight to RGB) against the planar path it replaces:
 * the same random blocks through {@link IdctBatch} into whole-frame byte planes, then
 * {@link ColourRows#h2v2ToRgb8} row by row with the chroma rows the decoder's planar output
 * picks (itself checked against libjpeg's tables in {@link JpegColourRowsTest}). Rows of one
 * to several batches, so that the chroma neighbour crosses batch boundaries; widths not a
 * multiple of 16 and odd, so that the right image edge falls inside an MCU at every chroma
 * column; heights of every residue modulo 16, so that the bottom edge falls at every chroma row
 * and pixel row of the last MCU row, and the image rows cut before the frame's lines; DC-only and
 * saturating blocks, batches whose Y or chroma blocks are all DC-only. Bytes outside the image
 * must stay untouched.
 */
class JpegColour420BatchTest {

    @Test
    void matchesPlanesThenH2v2() {
        Random rnd = new Random(20261128L);
        int[] fixedWidths = {5, 6, 15, 16, 17, 31, 32 * 16, 32 * 16 - 1, 32 * 16 + 1, 64 * 16 + 2, 64 * 16 - 9};
        int trials = fixedWidths.length + 30;
        int frames = 0;
        for (int trial = 0; trial < trials; trial++) {
            int width = trial < fixedWidths.length ? fixedWidths[trial] : 5 + rnd.nextInt(16 * 2 * Colour420Batch.M + 60);
            int lines = 1 + (trial < 16 ? trial : rnd.nextInt(50));
            int rows = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(lines) : lines;
            int mcusX = (width + 15) / 16;
            int mcusY = (lines + 15) / 16;
            int strideY = mcusX * 16;
            int strideC = mcusX * 8;
            int chromaW = (width + 1) / 2;
            int chromaHt = (lines + 1) / 2;
            int dstOff = rnd.nextInt(5);
            byte[] actual = new byte[dstOff + 3 * width * rows + 9];
            byte[] expected = new byte[actual.length];
            Arrays.fill(actual, (byte) 0x5A);
            Arrays.fill(expected, (byte) 0x5A);
            IdctBatch planar = new IdctBatch();
            byte[][] planes = {new byte[strideY * 16 * mcusY], new byte[strideC * 8 * mcusY],
                new byte[strideC * 8 * mcusY]};
            Colour420Batch cb = new Colour420Batch(new IdctBatch(), new ColourRows(width), actual, dstOff, width,
                    lines, rows);
            for (int my = 0; my < mcusY; my++) {
                cb.startRow(my);
                for (int mx = 0; mx < mcusX; mx++) {
                    int lane = cb.count();
                    for (int blk = 0; blk < 6; blk++) {
                        // every fourth frame has only DC-only Y blocks, every fourth after it only
                        // DC-only chroma blocks, so that whole batches skip the transform
                        boolean dcOnly = trial % 4 == 1 && blk < 4 || trial % 4 == 2 && blk >= 4;
                        int kind = dcOnly ? 0 : rnd.nextInt(4);
                        boolean ac = false;
                        int[] target = blk < 2 ? cb.coefY0() : blk < 4 ? cb.coefY1() : cb.coefC();
                        int tl = lane + (blk == 1 || blk == 3 || blk == 5 ? Colour420Batch.M : 0);
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
                            target[at + tl] = v;
                            ac |= z > 0 && v != 0;
                            planar.coef[at + planar.count()] = v;
                        }
                        if (ac) {
                            cb.hasAc(blk < 2 ? 0 : blk < 4 ? 1 : 2);
                        }
                        int yOff = (my * 16 + (blk >> 1) * 8) * strideY + mx * 16 + (blk & 1) * 8;
                        boolean full = switch (blk) {
                            case 0, 1, 2, 3 -> planar.add(planes[0], yOff, strideY);
                            case 4 -> planar.add(planes[1], my * 8 * strideC + mx * 8, strideC);
                            default -> planar.add(planes[2], my * 8 * strideC + mx * 8, strideC);
                        };
                        if (full) {
                            planar.flush();
                        }
                    }
                    if (cb.add(mx)) {
                        cb.flush();
                    }
                }
                cb.flush();
                cb.endRow();
            }
            cb.finish();
            planar.flush();
            ColourRows colourRows = new ColourRows(width);
            for (int y = 0; y < rows; y++) {
                int cy = y >> 1;
                int ny = (y & 1) == 0 ? Math.max(cy - 1, 0) : Math.min(cy + 1, chromaHt - 1);
                colourRows.h2v2ToRgb8(planes[0], y * strideY, planes[1], strideC, planes[2], strideC, cy, ny, chromaW,
                        width, expected, dstOff + 3 * width * y);
            }
            assertEquals(0, cb.count());
            assertArrayEquals(expected, actual, "trial " + trial + ", " + width + " x " + rows + " of " + lines);
            assertArrayEquals(new int[cb.coefY0().length], cb.coefY0(), "Y coefficients left behind");
            assertArrayEquals(new int[cb.coefY1().length], cb.coefY1(), "Y coefficients left behind");
            assertArrayEquals(new int[cb.coefC().length], cb.coefC(), "chroma coefficients left behind");
            frames++;
        }
        assertEquals(trials, frames);
    }
}
