// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The islow inverse DCT of {@link Idct} for 8-bit samples, run on a batch of up to {@link #N}
 * blocks at once in structure-of-arrays form, so that HotSpot's C2 compiler vectorises it
 * (SuperWord: AVX2 / AVX-512 integer lanes) without the incubator Vector API.
 *
 * <p>Coefficient (u, v) of block b (u the vertical frequency, v the horizontal one) is held at
 * {@code coef[u * P + v * N + b]}, so a 1-D pass over all columns of all blocks is, for each of
 * its statements, one loop over {@code P = 8 N} consecutive ints. Every loop below is kept small
 * on purpose: C2 vectorises only loops it unrolls, and it does not unroll a loop whose body is
 * above {@code LoopUnrollLimit} (60 nodes by default) before its vectorisation analysis runs, so
 * the islow butterfly is cut into stages of at most four loads and two stores, with the
 * intermediate results in scratch arrays (measured on JDK 17 and 25: a loop with four loads
 * and four stores already stays scalar). The arithmetic, rounding and range limit are exactly
 * those of libjpeg's 8-bit islow with its 10-bit masked range limit (the stage boundaries only move where the sums are stored).
 *
 * <p>One instance per decode (scratch arrays of about 200 KB); not thread-safe.
 */
final class IdctBatch {

