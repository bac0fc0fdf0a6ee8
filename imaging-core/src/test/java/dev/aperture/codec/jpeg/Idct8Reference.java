// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

/**
 * The scalar 8-bit islow variants that decoded baseline blocks until session 3 (terms of known-zero
 * coefficients dropped, libjpeg's 10-bit masked range limit), kept as the tests' reference for
 * {@link IdctBatch}; {@link JpegIdctTest} checks them against the plain {@link Idct#inverse}.
 */
final class Idct8Reference {
    private Idct8Reference() {
    }

    private static final int CONST_BITS = 13;
    // FIX(x) = round(x * 2^13)
    private static final int F0_298631336 = 2446;
    private static final int F0_390180644 = 3196;
    private static final int F0_541196100 = 4433;
    private static final int F0_765366865 = 6270;
    private static final int F0_899976223 = 7373;
    private static final int F1_175875602 = 9633;
    private static final int F1_501321110 = 12299;
    private static final int F1_847759065 = 15137;
    private static final int F1_961570560 = 16069;
    private static final int F2_053119869 = 16819;
    private static final int F2_562915447 = 20995;
    private static final int F3_072711026 = 25172;

    /**
     * Range limit for 8-bit output, indexed by the unshifted result masked to 10 bits: values
     * -512..511 map to clamp(v + 128) (libjpeg's range_limit table does the same masking, so
     * even wildly out-of-range corrupt coefficients give libjpeg's answer).
     */
    static final byte[] LIMIT8 = new byte[1024];

    static {
        for (int i = 0; i < 1024; i++) {
            int v = (i < 512 ? i : i - 1024) + 128;
            LIMIT8[i] = (byte) (v < 0 ? 0 : (v > 255 ? 255 : v));
        }
    }

    /** Natural positions 8, 16, ..., 56: rows 1 to 7 of column 0. */
    private static final long AC_ROWS = 0x0101010101010100L;

    /** Natural positions of columns 4 to 7 in every row. */
    static final long RIGHT_COLS = 0xF0F0F0F0F0F0F0F0L;

    /** Natural positions of the top-left 4x4 coefficients (rows 0 to 3, columns 0 to 3). */
    static final long LOW_4X4 = 0x0F0F0F0FL;

    private static final int PASS1_8 = 2;
    private static final int SHIFT1_8 = CONST_BITS - PASS1_8;
    private static final int ROUND1_8 = 1 << (SHIFT1_8 - 1);
    private static final int SHIFT2_8 = CONST_BITS + PASS1_8 + 3;
    private static final int ROUND2_8 = 1 << (SHIFT2_8 - 1);

    /**
     * {@link #inverse} for 8-bit samples, with the constants folded in for the JIT.
     * {@code mask} has bit z set wherever {@code c[z]} may be non-zero (a clear bit promises a
     * zero). The mask picks, without changing a single result, the islow arithmetic with the
     * terms of known-zero coefficients dropped (they add exactly zero; the rounding and
     * descaling steps are the same): per column of pass 1, only DC or all; for pass 2, when
     * columns 4 to 7 of the block are zero (so are those of the workspace), rows with four
     * inputs. (A per-column "rows 0 to 3 only" variant in pass 1 was measured slower: the
     * branch mispredicts.) Every coefficient the mask allows is set back to zero as it is read,
     * so the caller's block is all zero again afterwards.
     */
    static void inverse8(int[] c, int[] ws, byte[] out, int off, int stride, long mask) {
        // Pass 1: columns into the workspace, scaled up by 2^pass1.
        boolean left = (mask & RIGHT_COLS) == 0;
        if (left) {
            // Columns 4 to 7 are zero: pass 2 runs on four inputs and does not read them.
            // (Rows 4 to 7 are not all zero: the caller takes inverse8Low then.)
            for (int col = 0; col < 4; col++) {
                if ((mask & (AC_ROWS << col)) == 0) {
                    columnDc(c, ws, col);
                } else {
                    column8(c, ws, col);
                }
            }
        } else if ((mask >>> 32) == 0) {
            // Rows 4 to 7 of the block are zero.
            for (int col = 0; col < 8; col++) {
                if ((mask & (AC_ROWS << col)) == 0) {
                    columnDc(c, ws, col);
                } else {
                    column4(c, ws, col);
                }
            }
        } else {
            for (int col = 0; col < 8; col++) {
                if ((mask & (AC_ROWS << col)) == 0) {
                    columnDc(c, ws, col);
                } else {
                    column8(c, ws, col);
                }
            }
        }
        // Pass 2: rows, removing the 2^pass1 scale, the 2^13 constants and the factor 8 of the
        // 2-D transform; add the level shift (T.81 A.3.1) and clamp.
        if (left) {
            for (int r = 0, o = off; r < 64; r += 8, o += stride) {
                row4(ws, r, out, o);
            }
        } else {
            for (int r = 0, o = off; r < 64; r += 8, o += stride) {
                row8(ws, r, out, o);
            }
        }
    }

