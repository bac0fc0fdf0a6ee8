// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * 8-bit YCbCr 4:2:2 (Y sampled 2x1, Cb and Cr 1x1, one interleaved scan) decoded straight to
 * RGB, the h2v1 counterpart of {@link ColourBatch}: up to {@link #M} MCUs that hold AC
 * coefficients are held in two coefficient batches, Y (the left block of the MCU in lane m, the
 * right one in lane M + m) and chroma (Cb in lane m, Cr in lane M + m), transformed by
 * {@link IdctBatch#transform}, upsampled with libjpeg's h2v1 "fancy" filter into the layout of
 * the Y samples, converted by {@link ColourRows#colour} and written as RGB pixels. An MCU whose
 * four blocks hold only their DC is written at once ({@link #flat}) without taking a lane, and
 * the batch fills across MCU rows: it is transformed only when full and at the end of the scan.
 *
 * <p>The filter needs one chroma column of each neighbouring MCU of the same row. Lanes are in
 * decode order, so the neighbour of a lane is the lane before or after it, a flat MCU (its one
 * chroma value, recorded with the lane), the image edge (the sample itself, as in
 * {@link ColourRows#h2v1ToRgb8}), or, for the first lane, the last lane of the previous batch
 * (its column kept). The right neighbour of the last lane is decoded after the flush, so that
 * MCU's last pixel column is rewritten once it is known. A flat MCU is written with its own
 * chroma at its outer columns, and those columns are rewritten when the neighbour's chroma
 * column is known (at once for a flat neighbour, at the flush for a lane). The output matches
 * the planar path bit for bit.
 *
 * <p>One instance per decode; not thread-safe.
 */
final class Colour422Batch {

    private static final int N = IdctBatch.N;
    private static final int P = IdctBatch.P;
    /** MCUs per batch. */
    static final int M = N / 2;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final IdctBatch idct;
    // Lengths padded unevenly (see IdctBatch on 4K aliasing).
    private final int[] coefY = new int[64 * N + 8];
    private final int[] coefC = new int[64 * N + 40];
    /** Samples of the Y and chroma lanes: (row r, column j) of lane b at j * P + r * N + b. */
    private final int[] ys = new int[64 * N + 72];
    private final int[] cs = new int[64 * N + 104];
    /**
     * Chroma in the layout of the Y lanes: column q of half h of lane m (chroma column 4h + q)
     * at q * P + r * N + M h + m.
     */
    private final int[] cbH = new int[4 * P + 136];
    private final int[] crH = new int[4 * P + 168];
    /** Left neighbours of column 0 and right neighbours of column 3, in the layout of cbH. */
    private final int[] left = new int[P + 200];
    private final int[] right = new int[P + 232];
    /** Upsampled chroma and packed pixels, in the layout of ys. */
    private final int[] upCb = new int[64 * N + 264];
    private final int[] upCr = new int[64 * N + 296];
    private final int[] pk = new int[64 * N + 328];
    /** Chroma column 7 and Y column 15 of the previous batch's last lane, per row. */
    private final int[] lastCb = new int[8];
    private final int[] lastCr = new int[8];
    private final int[] lastY = new int[8];
    /** The previous batch's last lane whose last pixel column is still to be written, if any. */
    private boolean pending;
    private int pendX;
    private int pendRow;

    /** Per lane: MCU column and first image row. */
    private final int[] laneX = new int[M];
    private final int[] laneRow = new int[M];
    /**
     * Per lane: the chroma (cb | cr << 8) of a flat MCU on its left (-1: none) and the Y of
     * that MCU's last column; likewise on its right and the Y of that MCU's first column.
     */
    private final int[] leftFlat = new int[M];
    private final int[] leftY = new int[M];
    private final int[] rightFlat = new int[M];
    private final int[] rightY = new int[M];

    /** The MCU decoded last in this row was flat: its chroma (cb | cr << 8) and right Y, else -1. */
    private int prevFlat = -1;
    private int prevY;

    private boolean acY;
    private boolean acC;
    private int count;

    private final byte[] out;
    private final int dstOff;
    private final int width;
    private final int rows;
    private final int mcusX;
    /** Index of the image's last chroma column within the last MCU (0..7). */
    private final int lastCol;

    /**
     * @param idct the decode's batch, whose transform is borrowed
     * @param out destination: RGB pixels, row y at {@code dstOff + 3 * width * y}
     * @param dstOff index of the frame's first byte in {@code out}
     * @param width image columns, at least 5 (libjpeg upsamples narrower rows by replication)
     * @param rows image rows to write
     */
    Colour422Batch(IdctBatch idct, byte[] out, int dstOff, int width, int rows) {
        this.idct = idct;
        this.out = out;
        this.dstOff = dstOff;
        this.width = width;
        this.rows = rows;
        this.mcusX = (width + 15) >> 4;
        this.lastCol = ((width + 1) >> 1) - 1 - 8 * (mcusX - 1);
    }

    /** The Y coefficient batch: the MCU in lane {@link #count()} has its blocks at lanes count and M + count. */
    int[] coefY() {
        return coefY;
    }

    /** The chroma coefficient batch: Cb at lane {@link #count()}, Cr at lane M + count. */
    int[] coefC() {
        return coefC;
    }

    /** The lane of the next MCU. */
    int count() {
        return count;
    }

    /**
     * Notes that a block just decoded into the Y batch ({@code luma}) or the chroma batch has an
     * AC coefficient; a batch without any is filled from the DCs instead of transformed.
     */
    void hasAc(boolean luma) {
        if (luma) {
            acY = true;
        } else {
            acC = true;
        }
    }

    /**
     * Queues the MCU at column {@code mx} of MCU row {@code my}, decoded into lane
     * {@link #count()} (MCUs in decode order); true when the batch is full (flush before
     * decoding again).
     */
    boolean add(int mx, int my) {
        int m = count;
        laneX[m] = mx;
        laneRow[m] = my * 8;
        leftFlat[m] = mx == 0 ? -1 : prevFlat;
        leftY[m] = prevY;
        rightFlat[m] = -1;
        prevFlat = -1;
        count = m + 1;
        return m + 1 == M;
    }

    /**
     * Writes the MCU at column {@code mx} of MCU row {@code my} (MCUs in decode order) whose
     * four blocks, decoded into lane {@link #count()}, hold only their DC coefficients, and
     * clears the lane. Its pixels are one colour per Y block except at its outer columns, whose
     * chroma comes partly from the neighbouring MCUs.
     */
    void flat(int mx, int my) {
        int yl = flatSample(coefY, count);
        int yr = flatSample(coefY, count + M);
        int cb = flatSample(coefC, count);
        int cr = flatSample(coefC, count + M);
        int row0 = my * 8;
        int x0 = mx * 16;
        int cols = Math.min(16, width - x0);
        int lastRow = Math.min(8, rows - row0);
        int pl = ColourRows.pixel(yl, cb, cr);
        int pr = ColourRows.pixel(yr, cb, cr);
        for (int r = 0; r < lastRow && cols == 16; r++) {
            int o = dstOff + 3 * (width * (row0 + r) + x0);
            ColourBatch.fill8(out, o, pl);
            ColourBatch.fill8(out, o + 24, pr);
        }
        for (int r = 0; r < lastRow && cols < 16; r++) {
            int o = dstOff + 3 * (width * (row0 + r) + x0);
            int j = 0;
            for (int end = Math.min(8, cols - 1); j < end; j++, o += 3) {
                LE_INT.set(out, o, pl);
            }
            for (; j < cols - 1; j++, o += 3) {
                LE_INT.set(out, o, pr);
            }
            put3(o, j < 8 ? pl : pr);
        }
        int c = cb | cr << 8;
        if (mx > 0) {
            if (prevFlat >= 0) {
                if (prevFlat != c) {
                    // both flat: the previous MCU's last column and this one's first column
                    int pcb = prevFlat & 0xFF;
                    int pcr = prevFlat >>> 8;
                    int p15 = ColourRows.pixel(prevY, (pcb * 3 + cb + 2) >> 2, (pcr * 3 + cr + 2) >> 2);
                    int p0 = ColourRows.pixel(yl, (cb * 3 + pcb + 1) >> 2, (cr * 3 + pcr + 1) >> 2);
                    for (int r = 0; r < lastRow; r++) {
                        int o = dstOff + 3 * (width * (row0 + r) + x0);
                        put3(o - 3, p15);
                        put3(o, p0);
                    }
                }
            } else if (count > 0) {
                // the previous MCU is the last lane: both columns are written at the flush
                rightFlat[count - 1] = c;
                rightY[count - 1] = yl;
            } else {
                // the previous MCU was the last lane of the batch just flushed (pending)
                for (int r = 0; r < lastRow; r++) {
                    int o = dstOff + 3 * (width * (row0 + r) + x0);
                    int lcb = lastCb[r];
                    int lcr = lastCr[r];
                    put3(o - 3, ColourRows.pixel(lastY[r], (lcb * 3 + cb + 2) >> 2, (lcr * 3 + cr + 2) >> 2));
                    put3(o, ColourRows.pixel(yl, (cb * 3 + lcb + 1) >> 2, (cr * 3 + lcr + 1) >> 2));
                }
                pending = false;
            }
        }
        prevFlat = c;
        prevY = yr;
    }

    /** The sample of every pixel of the DC-only block at lane b of k; clears it. */
    private static int flatSample(int[] k, int b) {
        int v = (k[b] + 4) >> 3;
        k[b] = 0;
        int x = ((v << 22) >> 22) + 128;          // IdctBatch's range limit
        return x < 0 ? 0 : (x > 255 ? 255 : x);
    }

    /** The packed pixel p as the 3 bytes at out[o]. */
    private void put3(int o, int p) {
        out[o] = (byte) p;
        out[o + 1] = (byte) (p >> 8);
        out[o + 2] = (byte) (p >> 16);
    }

    /** Transforms, upsamples, converts and writes the queued MCUs, then clears the batch. */
    void flush() {
        int n = count;
        if (n == 0) {
            return;
        }
        // a batch whose Y (or chroma) blocks are all DC-only skips the transform of that batch
        if (acY) {
            idct.transform(coefY, ys);
        } else {
            idct.transformDcOnly(coefY, ys);
        }
        if (acC) {
            idct.transform(coefC, cs);
        } else {
            idct.transformDcOnly(coefC, cs);
        }
        acY = false;
        acC = false;
        final int[] cs = this.cs;
        if (lastCol < 7) {
            // at the right image edge the last chroma column is its own right neighbour
            for (int m = 0; m < n; m++) {
                if (laneX[m] == mcusX - 1) {
                    for (int r = 0; r < 8; r++) {
                        int a = lastCol * P + r * N + m;
                        cs[a + P] = cs[a];
                        cs[a + P + M] = cs[a + M];
                    }
                }
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
        if (pending) {
            finishPending();
        }
        upsample(cbH, upCb, lastCb, n, 0);
        upsample(crH, upCr, lastCr, n, 8);
        ColourRows.colour(ys, upCb, upCr, pk, 64 * N);
        write(n);
        flatNeighbours(n);
        int m = n - 1;
        if (laneX[m] != mcusX - 1 && rightFlat[m] < 0) {
            // the right neighbour of the last lane's last chroma column is decoded after this
            for (int r = 0; r < 8; r++) {
                int i = 3 * P + r * N + M + m;
                lastCb[r] = cbH[i];
                lastCr[r] = crH[i];
                lastY[r] = ys[7 * P + r * N + M + m];
            }
            pending = true;
            pendX = laneX[m] * 16 + 15;
            pendRow = laneRow[m];
        }
        count = 0;
    }

    /** The last pixel column of the previous batch's last lane, whose right neighbour is lane 0. */
    private void finishPending() {
        int lastRow = Math.min(8, rows - pendRow);
        for (int r = 0; r < lastRow; r++) {
            int i = r * N;                // chroma column 0 of lane 0
            int cb = (lastCb[r] * 3 + cbH[i] + 2) >> 2;
            int cr = (lastCr[r] * 3 + crH[i] + 2) >> 2;
            put3(dstOff + 3 * (width * (pendRow + r) + pendX), ColourRows.pixel(lastY[r], cb, cr));
        }
        pending = false;
    }

    /** The outer pixel columns of the flat MCUs next to lanes, now that the lanes' chroma is known. */
    private void flatNeighbours(int n) {
        for (int m = 0; m < n; m++) {
            int lf = leftFlat[m];
            int rf = rightFlat[m];
            if (lf < 0 && rf < 0) {
                continue;
            }
            int row0 = laneRow[m];
            int lastRow = Math.min(8, rows - row0);
            int x0 = laneX[m] * 16;
            for (int r = 0; r < lastRow; r++) {
                int o = dstOff + 3 * (width * (row0 + r) + x0);
                if (lf >= 0) {
                    // the flat MCU on the left: its last column, right neighbour this lane's column 0
                    int i = r * N + m;
                    int fcb = lf & 0xFF;
                    int fcr = lf >>> 8;
                    put3(o - 3, ColourRows.pixel(leftY[m], (fcb * 3 + cbH[i] + 2) >> 2,
                            (fcr * 3 + crH[i] + 2) >> 2));
                }
                if (rf >= 0) {
                    // the flat MCU on the right: its first column, left neighbour this lane's column 7
                    int i = 3 * P + r * N + M + m;
                    int fcb = rf & 0xFF;
                    int fcr = rf >>> 8;
                    put3(o + 48, ColourRows.pixel(rightY[m], (fcb * 3 + cbH[i] + 1) >> 2,
                            (fcr * 3 + crH[i] + 1) >> 2));
                }
            }
        }
    }

    /**
     * The h2v1 filter on one plane h (layout of cbH) into u (layout of ys): output column 2q + 1
     * of a half is (3c[q] + c[q + 1] + 2) >> 2, column 2q is (3c[q] + c[q - 1] + 1) >> 2.
     * {@code shift} selects the plane's byte in the flat neighbours' chroma.
     */
    private void upsample(int[] h, int[] u, int[] last, int n, int shift) {
        final int[] l = left;
        final int[] rt = right;
        for (int r = 0; r < 8; r++) {
            int b = r * N;
            // left of chroma column 4 (half 1, q 0) is column 3 (half 0, q 3) of the same MCU
            System.arraycopy(h, 3 * P + b, l, b + M, M);
            // left of column 0 is column 7 of the lane before
            System.arraycopy(h, 3 * P + b + M, l, b + 1, M - 1);
            l[b] = last[r];
            // right of column 3 is column 4 of the same MCU, right of column 7 column 0 of the next lane
            System.arraycopy(h, b + M, rt, b, M);
            System.arraycopy(h, b + 1, rt, b + M, M - 1);
        }
        // lanes whose neighbour is not the lane before or after: the image edge, a flat MCU,
        // or (the last lane) not decoded yet, its column rewritten later
        for (int m = 0; m < n; m++) {
            int mx = laneX[m];
            int lf = leftFlat[m];
            if (mx == 0) {
                for (int r = 0; r < 8; r++) {
                    l[r * N + m] = h[r * N + m];
                }
            } else if (lf >= 0) {
                int v = (lf >>> shift) & 0xFF;
                for (int r = 0; r < 8; r++) {
                    l[r * N + m] = v;
                }
            }
            int rf = rightFlat[m];
            if (mx == mcusX - 1 || (rf < 0 && m == n - 1)) {
                for (int r = 0; r < 8; r++) {
                    rt[r * N + M + m] = h[3 * P + r * N + M + m];
                }
            } else if (rf >= 0) {
                int v = (rf >>> shift) & 0xFF;
                for (int r = 0; r < 8; r++) {
                    rt[r * N + M + m] = v;
                }
            }
        }
        filter(h, 0, l, 0, u, 0, 1);
        filter(h, 0, h, P, u, P, 2);
        filter(h, P, h, 0, u, 2 * P, 1);
        filter(h, P, h, 2 * P, u, 3 * P, 2);
        filter(h, 2 * P, h, P, u, 4 * P, 1);
        filter(h, 2 * P, h, 3 * P, u, 5 * P, 2);
        filter(h, 3 * P, h, 2 * P, u, 6 * P, 1);
        filter(h, 3 * P, rt, 0, u, 7 * P, 2);
    }

    /** u[uo + i] = (3c[co + i] + nb[no + i] + bias) >> 2 for i < P. */
    private static void filter(int[] c, int co, int[] nb, int no, int[] u, int uo, int bias) {
        for (int i = 0; i < P; i++) {
            u[uo + i] = (c[co + i] * 3 + nb[no + i] + bias) >> 2;
        }
    }

    /** Writes the pixels of lanes below n (columns and rows beyond the image dropped). */
    private void write(int n) {
        final int[] pk = this.pk;
        final byte[] out = this.out;
        for (int m = 0; m < n; m++) {
            int row0 = laneRow[m];
            int lastRow = Math.min(8, rows - row0);
            for (int half = 0; half < 2; half++) {
                int x0 = laneX[m] * 16 + half * 8;
                int cols = Math.min(8, width - x0);
                if (cols <= 0) {
                    continue;
                }
                if (cols == 8) {
                    for (int r = 0; r < lastRow; r++) {
                        ColourBatch.put8(out, dstOff + 3 * (width * (row0 + r) + x0), pk, r * N + half * M + m);
                    }
                    continue;
                }
                for (int r = 0; r < lastRow; r++) {
                    int o = dstOff + 3 * (width * (row0 + r) + x0);
                    int i = r * N + half * M + m;
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
}
