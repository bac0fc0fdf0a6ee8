// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

/**
 * The accurate integer inverse DCT of the Loeffler-Ligtenberg-Moschytz factorisation with 13-bit
 * constants, the algorithm of IJG libjpeg's {@code jidctint.c} ("islow"), written anew. Meets
 * IEEE 1180-1990 accuracy. Used for 8-bit (two fraction bits in the intermediate pass) and
 * 12-bit samples (one fraction bit, so that the intermediate values stay in 32 bits), which is
 * what libjpeg does, so that results match DCMTK's decoder.
 *
 * <p>Stateless; the caller supplies the workspace.
 */
final class Idct {
    private Idct() {
    }

    private static final int CONST_BITS = 13;
    // FIX(x) = round(x * 2^13); the batched IDCT uses the same constants
    static final int F0_298631336 = 2446;
    static final int F0_390180644 = 3196;
    static final int F0_541196100 = 4433;
    static final int F0_765366865 = 6270;
    static final int F0_899976223 = 7373;
    static final int F1_175875602 = 9633;
    static final int F1_501321110 = 12299;
    static final int F1_847759065 = 15137;
    static final int F1_961570560 = 16069;
    static final int F2_053119869 = 16819;
    static final int F2_562915447 = 20995;
    static final int F3_072711026 = 25172;

    /**
     * Inverse-transforms one block of dequantised coefficients (natural order) and writes the
     * samples, level-shifted and clamped to {@code [0, maxVal]}, into {@code out}.
     *
     * @param c        64 dequantised coefficients, natural order (read only)
     * @param ws       workspace of 64 ints
     * @param out      destination plane
     * @param off      index of the block's top-left sample in {@code out}
     * @param stride   plane width in samples
     * @param pass1    fraction bits kept between the passes: 2 for 8-bit, 1 for 12-bit samples
     * @param maxVal   largest sample value (255 or 4095)
     */
    static void inverse(int[] c, int[] ws, short[] out, int off, int stride, int pass1, int maxVal) {
        final int shift1 = CONST_BITS - pass1;
        final int round1 = 1 << (shift1 - 1);
        // Pass 1: columns into the workspace, scaled up by 2^pass1.
        for (int col = 0; col < 8; col++) {
            if ((c[8 + col] | c[16 + col] | c[24 + col] | c[32 + col] | c[40 + col] | c[48 + col]
                    | c[56 + col]) == 0) {
                // Only DC: the full computation below reduces exactly to this (every odd term
                // and tmp2/tmp3 vanish, and (dc << 13 + round) >> (13 - pass1) == dc << pass1).
                int dc = c[col] << pass1;
                for (int r = 0; r < 64; r += 8) {
                    ws[r + col] = dc;
                }
                continue;
            }
            int z2 = c[16 + col];
            int z3 = c[48 + col];
            int z1 = (z2 + z3) * F0_541196100;
            int tmp2 = z1 - z3 * F1_847759065;
            int tmp3 = z1 + z2 * F0_765366865;
            z2 = c[col];
            z3 = c[32 + col];
            int tmp0 = (z2 + z3) << CONST_BITS;
            int tmp1 = (z2 - z3) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = c[56 + col];
            tmp1 = c[40 + col];
            tmp2 = c[24 + col];
            tmp3 = c[8 + col];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * F1_175875602;
            tmp0 *= F0_298631336;
            tmp1 *= F2_053119869;
            tmp2 *= F3_072711026;
            tmp3 *= F1_501321110;
            z1 *= -F0_899976223;
            z2 *= -F2_562915447;
            z3 = z3 * -F1_961570560 + z5;
            z4 = z4 * -F0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            ws[col] = (tmp10 + tmp3 + round1) >> shift1;
            ws[56 + col] = (tmp10 - tmp3 + round1) >> shift1;
            ws[8 + col] = (tmp11 + tmp2 + round1) >> shift1;
            ws[48 + col] = (tmp11 - tmp2 + round1) >> shift1;
            ws[16 + col] = (tmp12 + tmp1 + round1) >> shift1;
            ws[40 + col] = (tmp12 - tmp1 + round1) >> shift1;
            ws[24 + col] = (tmp13 + tmp0 + round1) >> shift1;
            ws[32 + col] = (tmp13 - tmp0 + round1) >> shift1;
        }
        // Pass 2: rows, removing the 2^pass1 scale, the 2^13 constants and the factor 8 of the
        // 2-D transform; add the level shift (T.81 A.3.1) and clamp.
        final int shift2 = CONST_BITS + pass1 + 3;
        final int round2 = 1 << (shift2 - 1);
        final int center = (maxVal + 1) >> 1;
        for (int r = 0, o = off; r < 64; r += 8, o += stride) {
            int w1 = ws[r + 1];
            int w2 = ws[r + 2];
            int w3 = ws[r + 3];
            int w4 = ws[r + 4];
            int w5 = ws[r + 5];
            int w6 = ws[r + 6];
            int w7 = ws[r + 7];
            if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) == 0) {
                // As in pass 1, exact: (dc << 13 + 2^(shift2-1)) >> shift2.
                int v = clamp(((ws[r] + (1 << (pass1 + 2))) >> (pass1 + 3)) + center, maxVal);
                short s = (short) v;
                out[o] = s;
                out[o + 1] = s;
                out[o + 2] = s;
                out[o + 3] = s;
                out[o + 4] = s;
                out[o + 5] = s;
                out[o + 6] = s;
                out[o + 7] = s;
                continue;
            }
            int z2 = w2;
            int z3 = w6;
            int z1 = (z2 + z3) * F0_541196100;
            int tmp2 = z1 - z3 * F1_847759065;
            int tmp3 = z1 + z2 * F0_765366865;
            int tmp0 = (ws[r] + w4) << CONST_BITS;
            int tmp1 = (ws[r] - w4) << CONST_BITS;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;

            tmp0 = w7;
            tmp1 = w5;
            tmp2 = w3;
            tmp3 = w1;
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            int z4 = tmp1 + tmp3;
            int z5 = (z3 + z4) * F1_175875602;
            tmp0 *= F0_298631336;
            tmp1 *= F2_053119869;
            tmp2 *= F3_072711026;
            tmp3 *= F1_501321110;
            z1 *= -F0_899976223;
            z2 *= -F2_562915447;
            z3 = z3 * -F1_961570560 + z5;
            z4 = z4 * -F0_390180644 + z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            out[o] = (short) clamp(((tmp10 + tmp3 + round2) >> shift2) + center, maxVal);
            out[o + 7] = (short) clamp(((tmp10 - tmp3 + round2) >> shift2) + center, maxVal);
            out[o + 1] = (short) clamp(((tmp11 + tmp2 + round2) >> shift2) + center, maxVal);
            out[o + 6] = (short) clamp(((tmp11 - tmp2 + round2) >> shift2) + center, maxVal);
            out[o + 2] = (short) clamp(((tmp12 + tmp1 + round2) >> shift2) + center, maxVal);
            out[o + 5] = (short) clamp(((tmp12 - tmp1 + round2) >> shift2) + center, maxVal);
            out[o + 3] = (short) clamp(((tmp13 + tmp0 + round2) >> shift2) + center, maxVal);
            out[o + 4] = (short) clamp(((tmp13 - tmp0 + round2) >> shift2) + center, maxVal);
        }
    }

    private static int clamp(int v, int maxVal) {
        return v < 0 ? 0 : (v > maxVal ? maxVal : v);
    }
}