    /**
     * {@link #inverse8} for a block whose non-zero coefficients all lie in the top-left 4x4
     * ({@code (mask & ~LOW_4X4) == 0}), common in chroma and smooth luma: pass 1 runs over
     * columns 0 to 3 only (columns 4 to 7 of the workspace would be zero and pass 2 does not
     * read them), with four inputs each, and pass 2 over rows with w4 to w7 zero. Clears the
     * coefficients it reads, like {@link #inverse8}.
     */
    static void inverse8Low(int[] c, int[] ws, byte[] out, int off, int stride, long mask) {
        for (int col = 0; col < 4; col++) {
            if ((mask & (AC_ROWS << col)) == 0) {
                columnDc(c, ws, col);
            } else {
                column4(c, ws, col);
            }
        }
        for (int r = 0, o = off; r < 64; r += 8, o += stride) {
            row4(ws, r, out, o);
        }
    }

    /** Pass 1 for a column with only its DC: every odd term and tmp2/tmp3 vanish, and
     * (dc << 13 + round) >> (13 - pass1) == dc << pass1. */
    private static void columnDc(int[] c, int[] ws, int col) {
        int dc = c[col] << PASS1_8;
        c[col] = 0;
        ws[col] = dc;
        ws[8 + col] = dc;
        ws[16 + col] = dc;
        ws[24 + col] = dc;
        ws[32 + col] = dc;
        ws[40 + col] = dc;
        ws[48 + col] = dc;
        ws[56 + col] = dc;
    }

    /** Pass 1 for a column whose rows 4 to 7 are zero: c[32], c[40], c[48], c[56] drop out. */
    private static void column4(int[] c, int[] ws, int col) {
        int c0 = c[col];
        int c1 = c[8 + col];
        int c2 = c[16 + col];
        int c3 = c[24 + col];
        c[col] = 0;
        c[8 + col] = 0;
        c[16 + col] = 0;
        c[24 + col] = 0;
        int z1 = c2 * F0_541196100;
        int tmp2 = z1;
        int tmp3 = z1 + c2 * F0_765366865;
        int tmp0 = c0 << CONST_BITS;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp0 + tmp2;
        int tmp12 = tmp0 - tmp2;

        int z5 = (c3 + c1) * F1_175875602;
        int o1 = c1 * -F0_899976223;
        int o2 = c3 * -F2_562915447;
        int o3 = c3 * -F1_961570560 + z5;
        int o4 = c1 * -F0_390180644 + z5;
        int t0 = o1 + o3;
        int t1 = o2 + o4;
        int t2 = c3 * F3_072711026 + o2 + o3;
        int t3 = c1 * F1_501321110 + o1 + o4;

        ws[col] = (tmp10 + t3 + ROUND1_8) >> SHIFT1_8;
        ws[56 + col] = (tmp10 - t3 + ROUND1_8) >> SHIFT1_8;
        ws[8 + col] = (tmp11 + t2 + ROUND1_8) >> SHIFT1_8;
        ws[48 + col] = (tmp11 - t2 + ROUND1_8) >> SHIFT1_8;
        ws[16 + col] = (tmp12 + t1 + ROUND1_8) >> SHIFT1_8;
        ws[40 + col] = (tmp12 - t1 + ROUND1_8) >> SHIFT1_8;
        ws[24 + col] = (tmp13 + t0 + ROUND1_8) >> SHIFT1_8;
        ws[32 + col] = (tmp13 - t0 + ROUND1_8) >> SHIFT1_8;
    }