    /** Blocks per batch. */
    static final int N = 64;
    /** Ints per coefficient row of the batch: 8 horizontal frequencies of N blocks. */
    static final int P = 8 * N;

    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);


    /**
     * Offset of zig-zag position k in the batch (add the block index), padded like the
     * decoder's natural-order table so that a corrupt run past 63 lands on position 63.
     */
    static final int[] ZIGZAG_OFFSET = new int[64 + 16];

    static {
        for (int k = 0; k < ZIGZAG_OFFSET.length; k++) {
            int z = k < 64 ? JpegMarkers.ZIGZAG[k] : 63;
            ZIGZAG_OFFSET[k] = (z >> 3) * P + (z & 7) * N;
        }
    }

    /** The dequantised coefficients of the batch (zero where not set). */
    final int[] coef = new int[64 * N + 8];

    // Sizes padded for the same reason as the intermediate arrays below.
    private final int[] pass1 = new int[64 * N + 24];
    private final int[] pass2In = new int[64 * N + 40];
    private final int[] samples = new int[64 * N + 56];
    /*
     * Intermediate results of a pass, P ints each. The arrays are separate (one shared array
     * with constant region offsets stayed scalar on JDK 17) and their lengths padded unevenly,
     * so that consecutive allocations are not a multiple of 4 KB apart: a store to one and a
     * load from another then do not look alike to the CPU's store-forwarding check ("4K
     * aliasing").
     */
    private final int[] t2 = new int[P + 24];
    private final int[] t3 = new int[P + 64];
    private final int[] e0 = new int[P + 104];
    private final int[] e1 = new int[P + 144];
    private final int[] e2 = new int[P + 184];
    private final int[] e3 = new int[P + 224];
    private final int[] z3s = new int[P + 264];
    private final int[] z4s = new int[P + 304];
    private final int[] o0 = new int[P + 344];
    private final int[] o1 = new int[P + 384];
    private final int[] o2 = new int[P + 424];
    private final int[] o3 = new int[P + 464];
    private final int[] lo = new int[P + 24];
    private final int[] hi = new int[P + 56];

    /** Destination of each block: array, index of its top-left sample, row stride. */
    private final byte[][] dst = new byte[N][];
    private final int[] dstOff = new int[N];
    private final int[] dstStride = new int[N];
    private int count;

    /** Blocks queued. */
    int count() {
        return count;
    }

    /**
     * Queues the block decoded into slot {@link #count()} of {@link #coef}: its samples go to
     * {@code out[off ...]} with the given stride at the next {@link #flush()}. Returns true when
     * the batch is full (the caller must flush before decoding into the batch again).
     */
    boolean add(byte[] out, int off, int stride) {
        int b = count;
        dst[b] = out;
        dstOff[b] = off;
        dstStride[b] = stride;
        count = b + 1;
        return b + 1 == N;
    }

    /** Inverse-transforms the queued blocks, writes their samples and clears the batch. */
    void flush() {
        int n = count;
        if (n == 0) {
            return;
        }
        // Lanes of unused slots hold zeros (coef is cleared after every batch); transforming
        // them costs less than ragged loops would.
        transform(coef, samples);
        pack();
        // samples: (j, r, b) = column j of row r of block b; lo/hi hold columns 0-3 and 4-7
        // of (r, b) as little-endian bytes.
        final int[] lo = this.lo;
        final int[] hi = this.hi;
        for (int b = 0; b < n; b++) {
            byte[] out = dst[b];
            int o = dstOff[b];
            int stride = dstStride[b];
            for (int r = 0; r < 8; r++, o += stride) {
                LE_LONG.set(out, o, (lo[r * N + b] & 0xFFFFFFFFL) | ((long) hi[r * N + b] << 32));
            }
            dst[b] = null;
        }
        count = 0;
    }

    /**
     * Inverse-transforms all N lanes of {@code in} (laid out as {@link #coef}) into range-limited
     * samples 0..255, sample (r, j) of block b at {@code out[j * P + r * N + b]}, and clears
     * {@code in}.
     */
    void transform(int[] in, int[] out) {
        pass(in, pass1, 1 << 10, 11);
        // (r, v, b) -> (v, r, b): the row pass runs over rows of all blocks at once.
        for (int r = 0; r < 8; r++) {
            for (int v = 0; v < 8; v++) {
                System.arraycopy(pass1, r * P + v * N, pass2In, v * P + r * N, N);
            }
        }
        // The level shift's 128 and the range limit's offset of 384 come in as 512 added to
        // every descaled value (2^27 in the rounding term, see rangeLimit).
        pass(pass2In, out, (1 << 17) + (512 << 18), 18);
        rangeLimit(out);
        Arrays.fill(in, 0);
    }

    /**
     * What {@link #transform} gives when every block of {@code in} holds only its DC
     * coefficient: each block flat at islow's (dc + 4) >> 3, range-limited, in every sample of
     * its lane of {@code out}; clears the DC positions of {@code in} (the only ones set).
     */
    void transformDcOnly(int[] in, int[] out) {
        final int[] f = lo;               // free scratch outside flush()
        for (int b = 0; b < N; b++) {
            int x = (((in[b] + 4) >> 3) << 22 >> 22) + 128;
            x &= ~(x >> 31);
            int d = x - 255;
            f[b] = 255 + (d & (d >> 31));
        }
        for (int r = 0; r < 64; r++) {
            System.arraycopy(f, 0, out, r * N, N);
        }
        Arrays.fill(in, 0, N, 0);
    }

    /**
     * One 1-D islow pass over the P lanes: input x_u at {@code in[u * P + i]}, output y_u at
     * {@code out[u * P + i]}, descaled by {@code shift} with rounding {@code round}.
     */
    private void pass(int[] in, int[] out, int round, int shift) {
        final int[] t2 = this.t2;
        final int[] t3 = this.t3;
        final int[] e0 = this.e0;
        final int[] e1 = this.e1;
        final int[] e2 = this.e2;
        final int[] e3 = this.e3;
        final int[] z3s = this.z3s;
        final int[] z4s = this.z4s;
        final int[] o0 = this.o0;
        final int[] o1 = this.o1;
        final int[] o2 = this.o2;
        final int[] o3 = this.o3;
        // Even part.
        for (int i = 0; i < P; i++) {
            int x2 = in[2 * P + i];
            int x6 = in[6 * P + i];
            int z1 = (x2 + x6) * Idct.F0_541196100;
            t2[i] = z1 - x6 * Idct.F1_847759065;
            t3[i] = z1 + x2 * Idct.F0_765366865;
        }
        for (int i = 0; i < P; i++) {
            int a = ((in[i] + in[4 * P + i]) << 13) + round;
            int b = t3[i];
            e0[i] = a + b;
            e3[i] = a - b;
        }
        for (int i = 0; i < P; i++) {
            int a = ((in[i] - in[4 * P + i]) << 13) + round;
            int b = t2[i];
            e1[i] = a + b;
            e2[i] = a - b;
        }
        // Odd part.
        for (int i = 0; i < P; i++) {
            int z3 = in[7 * P + i] + in[3 * P + i];
            int z4 = in[5 * P + i] + in[P + i];
            int z5 = (z3 + z4) * Idct.F1_175875602;
            z3s[i] = z3 * -Idct.F1_961570560 + z5;
            z4s[i] = z4 * -Idct.F0_390180644 + z5;
        }
        for (int i = 0; i < P; i++) {
            int x7 = in[7 * P + i];
            int x1 = in[P + i];
            int z1 = (x7 + x1) * -Idct.F0_899976223;
            o0[i] = x7 * Idct.F0_298631336 + z1 + z3s[i];
            o3[i] = x1 * Idct.F1_501321110 + z1 + z4s[i];
        }
        for (int i = 0; i < P; i++) {
            int x5 = in[5 * P + i];
            int x3 = in[3 * P + i];
            int z2 = (x5 + x3) * -Idct.F2_562915447;
            o1[i] = x5 * Idct.F2_053119869 + z2 + z4s[i];
            o2[i] = x3 * Idct.F3_072711026 + z2 + z3s[i];
        }
        // Outputs.
        for (int i = 0; i < P; i++) {
            int a = e0[i];
            int b = o3[i];
            out[i] = (a + b) >> shift;
            out[7 * P + i] = (a - b) >> shift;
        }
        for (int i = 0; i < P; i++) {
            int a = e1[i];
            int b = o2[i];
            out[P + i] = (a + b) >> shift;
            out[6 * P + i] = (a - b) >> shift;
        }
        for (int i = 0; i < P; i++) {
            int a = e2[i];
            int b = o1[i];
            out[2 * P + i] = (a + b) >> shift;
            out[5 * P + i] = (a - b) >> shift;
        }
        for (int i = 0; i < P; i++) {
            int a = e3[i];
            int b = o0[i];
            out[3 * P + i] = (a + b) >> shift;
            out[4 * P + i] = (a - b) >> shift;
        }
    }

    /**
     * Range-limits the samples as libjpeg's range_limit table does: the descaled value x as a
     * signed 10-bit value, plus 128, clamped to 0..255. The row pass hands over x + 512, of
     * which only the low 10 bits count (the sums wrap modulo 2^32, and 2^32 >> 18 is a
     * multiple of 1024), so that w(x) + 128 = ((x + 512) & 1023) - 384, one shift fewer per
     * sample than sign-extending the low 10 bits.
     */
    private static void rangeLimit(int[] s) {
        for (int i = 0; i < 64 * N; i++) {
            // Branch-free clamp from shifts and masks: C2 on JDK 17 vectorises these, and the
            // same loop with Math.min/max ran 3x slower there (measured again in session 7: 12x).
            int x = (s[i] & 1023) - 384;
            x &= ~(x >> 31);
            int d = x - 255;
            s[i] = 255 + (d & (d >> 31));
        }
    }

    /** Packs columns 0-3 and 4-7 of each row of the range-limited samples into two ints. */
    private void pack() {
        final int[] s = samples;
        final int[] lo = this.lo;
        final int[] hi = this.hi;
        for (int i = 0; i < P; i++) {
            lo[i] = s[i] | (s[P + i] << 8) | (s[2 * P + i] << 16) | (s[3 * P + i] << 24);
        }
        for (int i = 0; i < P; i++) {
            hi[i] = s[4 * P + i] | (s[5 * P + i] << 8) | (s[6 * P + i] << 16) | (s[7 * P + i] << 24);
        }
    }
}
