// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The 8-bit IDCT variants that drop the terms of known-zero coefficients ({@link Idct8Reference#inverse8}
 * with its per-block and per-column choices, {@link Idct8Reference#inverse8Low}) against the plain islow
 * transform ({@link Idct#inverse}, which reads every coefficient): the outputs must be identical
 * for every sparsity pattern, and the variants must leave the coefficient block all zero.
 */
class JpegIdctTest {

    /** Sparsity patterns: the region a block's coefficients are drawn from. */
    private static final long[] REGIONS = {
        0x1L,                     // DC only
        0x0303L,                  // top-left 2x2
        Idct8Reference.LOW_4X4,             // top-left 4x4
        0x0F0F0F0F0F0F0F0FL,      // columns 0 to 3
        0x00000000FFFFFFFFL,      // rows 0 to 3
        0x0101010101010101L,      // column 0
        0xFFL,                    // row 0
        0x80000000000000FFL,      // row 0 and the last coefficient
        -1L,                      // anywhere
    };

    @Test
    void sparseVariantsMatchTheFullTransform() {
        Random rnd = new Random(20261128L);
        int[] c = new int[64 + 16];
        int[] ref = new int[64];
        int[] ws = new int[64];
        int stride = 13;
        int blocks = 0;
        for (long region : REGIONS) {
            for (int n = 0; n < 4000; n++) {
                // Values small enough that every result lies in -512..511 before the level shift,
                // where the two clamps (table and compare) agree.
                long mask = 1L;
                for (int z = 0; z < 64; z++) {
                    boolean allowed = (region >>> z & 1) != 0;
                    int density = n % 4; // 0: sparse ... 3: dense
                    if (allowed && (z == 0 || rnd.nextInt(4) <= density - 1 || n % 7 == 0)) {
                        int v = z == 0 ? rnd.nextInt(401) - 200 : rnd.nextInt(121) - 60;
                        c[z] = v;
                        if (z != 0 && v != 0) {
                            mask |= 1L << z;
                        }
                    }
                }
                System.arraycopy(c, 0, ref, 0, 64);
                short[] expected = new short[8 * stride];
                Idct.inverse(ref, new int[64], expected, 0, stride, 2, 255);
                byte[] actual = new byte[8 * stride];
                // The scalar dispatch (a DC-only block never reaches these; the decoder now batches
                // 8-bit blocks, see IdctBatch, and these variants remain its reference).
                if ((mask & ~Idct8Reference.LOW_4X4) == 0) {
                    Idct8Reference.inverse8Low(c, ws, actual, 0, stride, mask);
                } else {
                    Idct8Reference.inverse8(c, ws, actual, 0, stride, mask);
                }
                for (int r = 0; r < 8; r++) {
                    for (int x = 0; x < 8; x++) {
                        assertEquals(expected[r * stride + x], actual[r * stride + x] & 0xFF,
                                "region " + Long.toHexString(region) + " block " + n + " at " + r + "," + x);
                    }
                }
                assertArrayEquals(new int[64 + 16], c, "coefficients left behind, block " + n);
                blocks++;
            }
        }
        assertEquals(REGIONS.length * 4000, blocks);
    }

    /**
     * The batched structure-of-arrays IDCT against the plain islow transform: random blocks of
     * every sparsity pattern, including out-of-range values (where the 10-bit range limit of
     * libjpeg's table must be reproduced), in full and partial batches, written into two
     * destinations with different strides; the batch's coefficients must be all zero afterwards.
     * Every other batch draws all its blocks from one region, so that whole batches within the
     * top four rows, the left four columns or the top-left 4x4 take the batch's sparse passes.
     */
    @Test
    void batchedTransformMatchesTheFullTransform() {
        Random rnd = new Random(20261129L);
        IdctBatch batch = new IdctBatch();
        int strideA = 8 * IdctBatch.N + 5;
        int strideB = 24;
        int checked = 0;
        for (int round = 0; round < 90; round++) {
            int count = round % 3 == 0 ? IdctBatch.N : 1 + rnd.nextInt(IdctBatch.N);
            long batchRegion = round % 2 == 0 ? 0 : REGIONS[rnd.nextInt(REGIONS.length)];
            byte[] outA = new byte[8 * strideA];
            byte[] outB = new byte[8 * strideB * IdctBatch.N];
            short[][] expected = new short[count][];
            int[] offs = new int[count];
            for (int b = 0; b < count; b++) {
                long region = batchRegion != 0 ? batchRegion : REGIONS[rnd.nextInt(REGIONS.length)];
                boolean wild = rnd.nextInt(10) == 0;
                int[] block = new int[64];
                for (int z = 0; z < 64; z++) {
                    if ((region >>> z & 1) != 0 && (z == 0 || rnd.nextInt(3) == 0)) {
                        int v = wild ? rnd.nextInt(8001) - 4000
                                : (z == 0 ? rnd.nextInt(401) - 200 : rnd.nextInt(121) - 60);
                        block[z] = v;
                        batch.coef[(z >> 3) * IdctBatch.P + (z & 7) * IdctBatch.N + b] = v;
                    }
                }
                short[] ref = new short[64];
                Idct.inverse(block, new int[64], ref, 0, 8, 2, 255);
                // Idct.inverse clamps; the batch reproduces libjpeg's masked table instead, so
                // compute the reference sample from the unclamped value through Idct8Reference.LIMIT8.
                expected[b] = wild ? limited(block) : ref;
                boolean toA = (b & 1) == 0;
                offs[b] = toA ? b * 8 : b * 8 * strideB;
                assertEquals(b, batch.count());
                boolean full = batch.add(toA ? outA : outB, offs[b], toA ? strideA : strideB);
                assertEquals(b + 1 == IdctBatch.N, full);
            }
            batch.flush();
            assertEquals(0, batch.count());
            for (int b = 0; b < count; b++) {
                boolean toA = (b & 1) == 0;
                byte[] out = toA ? outA : outB;
                int stride = toA ? strideA : strideB;
                for (int r = 0; r < 8; r++) {
                    for (int x = 0; x < 8; x++) {
                        assertEquals(expected[b][r * 8 + x], out[offs[b] + r * stride + x] & 0xFF,
                                "round " + round + " block " + b + " at " + r + "," + x);
                    }
                }
                checked++;
            }
            assertArrayEquals(new int[batch.coef.length], batch.coef, "coefficients left behind");
        }
        assertEquals(true, checked > 90 * IdctBatch.N / 3);
    }

    /** islow with libjpeg's range limit (the low 10 bits of the descaled value, via Idct8Reference.LIMIT8). */
    private static short[] limited(int[] block) {
        // Run the 8-bit scalar transform, which uses the same table, on a copy.
        int[] c = new int[64 + 16];
        System.arraycopy(block, 0, c, 0, 64);
        byte[] out = new byte[64];
        Idct8Reference.inverse8(c, new int[64], out, 0, 8, -1L);
        short[] s = new short[64];
        for (int i = 0; i < 64; i++) {
            s[i] = (short) (out[i] & 0xFF);
        }
        return s;
    }
}
