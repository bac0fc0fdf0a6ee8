// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * 8-bit YCbCr to RGB for one output row, with libjpeg's "fancy" upsampling for 4:2:0 and 4:2:2,
 * done in planar stages so that HotSpot's C2 vectorises the arithmetic (SuperWord): the bytes are
 * first widened to int rows (scalar: C2 on JDK 17 does not vectorise a byte-to-int loop), with
 * Y split into even and odd columns; then every upsampling and colour stage is a small loop over
 * consecutive ints with constant multipliers and no table lookups; a last scalar loop interleaves
 * the packed pixels into RGB bytes.
 *
 * <p>The results are bit-identical to {@link ColourTables}: the multipliers are libjpeg's
 * {@code FIX()} constants of {@code jdcolor.c}, the rounding is the same, and clamping to 0..255
 * is done with shifts and masks.
 *
 * <p>One instance per decode (scratch rows sized for the frame width); not thread-safe.
 */
final class ColourRows {

    private static final int SCALE = 16;
    private static final int HALF = 1 << (SCALE - 1);
    private static final int CR_R = fix(1.40200);
    private static final int CB_B = fix(1.77200);
    private static final int CR_G = fix(0.71414);
    private static final int CB_G = fix(0.34414);

    private static int fix(double a) {
        return (int) (a * (1 << SCALE) + 0.5);
    }

    // Scratch rows; lengths padded unevenly (see IdctBatch on 4K aliasing).
    private final int[] yE;
    private final int[] yO;
    /** Chroma column sums with one replicated sample at each end: index i + 1 holds sample i. */
    private final int[] sCb;
    private final int[] sCr;
    private final int[] cbE;
    private final int[] cbO;
    private final int[] crE;
    private final int[] crO;
    private final int[] pkE;
    private final int[] pkO;

    /** Creates the scratch rows for a frame {@code width} samples wide. */
    ColourRows(int width) {
        int n = width + 2;
        yE = new int[n + 8];
        yO = new int[n + 24];
        sCb = new int[n + 40];
        sCr = new int[n + 56];
        cbE = new int[n + 72];
        cbO = new int[n + 88];
        crE = new int[n + 104];
        crO = new int[n + 120];
        pkE = new int[n + 136];
        pkO = new int[n + 152];
    }

    /**
     * 4:2:0 (v2 true: chroma rows {@code c0} and the nearer neighbour row {@code c1}, weighted
     * 3:1, then (3s[i] + s[i-1] + 8) >> 4 and (3s[i] + s[i+1] + 7) >> 4) or 4:2:2 (v2 false:
     * one chroma row {@code c0}, (3c[i] + c[i-1] + 1) >> 2 and (3c[i] + c[i+1] + 2) >> 2), the
     * missing neighbour at either end being the sample itself, as in libjpeg.
     *
     * @param n chroma samples in the row, ceil(width / 2)
     */
    void h2ToRgb8(byte[] yP, int yOff, byte[] cbP, int cb0, int cb1, byte[] crP, int cr0, int cr1, boolean v2,
                  int n, int width, byte[] out, int o) {
        final int[] yE = this.yE;
        final int[] yO = this.yO;
        final int[] sCb = this.sCb;
        final int[] sCr = this.sCr;
        int pairs = width >> 1;
        for (int i = 0; i < pairs; i++) {
            yE[i] = yP[yOff + 2 * i] & 0xFF;
            yO[i] = yP[yOff + 2 * i + 1] & 0xFF;
        }
        if (pairs < n) {
            yE[pairs] = yP[yOff + 2 * pairs] & 0xFF;
            yO[pairs] = 0;
        }
        // One loop per plane: still scalar on JDK 17 (no byte-to-int vectorising), but C2
        // unrolls it further than the two-plane loop, which measured faster (benchmarks/README).
        if (v2) {
            verticalSums(cbP, cb0, cb1, sCb, n);
            verticalSums(crP, cr0, cr1, sCr, n);
        } else {
            widen(cbP, cb0, sCb, 1, n);
            widen(crP, cr0, sCr, 1, n);
        }
        sCb[0] = sCb[1];
        sCb[n + 1] = sCb[n];
        sCr[0] = sCr[1];
        sCr[n + 1] = sCr[n];
        int biasE = v2 ? 8 : 1;
        int biasO = v2 ? 7 : 2;
        int shift = v2 ? 4 : 2;
        upsample(sCb, cbE, cbO, n, biasE, biasO, shift);
        upsample(sCr, crE, crO, n, biasE, biasO, shift);
        colour(yE, cbE, crE, pkE, n);
        colour(yO, cbO, crO, pkO, n);
        final int[] pkE = this.pkE;
        final int[] pkO = this.pkO;
        int i0 = 0;
        for (int k = o; i0 + 1 < pairs; i0 += 2, k += 12) {
            put4(out, k, pkE[i0], pkO[i0], pkE[i0 + 1], pkO[i0 + 1]);
        }
        for (int i = i0, k = o + 6 * i0; i < pairs; i++, k += 6) {
            int e = pkE[i];
            int d = pkO[i];
            out[k] = (byte) e;
            out[k + 1] = (byte) (e >> 8);
            out[k + 2] = (byte) (e >> 16);
            out[k + 3] = (byte) d;
            out[k + 4] = (byte) (d >> 8);
            out[k + 5] = (byte) (d >> 16);
        }
        if (pairs < n) {
            int e = pkE[pairs];
            int k = o + 6 * pairs;
            out[k] = (byte) e;
            out[k + 1] = (byte) (e >> 8);
            out[k + 2] = (byte) (e >> 16);
        }
    }

