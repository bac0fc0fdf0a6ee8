// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * 8-bit YCbCr 4:2:2 (Y sampled 2x1, Cb and Cr 1x1, one interleaved scan) decoded straight to
 * RGB, the h2v1 counterpart of {@link ColourBatch}: up to {@link #M} consecutive MCUs of one MCU
 * row are held in two coefficient batches, Y (the left block of MCU m in lane m, the right one
 * in lane M + m) and chroma (Cb in lane m, Cr in lane M + m), transformed by
 * {@link IdctBatch#transform}, upsampled with libjpeg's h2v1 "fancy" filter into the layout of
 * the Y samples, converted by {@link ColourRows#colour} and written as RGB pixels.
 *
 * <p>The filter needs one chroma column of each neighbouring MCU: the left one of the first
 * MCU comes from the previous batch of the row (kept), and the right one of the last MCU from
 * the next batch, so that MCU's last pixel column is written at the next flush. At the image
 * edges the missing neighbour is the sample itself, as in {@link ColourRows#h2v1ToRgb8}, whose
 * output this one matches bit for bit.
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
     * Chroma in the layout of the Y lanes: column q of half h of MCU m (chroma column 4h + q)
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
    /** Chroma column 7 and Y column 15 of the previous batch's last MCU, per row. */
    private final int[] lastCb = new int[8];
    private final int[] lastCr = new int[8];
    private final int[] lastY = new int[8];
    /** Whether the last pixel column of the previous batch's last MCU is still to be written. */
    private boolean pending;
    private boolean acY;
    private boolean acC;
    private int count;
    private int mx0;

    private final byte[] out;
    private final int dstOff;
    private final int width;
    private final int rows;
    private final int mcusX;
    /** Chroma samples per row, ceil(width / 2). */
    private final int chromaW;
    private int row0;

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
        this.chromaW = (width + 1) >> 1;
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

    /** Starts an MCU row (the batch must be empty): its first image row. */
    void startRow(int firstRow) {
        row0 = firstRow;
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
        boolean rowEnds = mx0 + n == mcusX;
        if (rowEnds) {
            // the last chroma column of the image is its own right neighbour
            int jl = chromaW - 1 - 8 * (mcusX - 1);
            if (jl < 7) {
                for (int r = 0; r < 8; r++) {
                    int a = jl * P + r * N + n - 1;
                    cs[a + P] = cs[a];
                    cs[a + P + M] = cs[a + M];
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
        upsample(cbH, upCb, lastCb, n, rowEnds);
        upsample(crH, upCr, lastCr, n, rowEnds);
        ColourRows.colour(ys, upCb, upCr, pk, 64 * N);
        write(n);
        if (!rowEnds) {
            // the right neighbour of the last MCU's last chroma column is in the next batch
            for (int r = 0; r < 8; r++) {
                int i = 3 * P + r * N + M + n - 1;
                lastCb[r] = cbH[i];
                lastCr[r] = crH[i];
                lastY[r] = ys[7 * P + r * N + M + n - 1];
            }
            pending = true;
        }
        count = 0;
    }

    /** The last pixel column of the previous batch's last MCU, now that its right neighbour is here. */
    private void finishPending() {
        int x = mx0 * 16 - 1;
        int lastRow = Math.min(8, rows - row0);
        for (int r = 0; r < lastRow; r++) {
            int i = r * N;                // chroma column 0 of lane 0
            int cb = (lastCb[r] * 3 + cbH[i] + 2) >> 2;
            int cr = (lastCr[r] * 3 + crH[i] + 2) >> 2;
            int p = ColourRows.pixel(lastY[r], cb, cr);
            int o = dstOff + 3 * (width * (row0 + r) + x);
            out[o] = (byte) p;
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) (p >> 16);
        }
        pending = false;
    }

    /**
     * The h2v1 filter on one plane h (layout of cbH) into u (layout of ys): output column 2q + 1
     * of a half is (3c[q] + c[q + 1] + 2) >> 2, column 2q is (3c[q] + c[q - 1] + 1) >> 2.
     */
    private void upsample(int[] h, int[] u, int[] last, int n, boolean rowEnds) {
        final int[] l = left;
        final int[] rt = right;
        for (int r = 0; r < 8; r++) {
            int b = r * N;
            // left of chroma column 4 (half 1, q 0) is column 3 (half 0, q 3) of the same MCU
            System.arraycopy(h, 3 * P + b, l, b + M, M);
            // left of column 0 is column 7 of the MCU before
            System.arraycopy(h, 3 * P + b + M, l, b + 1, M - 1);
            l[b] = mx0 == 0 ? h[b] : last[r];
            // right of column 3 is column 4 of the same MCU, right of column 7 column 0 of the next
            System.arraycopy(h, b + M, rt, b, M);
            System.arraycopy(h, b + 1, rt, b + M, M - 1);
            // the last MCU: its own column 7 at the image edge (otherwise rewritten at the next flush)
            rt[b + M + n - 1] = h[3 * P + b + M + n - 1];
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
        int lastRow = Math.min(8, rows - row0);
        for (int m = 0; m < n; m++) {
            for (int half = 0; half < 2; half++) {
                int x0 = (mx0 + m) * 16 + half * 8;
                int cols = Math.min(8, width - x0);
                if (cols <= 0) {
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