    /** Pass 1 for a full column. */
    private static void column8(int[] c, int[] ws, int col) {
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
        c[col] = 0;
        c[8 + col] = 0;
        c[16 + col] = 0;
        c[24 + col] = 0;
        c[32 + col] = 0;
        c[40 + col] = 0;
        c[48 + col] = 0;
        c[56 + col] = 0;
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

        ws[col] = (tmp10 + tmp3 + ROUND1_8) >> SHIFT1_8;
        ws[56 + col] = (tmp10 - tmp3 + ROUND1_8) >> SHIFT1_8;
        ws[8 + col] = (tmp11 + tmp2 + ROUND1_8) >> SHIFT1_8;
        ws[48 + col] = (tmp11 - tmp2 + ROUND1_8) >> SHIFT1_8;
        ws[16 + col] = (tmp12 + tmp1 + ROUND1_8) >> SHIFT1_8;
        ws[40 + col] = (tmp12 - tmp1 + ROUND1_8) >> SHIFT1_8;
        ws[24 + col] = (tmp13 + tmp0 + ROUND1_8) >> SHIFT1_8;
        ws[32 + col] = (tmp13 - tmp0 + ROUND1_8) >> SHIFT1_8;
    }

    /** Writes eight equal samples: a row whose AC terms are zero, (dc << 13 + 2^(shift2-1)) >> shift2. */
    private static void rowFlat(int w0, byte[] out, int o) {
        byte s = LIMIT8[((w0 + (1 << (PASS1_8 + 2))) >> (PASS1_8 + 3)) & 1023];
        out[o] = s;
        out[o + 1] = s;
        out[o + 2] = s;
        out[o + 3] = s;
        out[o + 4] = s;
        out[o + 5] = s;
        out[o + 6] = s;
        out[o + 7] = s;
    }

    /** Pass 2 for a workspace row whose w4 to w7 are zero. */
    private static void row4(int[] ws, int r, byte[] out, int o) {
        int w0 = ws[r];
        int w1 = ws[r + 1];
        int w2 = ws[r + 2];
        int w3 = ws[r + 3];
        if ((w1 | w2 | w3) == 0) {
            rowFlat(w0, out, o);
            return;
        }
        int z1 = w2 * F0_541196100;
        int tmp2 = z1;
        int tmp3 = z1 + w2 * F0_765366865;
        int tmp0 = w0 << CONST_BITS;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp0 + tmp2;
        int tmp12 = tmp0 - tmp2;

        int z5 = (w3 + w1) * F1_175875602;
        int o1 = w1 * -F0_899976223;
        int o2 = w3 * -F2_562915447;
        int o3 = w3 * -F1_961570560 + z5;
        int o4 = w1 * -F0_390180644 + z5;
        int t0 = o1 + o3;
        int t1 = o2 + o4;
        int t2 = w3 * F3_072711026 + o2 + o3;
        int t3 = w1 * F1_501321110 + o1 + o4;

        out[o] = LIMIT8[((tmp10 + t3 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 7] = LIMIT8[((tmp10 - t3 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 1] = LIMIT8[((tmp11 + t2 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 6] = LIMIT8[((tmp11 - t2 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 2] = LIMIT8[((tmp12 + t1 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 5] = LIMIT8[((tmp12 - t1 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 3] = LIMIT8[((tmp13 + t0 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 4] = LIMIT8[((tmp13 - t0 + ROUND2_8) >> SHIFT2_8) & 1023];
    }

    /** Pass 2 for a full workspace row. */
    private static void row8(int[] ws, int r, byte[] out, int o) {
        int w0 = ws[r];
        int w1 = ws[r + 1];
        int w2 = ws[r + 2];
        int w3 = ws[r + 3];
        int w4 = ws[r + 4];
        int w5 = ws[r + 5];
        int w6 = ws[r + 6];
        int w7 = ws[r + 7];
        if ((w1 | w2 | w3 | w4 | w5 | w6 | w7) == 0) {
            rowFlat(w0, out, o);
            return;
        }
        int z2 = w2;
        int z3 = w6;
        int z1 = (z2 + z3) * F0_541196100;
        int tmp2 = z1 - z3 * F1_847759065;
        int tmp3 = z1 + z2 * F0_765366865;
        int tmp0 = (w0 + w4) << CONST_BITS;
        int tmp1 = (w0 - w4) << CONST_BITS;
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

        out[o] = LIMIT8[((tmp10 + tmp3 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 7] = LIMIT8[((tmp10 - tmp3 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 1] = LIMIT8[((tmp11 + tmp2 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 6] = LIMIT8[((tmp11 - tmp2 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 2] = LIMIT8[((tmp12 + tmp1 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 5] = LIMIT8[((tmp12 - tmp1 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 3] = LIMIT8[((tmp13 + tmp0 + ROUND2_8) >> SHIFT2_8) & 1023];
        out[o + 4] = LIMIT8[((tmp13 - tmp0 + ROUND2_8) >> SHIFT2_8) & 1023];
    }
}
