// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * 8-bit YCbCr 4:4:4 (every component sampled 1x1, one interleaved scan) decoded straight to RGB:
 * the Y, Cb and Cr blocks of up to {@link IdctBatch#N} MCUs (in decode order, across MCU rows: the
 * batch is transformed only when full and at the end of the scan) are held in three
 * coefficient batches at the same lane, transformed by {@link IdctBatch#transform}, converted to
 * RGB on the range-limited int samples by {@link ColourRows#colour} (vectorised, every lane at
 * once), and written as RGB pixels. No component planes and no byte-to-int widening (scalar on
 * JDK 17) are needed. Flat content skips the transform: an MCU of three DC-only blocks is
 * written at once as one colour ({@link #flat}), and a component whose queued blocks are all
 * DC-only is filled from one value per lane.
 *
 * <p>The arithmetic is that of the planar path (libjpeg's islow and its range limit, then
 * {@code jdcolor.c}'s conversion), so the output is identical.
 *
 * <p>One instance per decode; not thread-safe.
 */
final class ColourBatch {

    private static final int N = IdctBatch.N;
    private static final int P = IdctBatch.P;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final IdctBatch idct;
    /** Coefficients of components 0, 1, 2 (Y, Cb, Cr), laid out as {@link IdctBatch#coef}. */
    private final int[][] coef = new int[3][];
    /** Range-limited samples of the three components, then the packed pixels (lengths padded unevenly). */
    private final int[] y = new int[64 * N + 72];
    private final int[] cb = new int[64 * N + 104];
    private final int[] cr = new int[64 * N + 136];
    private final int[] pk = new int[64 * N + 168];
    /** Whether any queued block of component c has an AC coefficient (see {@link #hasAc}). */
    private final boolean[] anyAc = new boolean[3];
    /** One flat sample per lane, for a component whose queued blocks are all DC-only. */
    private final int[] flatRow = new int[N + 8];
    /** MCU column and first image row of each lane. */
    private final int[] mcuX = new int[N];
    private final int[] mcuRow = new int[N];
    private int count;

    private final byte[] out;
    private final int dstOff;
    private final int width;
    private final int rows;

    /**
     * @param idct the decode's batch, whose transform and scratch arrays are borrowed (its own
     *     queue must be empty whenever this one flushes)
     * @param out destination: RGB pixels, row y at {@code dstOff + 3 * width * y}
     * @param dstOff index of the frame's first byte in {@code out}
     * @param width image columns (columns of the last MCU beyond them are dropped)
     * @param rows image rows to write (rows of the last MCU row beyond them are dropped)
     */
    ColourBatch(IdctBatch idct, byte[] out, int dstOff, int width, int rows) {
        this.idct = idct;
        this.out = out;
        this.dstOff = dstOff;
        this.width = width;
        this.rows = rows;
        coef[0] = new int[64 * N + 8];
        coef[1] = new int[64 * N + 40];
        coef[2] = new int[64 * N + 24];
    }

    /** The coefficient batch of component c (0 Y, 1 Cb, 2 Cr); all zero in lanes not yet decoded. */
    int[] coef(int c) {
        return coef[c];
    }

    /** The lane the next MCU's blocks are decoded into. */
    int count() {
        return count;
    }

    /**
     * Notes that the block of component c just decoded into lane {@link #count()} has an AC
     * coefficient; a component without any in the whole batch is not transformed (its blocks
     * are flat).
     */
    void hasAc(int c) {
        anyAc[c] = true;
    }

    /**
     * Queues the MCU at column {@code mx} of MCU row {@code my}, decoded into lane
     * {@link #count()}. Returns true when the batch is full (flush before decoding again). The
     * batch fills across MCU rows (no partly filled batch transformed per row).
     */
    boolean add(int mx, int my) {
        mcuX[count] = mx;
        mcuRow[count] = my * 8;
        return ++count == N;
    }

    /**
     * Writes the MCU at column {@code mx} of MCU row {@code my} whose three blocks, decoded into lane
     * {@link #count()}, hold only their DC coefficients: one colour for all its pixels, computed
     * as the transform would (islow gives every sample (dc + 4) >> 3 before the range limit), and
     * clears the lane. The MCU does not take the lane (measured: an ultrasound-like frame with a
     * black background decoded a third slower when such MCUs went through the batch).
     */
    void flat(int mx, int my) {
        int p = ColourRows.pixel(flatSample(0), flatSample(1), flatSample(2));
        int row0 = my * 8;
        int x0 = mx * 8;
        int cols = Math.min(8, width - x0);
        int lastRow = Math.min(8, rows - row0);
        if (cols == 8) {
            for (int r = 0; r < lastRow; r++) {
                fill8(out, dstOff + 3 * (width * (row0 + r) + x0), p);
            }
            return;
        }
        for (int r = 0; r < lastRow; r++) {
            int o = dstOff + 3 * (width * (row0 + r) + x0);
            for (int j = 0; j < cols - 1; j++, o += 3) {
                LE_INT.set(out, o, p);
            }
            out[o] = (byte) p;
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) (p >> 16);
        }
    }

    /**
     * The range-limited samples of component c's lanes into {@code s}: through the transform,
     * or, when every queued block of c holds only its DC, from one flat value per lane (what the
     * transform gives such blocks; see {@link #flatSample}), copied into the 64 sample rows.
     */
    private void component(int c, int[] s) {
        int[] k = coef[c];
        if (anyAc[c]) {
            idct.transform(k, s);
            anyAc[c] = false;
            return;
        }
        final int[] f = flatRow;
        for (int b = 0; b < N; b++) {
            int x = (((k[b] + 4) >> 3) << 22 >> 22) + 128;
            x &= ~(x >> 31);
            int d = x - 255;
            f[b] = 255 + (d & (d >> 31));
        }
        for (int r = 0; r < 64; r++) {
            System.arraycopy(f, 0, s, r * N, N);
        }
        Arrays.fill(k, 0, N, 0);          // only the DC positions were set
    }

    /** The sample of every pixel of component c's DC-only block in lane count; clears it. */
    private int flatSample(int c) {
        int[] k = coef[c];
        int v = (k[count] + 4) >> 3;
        k[count] = 0;
        int x = ((v << 22) >> 22) + 128;          // IdctBatch's range limit
        return x < 0 ? 0 : (x > 255 ? 255 : x);
    }

    /**
     * The 8 packed pixels {@code pk[i + j P]} (j = 0..7, each {@code r | g << 8 | b << 16}) as
     * 24 RGB bytes at {@code out[o]}: three 8-byte stores instead of eight 4-byte ones.
     */
    static void put8(byte[] out, int o, int[] pk, int i) {
        long p0 = pk[i];
        long p1 = pk[i + P];
        long p2 = pk[i + 2 * P];
        long p3 = pk[i + 3 * P];
        long p4 = pk[i + 4 * P];
        long p5 = pk[i + 5 * P];
        long p6 = pk[i + 6 * P];
        long p7 = pk[i + 7 * P];
        LE_LONG.set(out, o, p0 | p1 << 24 | p2 << 48);
        LE_LONG.set(out, o + 8, p2 >>> 16 | p3 << 8 | p4 << 32 | p5 << 56);
        LE_LONG.set(out, o + 16, p5 >>> 8 | p6 << 16 | p7 << 40);
    }

    /** 8 pixels of the packed colour p ({@link #put8} with all eight the same). */
    static void fill8(byte[] out, int o, int p) {
        long q = p;
        LE_LONG.set(out, o, q | q << 24 | q << 48);
        LE_LONG.set(out, o + 8, q >>> 16 | q << 8 | q << 32 | q << 56);
        LE_LONG.set(out, o + 16, q >>> 8 | q << 16 | q << 40);
    }

    /** Transforms, converts and writes the queued MCUs, then clears the batch. */
    void flush() {
        int n = count;
        if (n == 0) {
            return;
        }
        component(0, y);
        component(1, cb);
        component(2, cr);
        ColourRows.colour(y, cb, cr, pk, 64 * N);
        final int[] pk = this.pk;
        final byte[] out = this.out;
        for (int b = 0; b < n; b++) {
            int row0 = mcuRow[b];
            int lastRow = Math.min(8, rows - row0);
            int x0 = mcuX[b] * 8;
            int cols = Math.min(8, width - x0);
            if (cols == 8) {
                for (int r = 0; r < lastRow; r++) {
                    put8(out, dstOff + 3 * (width * (row0 + r) + x0), pk, r * N + b);
                }
                continue;
            }
            for (int r = 0; r < lastRow; r++) {
                int o = dstOff + 3 * (width * (row0 + r) + x0);
                int i = r * N + b;
                // Pixel j as a 4-byte store at 3j, in order, its fourth byte overwritten by
                // pixel j + 1; the last pixel of the segment as three bytes (see ColourRows).
                for (int j = 0; j < cols - 1; j++, o += 3, i += P) {
                    LE_INT.set(out, o, pk[i]);
                }
                int p = pk[i];
                out[o] = (byte) p;
                out[o + 1] = (byte) (p >> 8);
                out[o + 2] = (byte) (p >> 16);
            }
        }
        count = 0;
    }
}
