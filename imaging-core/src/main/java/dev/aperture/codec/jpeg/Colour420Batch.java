// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * 8-bit YCbCr 4:2:0 (Y sampled 2x2, Cb and Cr 1x1, one interleaved scan) decoded straight to
 * RGB, the h2v2 counterpart of {@link Colour422Batch}: up to {@link #M} consecutive MCUs of one
 * MCU row are held in three coefficient batches, Y top (the top-left block of MCU m in lane m,
 * the top-right one in lane M + m), Y bottom (likewise) and chroma (Cb in lane m, Cr in lane
 * M + m), transformed by {@link IdctBatch#transform}, upsampled with libjpeg's h2v2 "fancy"
 * filter (vertical sums s = 3 c[near row] + c[far row] of the chroma rows, then
 * (3 s[i] + s[i - 1] + 8) >> 4 and (3 s[i] + s[i + 1] + 7) >> 4 across), converted by
 * {@link ColourRows#colour} and written as RGB pixels.
 *
 * <p>Pixel rows 1 to 14 of an MCU row use chroma rows of that MCU row only and are written at
 * the flush. Rows 0 and 15 also need the chroma row next to them in the MCU row above or
 * below, so their samples (Y rows 0 and 15, chroma rows 0 and 7) are kept as byte rows and
 * written by {@link ColourRows#h2v2ToRgb8} once both MCU rows are decoded ({@link #endRow},
 * {@link #finish}). The horizontal neighbour across MCUs is handled as in
 * {@link Colour422Batch}: lanes are consecutive MCUs, the left one of a batch's first MCU is
 * kept from the previous batch of the row, and the last MCU's last pixel column is rewritten
 * at the next flush of the row. At the right and bottom image edges the last chroma column
 * and row are their own neighbours, as in the planar path, whose output this one matches bit
 * for bit.
 *
 * <p>One instance per decode; not thread-safe.
 */
final class Colour420Batch {

    private static final int N = IdctBatch.N;
    private static final int P = IdctBatch.P;
    /** MCUs per batch. */
    static final int M = N / 2;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final IdctBatch idct;
    private final ColourRows colourRows;
    // Lengths padded unevenly (see IdctBatch on 4K aliasing).
    private final int[] coefY0 = new int[64 * N + 8];
    private final int[] coefY1 = new int[64 * N + 40];
    private final int[] coefC = new int[64 * N + 72];
    /** Samples of the lanes: (row r, column j) of lane b at j * P + r * N + b. */
    private final int[] ys0 = new int[64 * N + 104];
    private final int[] ys1 = new int[64 * N + 136];
    private final int[] cs = new int[64 * N + 168];
    /**
     * Chroma in the layout of the Y lanes: column q of half h of MCU m (chroma column 4h + q),
     * chroma row r, at q * P + r * N + M h + m.
     */
    private final int[] cbH = new int[4 * P + 200];
    private final int[] crH = new int[4 * P + 232];
    /** Chroma rows shifted down and up by one (the far row of even and odd pixel rows). */
    private final int[] dn = new int[4 * P + 264];
    private final int[] up = new int[4 * P + 296];
    /** Vertical sums of the even and odd pixel rows (2r and 2r + 1), Cb and Cr, layout of cbH. */
    private final int[] sbE = new int[4 * P + 328];
    private final int[] sbO = new int[4 * P + 360];
    private final int[] srE = new int[4 * P + 392];
    private final int[] srO = new int[4 * P + 424];
    private final int[] left = new int[P + 456];
    private final int[] right = new int[P + 488];
    /** Y, upsampled chroma and packed pixels of the even and odd pixel rows: column j, row 2r (+1) at j * P + r * N + lane. */
    private final int[] yE = new int[64 * N + 520];
    private final int[] yO = new int[64 * N + 552];
    private final int[] ubE = new int[64 * N + 584];
    private final int[] ubO = new int[64 * N + 616];
    private final int[] urE = new int[64 * N + 648];
    private final int[] urO = new int[64 * N + 680];
    private final int[] pkE = new int[64 * N + 712];
    private final int[] pkO = new int[64 * N + 744];
    /** Vertical sums at chroma column 7 and Y at column 15 of the previous batch's last MCU, per chroma row. */
    private final int[] lastBE = new int[8];
    private final int[] lastBO = new int[8];
    private final int[] lastRE = new int[8];
    private final int[] lastRO = new int[8];
    private final int[] lastYE = new int[8];
    private final int[] lastYO = new int[8];
    private boolean pending;
    private boolean acY0;
    private boolean acY1;
    private boolean acC;
    private int count;
    private int mx0;

    /** Y rows 0 and 15 of the current MCU row, Y row 15 of the previous one. */
    private byte[] y0Row;
    private byte[] y15Row;
    private byte[] y15Prev;
    /** Per plane, two chroma rows: 0 = row 7 of the previous MCU row, 1 = row 0 of the current one. */
    private final byte[] cbRows;
    private final byte[] crRows;
    /** Chroma row 7 of the current MCU row. */
    private final byte[] cb7;
    private final byte[] cr7;
    private final int cStride;

    private final byte[] out;
    private final int dstOff;
    private final int width;
    private final int rows;
    private final int mcusX;
    private final int mcusY;
    /** Chroma samples per row, ceil(width / 2). */
    private final int chromaW;
    /** Index of the image's last chroma column within the last MCU (0..7), and of its last chroma row. */
    private final int lastCol;
    private final int lastChromaRow;
    private int my;
    private int row0;

    /**
     * @param idct the decode's batch, whose transform is borrowed
     * @param colourRows the decode's colour rows (for pixel rows 0 and 15 of each MCU row)
     * @param out destination: RGB pixels, row y at {@code dstOff + 3 * width * y}
     * @param dstOff index of the frame's first byte in {@code out}
     * @param width image columns, at least 5 (libjpeg upsamples narrower rows by replication)
     * @param lines the frame's lines (the chroma plane's height is ceil(lines / 2))
     * @param rows image rows to write, at most {@code lines}
     */
    Colour420Batch(IdctBatch idct, ColourRows colourRows, byte[] out, int dstOff, int width, int lines, int rows) {
        this.idct = idct;
        this.colourRows = colourRows;
        this.out = out;
        this.dstOff = dstOff;
        this.width = width;
        this.rows = rows;
        this.mcusX = (width + 15) >> 4;
        this.mcusY = (lines + 15) >> 4;
        this.chromaW = (width + 1) >> 1;
        this.lastCol = chromaW - 1 - 8 * (mcusX - 1);
        this.lastChromaRow = ((lines + 1) >> 1) - 1 - 8 * (mcusY - 1);
        y0Row = new byte[mcusX * 16];
        y15Row = new byte[mcusX * 16];
        y15Prev = new byte[mcusX * 16];
        cStride = mcusX * 8;
        cbRows = new byte[2 * cStride];
        crRows = new byte[2 * cStride];
        cb7 = new byte[cStride];
        cr7 = new byte[cStride];
    }

    /** Y top blocks: the MCU in lane {@link #count()} has its blocks at lanes count and M + count. */
    int[] coefY0() {
        return coefY0;
    }

    /** Y bottom blocks, as {@link #coefY0()}. */
    int[] coefY1() {
        return coefY1;
    }

    /** The chroma coefficient batch: Cb at lane {@link #count()}, Cr at lane M + count. */
    int[] coefC() {
        return coefC;
    }

    /** The lane of the next MCU. */
    int count() {
        return count;
    }

    /** Starts MCU row {@code mcuRow} (the batch must be empty). */
    void startRow(int mcuRow) {
        my = mcuRow;
        row0 = mcuRow * 16;
    }

    /**
     * Notes that a block just decoded has an AC coefficient: {@code which} 0 Y top, 1 Y bottom,
     * 2 chroma; a batch without any is filled from the DCs instead of transformed.
     */
    void hasAc(int which) {
        if (which == 0) {
            acY0 = true;
        } else if (which == 1) {
            acY1 = true;
        } else {
            acC = true;
        }
    }

    /** Queues MCU column {@code mx}, decoded into lane {@link #count()}; true when the batch is full. */
    boolean add(int mx) {
        if (count == 0) {
            mx0 = mx;
        }
        return ++count == M;
    }

    /** Transforms, upsamples, converts and writes the queued MCUs, then clears the batch. */
    void flush() {
        int n = count;
        if (n == 0) {
            return;
        }
        transform(coefY0, ys0, acY0);
        transform(coefY1, ys1, acY1);
        transform(coefC, cs, acC);
        acY0 = false;
        acY1 = false;
        acC = false;
        final int[] cs = this.cs;
        keepEdgeRows(n);
        boolean rowEnds = mx0 + n == mcusX;
        if (rowEnds && lastCol < 7) {
            // the last chroma column of the image is its own right neighbour
            for (int r = 0; r < 8; r++) {
                int a = lastCol * P + r * N + n - 1;
                cs[a + P] = cs[a];
                cs[a + P + M] = cs[a + M];
            }
        }
        if (my == mcusY - 1 && lastChromaRow < 7) {
            // likewise the last chroma row
            for (int j = 0; j < 8; j++) {
                System.arraycopy(cs, j * P + lastChromaRow * N, cs, j * P + (lastChromaRow + 1) * N, N);
            }
        }
        for (int q = 0; q < 4; q++) {
            for (int r = 0; r < 8; r++) {
                int d = q * P + r * N;
                System.arraycopy(cs, d, cbH, d, M);
                System.arraycopy(cs, d + 4 * P, cbH, d + M, M);
                System.arraycopy(cs, d + M, crH, d, M);
                System.arraycopy(cs, d + 4 * P + M, crH, d + M, M);
            }
        }
        vertical(cbH, sbE, sbO);
        vertical(crH, srE, srO);
        // Y rows 2r and 2r + 1 in the layout of the chroma rows r
        for (int j = 0; j < 8; j++) {
            for (int r = 0; r < 4; r++) {
                System.arraycopy(ys0, j * P + 2 * r * N, yE, j * P + r * N, N);
                System.arraycopy(ys0, j * P + (2 * r + 1) * N, yO, j * P + r * N, N);
                System.arraycopy(ys1, j * P + 2 * r * N, yE, j * P + (r + 4) * N, N);
                System.arraycopy(ys1, j * P + (2 * r + 1) * N, yO, j * P + (r + 4) * N, N);
            }
        }
        if (pending) {
            finishPending();
        }
        across(sbE, ubE, lastBE, n);
        across(sbO, ubO, lastBO, n);
        across(srE, urE, lastRE, n);
        across(srO, urO, lastRO, n);
        ColourRows.colour(yE, ubE, urE, pkE, 64 * N);
        ColourRows.colour(yO, ubO, urO, pkO, 64 * N);
        write(n);
        if (!rowEnds) {
            // the right neighbour of the last MCU's last chroma column is in the next batch
            int m = n - 1;
            for (int r = 0; r < 8; r++) {
                int i = 3 * P + r * N + M + m;
                lastBE[r] = sbE[i];
                lastBO[r] = sbO[i];
                lastRE[r] = srE[i];
                lastRO[r] = srO[i];
                lastYE[r] = yE[7 * P + r * N + M + m];
                lastYO[r] = yO[7 * P + r * N + M + m];
            }
            pending = true;
        }
        count = 0;
    }

    private void transform(int[] coef, int[] s, boolean ac) {
        if (ac) {
            idct.transform(coef, s);
        } else {
            idct.transformDcOnly(coef, s);
        }
    }

    /** Y rows 0 and 15 and chroma rows 0 and 7 of the queued MCUs, as bytes, for the planar rows. */
    private void keepEdgeRows(int n) {
        final int[] cs = this.cs;
        for (int m = 0; m < n; m++) {
            int x = (mx0 + m) * 16;
            int c = (mx0 + m) * 8;
            for (int j = 0; j < 8; j++) {
                y0Row[x + j] = (byte) ys0[j * P + m];
                y0Row[x + 8 + j] = (byte) ys0[j * P + M + m];
                y15Row[x + j] = (byte) ys1[j * P + 7 * N + m];
                y15Row[x + 8 + j] = (byte) ys1[j * P + 7 * N + M + m];
                cbRows[cStride + c + j] = (byte) cs[j * P + m];
                crRows[cStride + c + j] = (byte) cs[j * P + M + m];
                cb7[c + j] = (byte) cs[j * P + 7 * N + m];
                cr7[c + j] = (byte) cs[j * P + 7 * N + M + m];
            }
        }
    }

    /**
     * The vertical sums of one plane (layout of cbH): pixel row 2r takes chroma row r - 1 as its
     * far row, row 2r + 1 chroma row r + 1 (rows 0 and 15, written elsewhere, take r itself).
     */
    private void vertical(int[] h, int[] sE, int[] sO) {
        final int[] dn = this.dn;
        final int[] up = this.up;
        for (int q = 0; q < 4; q++) {
            System.arraycopy(h, q * P, dn, q * P + N, 7 * N);
            System.arraycopy(h, q * P, dn, q * P, N);
            System.arraycopy(h, q * P + N, up, q * P, 7 * N);
            System.arraycopy(h, q * P + 7 * N, up, q * P + 7 * N, N);
        }
        for (int i = 0; i < 4 * P; i++) {
            sE[i] = h[i] * 3 + dn[i];
        }
        for (int i = 0; i < 4 * P; i++) {
            sO[i] = h[i] * 3 + up[i];
        }
    }

    /** The last pixel column of the previous batch's last MCU, now that its right neighbour is here. */
    private void finishPending() {
        int x = mx0 * 16 - 1;
        for (int y = 1; y < 15 && row0 + y < rows; y++) {
            int r = y >> 1;
            int i = r * N;                // chroma column 0 of lane 0
            boolean odd = (y & 1) != 0;
            int cb = ((odd ? lastBO[r] : lastBE[r]) * 3 + (odd ? sbO[i] : sbE[i]) + 7) >> 4;
            int cr = ((odd ? lastRO[r] : lastRE[r]) * 3 + (odd ? srO[i] : srE[i]) + 7) >> 4;
            int p = ColourRows.pixel(odd ? lastYO[r] : lastYE[r], cb, cr);
            int o = dstOff + 3 * (width * (row0 + y) + x);
            out[o] = (byte) p;
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) (p >> 16);
        }
        pending = false;
    }

    /**
     * The horizontal step on the vertical sums s of one plane and row parity (layout of cbH)
     * into u (layout of yE): pixel column 2q of a half is (3s[q] + s[q - 1] + 8) >> 4, column
     * 2q + 1 is (3s[q] + s[q + 1] + 7) >> 4.
     */
    private void across(int[] s, int[] u, int[] last, int n) {
        final int[] l = left;
        final int[] rt = right;
        for (int r = 0; r < 8; r++) {
            int b = r * N;
            // left of chroma column 4 (half 1, q 0) is column 3 (half 0, q 3) of the same MCU
            System.arraycopy(s, 3 * P + b, l, b + M, M);
            // left of column 0 is column 7 of the MCU before
            System.arraycopy(s, 3 * P + b + M, l, b + 1, M - 1);
            l[b] = mx0 == 0 ? s[b] : last[r];
            // right of column 3 is column 4 of the same MCU, right of column 7 column 0 of the next
            System.arraycopy(s, b + M, rt, b, M);
            System.arraycopy(s, b + 1, rt, b + M, M - 1);
            // the last MCU: its own column 7 at the image edge (otherwise rewritten at the next flush)
            rt[b + M + n - 1] = s[3 * P + b + M + n - 1];
        }
        filter(s, 0, l, 0, u, 0, 8);
        filter(s, 0, s, P, u, P, 7);
        filter(s, P, s, 0, u, 2 * P, 8);
        filter(s, P, s, 2 * P, u, 3 * P, 7);
        filter(s, 2 * P, s, P, u, 4 * P, 8);
        filter(s, 2 * P, s, 3 * P, u, 5 * P, 7);
        filter(s, 3 * P, s, 2 * P, u, 6 * P, 8);
        filter(s, 3 * P, rt, 0, u, 7 * P, 7);
    }

    /** u[uo + i] = (3c[co + i] + nb[no + i] + bias) >> 4 for i < P. */
    private static void filter(int[] c, int co, int[] nb, int no, int[] u, int uo, int bias) {
        for (int i = 0; i < P; i++) {
            u[uo + i] = (c[co + i] * 3 + nb[no + i] + bias) >> 4;
        }
    }

    /** Writes pixel rows 1 to 14 of the lanes below n (columns and rows beyond the image dropped). */
    private void write(int n) {
        final byte[] out = this.out;
        int lastY = Math.min(15, rows - row0);
        for (int m = 0; m < n; m++) {
            for (int half = 0; half < 2; half++) {
                int x0 = (mx0 + m) * 16 + half * 8;
                int cols = Math.min(8, width - x0);
                if (cols <= 0) {
                    continue;
                }
                for (int y = 1; y < lastY; y++) {
                    final int[] pk = (y & 1) == 0 ? pkE : pkO;
                    int o = dstOff + 3 * (width * (row0 + y) + x0);
                    int i = (y >> 1) * N + half * M + m;
                    // as in ColourBatch: overlapping 4-byte stores, the segment's last pixel as bytes
                    for (int j = 0; j < cols - 1; j++, o += 3, i += P) {
                        LE_INT.set(out, o, pk[i]);
                    }
                    int p = pk[i];
                    out[o] = (byte) p;
                    out[o + 1] = (byte) (p >> 8);
                    out[o + 2] = (byte) (p >> 16);
                }
            }
        }
    }

    /**
     * After the last flush of the MCU row: writes pixel row 15 of the previous MCU row and row
     * 0 of this one, whose chroma neighbours are now known.
     */
    void endRow() {
        colourRows.forgetRows();
        if (my > 0) {
            // row 15 of the MCU row above: near chroma row its row 7, far row this row's row 0
            int y = row0 - 1;
            if (y < rows) {
                colourRows.h2v2ToRgb8(y15Prev, 0, cbRows, cStride, crRows, cStride, 0, 1, chromaW, width, out,
                        dstOff + 3 * width * y);
            }
        }
        if (row0 < rows) {
            colourRows.h2v2ToRgb8(y0Row, 0, cbRows, cStride, crRows, cStride, 1, my > 0 ? 0 : 1, chromaW, width,
                    out, dstOff + 3 * width * row0);
        }
        System.arraycopy(cb7, 0, cbRows, 0, cStride);
        System.arraycopy(cr7, 0, crRows, 0, cStride);
        byte[] t = y15Prev;
        y15Prev = y15Row;
        y15Row = t;
    }

    /** After the last MCU row: its pixel row 15, the last chroma row being its own neighbour. */
    void finish() {
        int y = row0 + 15;
        if (y < rows) {
            colourRows.forgetRows();
            colourRows.h2v2ToRgb8(y15Prev, 0, cbRows, cStride, crRows, cStride, 0, 0, chromaW, width, out,
                    dstOff + 3 * width * y);
        }
    }
}
