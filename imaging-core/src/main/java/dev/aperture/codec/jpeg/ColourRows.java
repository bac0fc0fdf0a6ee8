// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * 8-bit YCbCr to RGB for one output row, with libjpeg's "fancy" upsampling for 4:2:0 and 4:2:2,
 * done in planar stages so that HotSpot's C2 vectorises the arithmetic (SuperWord): the bytes are
 * first widened to int rows (scalar: C2 on JDK 17 does not vectorise a byte-to-int loop), with
 * Y split into even and odd columns; then every upsampling and colour stage is a small loop over
 * consecutive ints with constant multipliers and no table lookups; a last scalar loop writes
 * the packed pixels as RGB bytes. Every array access in a vectorised loop is at the same offset
 * from the loop index (C2 on JDK 17 leaves a loop scalar that reads {@code c[i]} and
 * {@code c[i + 1]}, even from two different arrays), so neighbours come as shifted copies.
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
    /** A chroma row widened, with one replicated sample at each end: index i + 1 holds sample i. */
    private final int[] wide;
    /** wide shifted by one and by two (samples i and i + 1 at index i). */
    private final int[] cur;
    private final int[] next;
    /** 4:2:0: horizontal pre-sums of three chroma rows per plane, and which row each slot holds. */
    private final int[][] rowE = new int[6][];
    private final int[][] rowO = new int[6][];
    private final int[] rowKey = new int[6];
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
        int h = (width + 1) / 2 + 2;      // a chroma row of 4:2:0 or 4:2:2, padded
        wide = new int[h + 40];
        cur = new int[h + 56];
        next = new int[h + 168];
        cbE = new int[n + 72];
        cbO = new int[n + 88];
        crE = new int[n + 104];
        crO = new int[n + 120];
        pkE = new int[n + 136];
        pkO = new int[n + 152];
        for (int k = 0; k < 6; k++) {
            rowE[k] = new int[h + 184 + 32 * k];
            rowO[k] = new int[h + 200 + 32 * k];
        }
        forgetRows();
    }

    /**
     * 4:2:2 (libjpeg's h2v1 "fancy" upsampling): one chroma row per plane, at {@code cbOff} and
     * {@code crOff}, upsampled as (3c[i] + c[i-1] + 1) >> 2 and (3c[i] + c[i+1] + 2) >> 2, the
     * missing neighbour at either end being the sample itself.
     *
     * @param n chroma samples in the row, ceil(width / 2)
     */
    void h2v1ToRgb8(byte[] yP, int yOff, byte[] cbP, int cbOff, byte[] crP, int crOff, int n, int width,
                    byte[] out, int o) {
        horizontal(cbP, cbOff, n, cbE, cbO, 1, 2, 2);
        horizontal(crP, crOff, n, crE, crO, 1, 2, 2);
        h2Output(yP, yOff, n, width, out, o);
    }

    /**
     * 4:2:0 (libjpeg's h2v2 "fancy" upsampling) for the output row whose nearer chroma row is
     * {@code cy} and whose other neighbour row is {@code ny} (cy itself at the top and bottom
     * edges): with s = 3 c[cy] + c[ny] per column, (3s[i] + s[i-1] + 8) >> 4 and
     * (3s[i] + s[i+1] + 7) >> 4. The sums are computed in the other order, which is the same
     * integer arithmetic: 3s[i] + s[i-1] = 3 (3 c[cy][i] + c[cy][i-1]) + (3 c[ny][i] + c[ny][i-1]),
     * so the horizontal pre-sums in brackets are computed once per chroma row (every row serves
     * four output rows) and kept for the three chroma rows an output row can use; see
     * {@link #forgetRows()}.
     *
     * @param s1 row stride of the Cb plane, chroma row r at {@code r * s1}
     * @param s2 row stride of the Cr plane
     * @param n chroma samples in the row, ceil(width / 2)
     */
    void h2v2ToRgb8(byte[] yP, int yOff, byte[] cbP, int s1, byte[] crP, int s2, int cy, int ny, int n,
                    int width, byte[] out, int o) {
        int a = preSums(cbP, s1, cy, 0, n);
        int b = preSums(cbP, s1, ny, 0, n);
        vertical(rowE[a], rowE[b], cbE, n, 8);
        vertical(rowO[a], rowO[b], cbO, n, 7);
        a = preSums(crP, s2, cy, 1, n);
        b = preSums(crP, s2, ny, 1, n);
        vertical(rowE[a], rowE[b], crE, n, 8);
        vertical(rowO[a], rowO[b], crO, n, 7);
        h2Output(yP, yOff, n, width, out, o);
    }

    /** Drops the cached chroma pre-sums (call before the rows of another frame or plane). */
    void forgetRows() {
        Arrays.fill(rowKey, -1);
    }

    /**
     * After chroma row {@code from} of both planes was copied to row {@code to}: keeps its
     * cached pre-sums (if any) as those of row {@code to} and drops every other row's.
     */
    void moveRow(int from, int to) {
        for (int plane = 0; plane < 2; plane++) {
            int a = plane * 3 + from % 3;
            int b = plane * 3 + to % 3;
            boolean kept = rowKey[a] == from;
            int[] e = rowE[a];
            int[] o = rowO[a];
            rowE[a] = rowE[b];
            rowO[a] = rowO[b];
            rowE[b] = e;
            rowO[b] = o;
            for (int k = 0; k < 3; k++) {
                rowKey[plane * 3 + k] = -1;
            }
            rowKey[b] = kept ? to : -1;
        }
    }

    /**
     * Slot of the horizontal pre-sums of chroma row r of plane {@code plane} (0 Cb, 1 Cr),
     * computed into it unless already there. Rows r - 1, r and r + 1 go to distinct slots.
     */
    private int preSums(byte[] p, int stride, int r, int plane, int n) {
        int slot = plane * 3 + r % 3;
        if (rowKey[slot] != r) {
            horizontal(p, r * stride, n, rowE[slot], rowO[slot], 0, 0, 0);
            rowKey[slot] = r;
        }
        return slot;
    }

    /**
     * even[i] = (3c[i] + c[i-1] + biasE) >> shift and odd[i] = (3c[i] + c[i+1] + biasO) >> shift
     * for the n samples c of a row at p[off], the missing neighbour at either end being the
     * sample itself. C2 on JDK 17 vectorises a loop only when all its array accesses have the
     * same offset from the index (c[i] with c[i + 1] stayed scalar: 0.65 ns per element, against
     * 0.17 with aligned copies), so the neighbours come as shifted copies made by arraycopy.
     */
    private void horizontal(byte[] p, int off, int n, int[] even, int[] odd, int biasE, int biasO, int shift) {
        final int[] w = wide;
        final int[] c = cur;
        final int[] nx = next;
        for (int i = 0; i < n; i++) {
            w[i + 1] = p[off + i] & 0xFF;
        }
        w[0] = w[1];
        w[n + 1] = w[n];
        System.arraycopy(w, 1, c, 0, n);
        System.arraycopy(w, 2, nx, 0, n);
        for (int i = 0; i < n; i++) {
            even[i] = (c[i] * 3 + w[i] + biasE) >> shift;
        }
        for (int i = 0; i < n; i++) {
            odd[i] = (c[i] * 3 + nx[i] + biasO) >> shift;
        }
    }

    /** out[i] = (3a[i] + b[i] + bias) >> 4: the vertical step of 4:2:0 on pre-sums. */
    private static void vertical(int[] a, int[] b, int[] out, int n, int bias) {
        for (int i = 0; i < n; i++) {
            out[i] = (a[i] * 3 + b[i] + bias) >> 4;
        }
    }

    /** The Y row, split into even and odd columns, with the upsampled chroma to RGB bytes. */
    private void h2Output(byte[] yP, int yOff, int n, int width, byte[] out, int o) {
        final int[] yE = this.yE;
        final int[] yO = this.yO;
        int pairs = width >> 1;
        for (int i = 0; i < pairs; i++) {
            yE[i] = yP[yOff + 2 * i] & 0xFF;
            yO[i] = yP[yOff + 2 * i + 1] & 0xFF;
        }
        if (pairs < n) {
            yE[pairs] = yP[yOff + 2 * pairs] & 0xFF;
            yO[pairs] = 0;
        }
        colour(yE, cbE, crE, pkE, n);
        colour(yO, cbO, crO, pkO, n);
        // Pixel p at 3p as one 4-byte store, in order, so that its fourth byte (zero) is
        // overwritten by pixel p + 1; the row's last pixel as three bytes, so that nothing
        // outside the row is touched. (Measured 0.3 ns per pixel, against 0.6 to 0.8 for
        // building one 8-byte and one 4-byte word per 4 pixels.)
        final int[] pkE = this.pkE;
        final int[] pkO = this.pkO;
        int q = (width - 1) >> 1;         // pairs before the last pixel
        for (int i = 0, k = o; i < q; i++, k += 6) {
            LE_INT.set(out, k, pkE[i]);
            LE_INT.set(out, k + 3, pkO[i]);
        }
        int k = o + 6 * q;
        if ((width & 1) == 0) {
            LE_INT.set(out, k, pkE[q]);
            put3(out, k + 3, pkO[q]);
        } else {
            put3(out, k, pkE[q]);
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
        // as in h2Output: overlapping 4-byte stores, the last pixel as bytes
        final int[] pk = pkE;
        int last = width - 1;
        for (int i = 0, k = o; i < last; i++, k += 3) {
            LE_INT.set(out, k, pk[i]);
        }
        put3(out, o + 3 * last, pk[last]);
    }

    /** The packed pixel p as the 3 bytes at out[k]. */
    private static void put3(byte[] out, int k, int p) {
        out[k] = (byte) p;
        out[k + 1] = (byte) (p >> 8);
        out[k + 2] = (byte) (p >> 16);
    }

    /** dst[d + i] = src[off + i] as an unsigned byte, for i < n. */
    private static void widen(byte[] src, int off, int[] dst, int d, int n) {
        for (int i = 0; i < n; i++) {
            dst[d + i] = src[off + i] & 0xFF;
        }
    }

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    /**
     * R, G and B of m pixels, each clamped to 0..255, packed as {@code r | g << 8 | b << 16}
     * (one loop per channel: C2 vectorises only loops small enough to unroll).
     */
    static void colour(int[] y, int[] cb, int[] cr, int[] pk, int m) {
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

    /** One pixel of {@link #colour}: r | g << 8 | b << 16 for y, cb, cr in 0..255. */
    static int pixel(int y, int cb, int cr) {
        int r = clamp(y + ((CR_R * (cr - 128) + HALF) >> SCALE));
        int g = clamp(y + ((HALF - CB_G * (cb - 128) - CR_G * (cr - 128)) >> SCALE));
        int b = clamp(y + ((CB_B * (cb - 128) + HALF) >> SCALE));
        return r | g << 8 | b << 16;
    }

    /** clamp(v, 0, 255) from shifts and masks (vectorisable; Math.min/max was not on JDK 17). */
    private static int clamp(int v) {
        v &= ~(v >> 31);
        int d = v - 255;
        return 255 + (d & (d >> 31));
    }
}