    /** 4:4:4: every plane at full resolution. */
    void fullToRgb8(byte[] yP, int yOff, byte[] cbP, int cbOff, byte[] crP, int crOff, int width, byte[] out,
                    int o) {
        final int[] y = yE;
        final int[] cb = cbE;
        final int[] cr = crE;
        // One loop per plane: still scalar on JDK 17, but faster than one loop over the three
        // planes (rgb444 x1.06-1.10, benchmarks/README "JPEG baseline entropy decoding, session 4").
        widen(yP, yOff, y, 0, width);
        widen(cbP, cbOff, cb, 0, width);
        widen(crP, crOff, cr, 0, width);
        colour(y, cb, cr, pkE, width);
        final int[] pk = pkE;
        int i0 = 0;
        for (int k = o; i0 + 3 < width; i0 += 4, k += 12) {
            put4(out, k, pk[i0], pk[i0 + 1], pk[i0 + 2], pk[i0 + 3]);
        }
        for (int i = i0, k = o + 3 * i0; i < width; i++, k += 3) {
            int p = pk[i];
            out[k] = (byte) p;
            out[k + 1] = (byte) (p >> 8);
            out[k + 2] = (byte) (p >> 16);
        }
    }

    /** dst[d + i] = src[off + i] as an unsigned byte, for i < n. */
    private static void widen(byte[] src, int off, int[] dst, int d, int n) {
        for (int i = 0; i < n; i++) {
            dst[d + i] = src[off + i] & 0xFF;
        }
    }

    /** s[1 + i] = 3 p[c0 + i] + p[c1 + i] (unsigned bytes), for i < n: the vertical 3:1 of 4:2:0. */
    private static void verticalSums(byte[] p, int c0, int c1, int[] s, int n) {
        for (int i = 0; i < n; i++) {
            s[i + 1] = (p[c0 + i] & 0xFF) * 3 + (p[c1 + i] & 0xFF);
        }
    }

    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** Writes four packed pixels as 12 RGB bytes at k with one 8-byte and one 4-byte store. */
    private static void put4(byte[] out, int k, int p0, int p1, int p2, int p3) {
        LE_LONG.set(out, k, (p0 & 0xFFFFFFL) | ((p1 & 0xFFFFFFL) << 24) | ((long) p2 << 48));
        LE_INT.set(out, k + 8, ((p2 >>> 16) & 0xFF) | (p3 << 8));
    }

    /** Horizontal 3:1 interpolation of the padded sums s into even and odd output columns. */
    private static void upsample(int[] s, int[] even, int[] odd, int n, int biasE, int biasO, int shift) {
        for (int i = 0; i < n; i++) {
            even[i] = (s[i + 1] * 3 + s[i] + biasE) >> shift;
        }
        for (int i = 0; i < n; i++) {
            odd[i] = (s[i + 1] * 3 + s[i + 2] + biasO) >> shift;
        }
    }

    /**
     * R, G and B of m pixels, each clamped to 0..255, packed as {@code r | g << 8 | b << 16}
     * (one loop per channel: C2 vectorises only loops small enough to unroll).
     */
    private static void colour(int[] y, int[] cb, int[] cr, int[] pk, int m) {
        for (int i = 0; i < m; i++) {
            pk[i] = clamp(y[i] + ((CR_R * (cr[i] - 128) + HALF) >> SCALE));
        }
        for (int i = 0; i < m; i++) {
            int g = y[i] + ((HALF - CB_G * (cb[i] - 128) - CR_G * (cr[i] - 128)) >> SCALE);
            pk[i] |= clamp(g) << 8;
        }
        for (int i = 0; i < m; i++) {
            pk[i] |= clamp(y[i] + ((CB_B * (cb[i] - 128) + HALF) >> SCALE)) << 16;
        }
    }

    /** clamp(v, 0, 255) from shifts and masks (vectorisable; Math.min/max was not on JDK 17). */
    private static int clamp(int v) {
        v &= ~(v >> 31);
        int d = v - 255;
        return 255 + (d & (d >> 31));
    }
}
