// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Encodes one scan (T.87 Annex A, encoding side) from the caller's samples into a growing byte
 * array, with the bit stuffing of T.87 A.1 (after 0xFF only seven bits go into the next byte).
 *
 * <p>Bits collect in a 64-bit accumulator, right-aligned, and are drained into bytes whenever
 * 32 or more are held; each line first makes room for its worst case, so writing bytes needs no
 * bounds check of its own.
 *
 * <p>Lossless lines with the default parameters (8 bits, or 12 to 16) run in three loops per
 * line: a first pass without serial dependencies (context number, prediction, Ix), the context
 * modelling (which leaves each sample's Golomb code in place of its input) and the bit packing.
 * They are apart, and free of calls, because C2 spills most of a combined loop's state to the
 * stack (every call clobbers every register, and the combined loop needs more of them than x86
 * has); see {@link #encodeLineLosslessKernel}.
 *
 * <p>One instance per scan, one thread.
 */
final class ScanEncoder extends JlsCoder {

    private byte[] out;
    private int len;
    private long acc;
    private int accBits;
    private boolean lastFF;

    private final int width;
    private final short[] srcS;
    private final byte[] srcB;
    private final int srcOff;
    private final int srcStride;
    private final int mask;
    private final int[] qs = new int[4];
    /** Sample-interleaved lossless lines: the signed context and the MED prediction of each sample, from the pre-pass. */
    private int[] ctxQ;
    private int[] pred;
    /**
     * Lossless scans that are not sample interleaved ({@link #encodeLineLosslessKernel}): the
     * regular contexts' A, B, C, N (a copy of {@link #st}, which then keeps only the
     * run-interruption contexts up to date), and from {@link #WORK_SAMPLES} on what the first
     * pass leaves for the serial one (one or two ints per sample, see {@link #kind}).
     */
    private int[] work;
    private static final int WORK_SAMPLES = 4 * (CONTEXTS + 2);
    /** The lines of the lossless line being coded, for the rare samples {@link #modelWide} recomputes. */
    private int[] lineBuf;
    private int prevAt;
    private int curAt;

    /** Serial loops of lossless lines ({@link #encodeLineLosslessKernel}), chosen per scan. */
    private static final int KIND_GENERIC = 0;
    /** 8 bits, the default thresholds and RESET. */
    private static final int KIND_8 = 1;
    /** 12 to 16 bits (RANGE = 2^P), the default thresholds (18, 67, 276 from 12 bits on) and RESET. */
    private static final int KIND_WIDE = 2;
    private final int kind;

    /**
     * T.87 A.3.3 for 8 bits, NEAR 0 and the default thresholds (3, 7, 21), indexed by the
     * gradient's low nine bits: a constant table whose masked index C2 knows to be in bounds.
     */
    private static final byte[] QUANT8 = new byte[512];

    static {
        fillQuant(QUANT8, 255, JlsParams.BASIC_T1, JlsParams.BASIC_T2, JlsParams.BASIC_T3);
    }

    /**
     * T.87 A.3.3 with NEAR 0 and the default thresholds of 12 to 16 bits (T.87 C.2.4.1.1.1 with
     * MAXVAL taken as 4095), indexed by the gradient's low 17 bits; in a holder class, so that
     * the 128 KiB exist only once such a scan is coded.
     */
    private static final class Quant16 {
        static final int T1 = 18;
        static final int T2 = 67;
        static final int T3 = 276;
        static final byte[] TABLE = new byte[1 << 17];

        static {
            fillQuant(TABLE, 0xFFFF, T1, T2, T3);
        }
    }

    /** Fills {@code t[d & (t.length - 1)]} with the quantised gradient d (NEAR 0) for |d| up to {@code max}. */
    private static void fillQuant(byte[] t, int max, int t1, int t2, int t3) {
        for (int d = -max; d <= max; d++) {
            int ad = Math.abs(d);
            int g = ad >= t3 ? 4 : ad >= t2 ? 3 : ad >= t1 ? 2 : ad > 0 ? 1 : 0;
            t[d & (t.length - 1)] = (byte) (d < 0 ? -g : g);
        }
    }

    ScanEncoder(JlsParams p, int near, byte[] out, int len, int width, int components,
                short[] srcS, byte[] srcB, int srcOff, int precision) {
        super(p, near);
        this.out = out;
        this.len = len;
        this.width = width;
        this.srcS = srcS;
        this.srcB = srcB;
        this.srcOff = srcOff;
        this.srcStride = components;
        this.mask = (1 << precision) - 1;
        boolean defaultReset = p.reset() == JlsParams.DEFAULT_RESET;
        if (near == 0 && maxVal == 255 && p.t1() == JlsParams.BASIC_T1 && p.t2() == JlsParams.BASIC_T2
                && p.t3() == JlsParams.BASIC_T3 && defaultReset) {
            kind = KIND_8;
        } else if (near == 0 && range == 1 << qbpp && qbpp >= 12 && p.t1() == Quant16.T1 && p.t2() == Quant16.T2
                && p.t3() == Quant16.T3 && defaultReset) {
            kind = KIND_WIDE;
        } else {
            kind = KIND_GENERIC;
        }
    }

    byte[] out() {
        return out;
    }

    int length() {
        return len;
    }

    /**
     * Encodes every line of the scan and flushes the last bits (T.87 A.1, end of scan).
     *
     * @param restart restart interval in lines (0 for none): after every {@code restart} lines
     *                the bits are flushed, RSTm is written and coding starts afresh (T.87 D.2)
     */
    void encode(int[] comps, int ilv, int height, int restart) {
        int w = width;
        int nc = comps.length;
        int stride = w + 2;
        int[] lines = new int[2 * stride * nc];
        ctxQ = new int[ilv == 2 ? stride * nc : 0];
        pred = new int[ilv == 2 ? stride * nc : 0];
        work = new int[WORK_SAMPLES + Math.max(2, nc) * stride + 2];
        System.arraycopy(st, 0, work, 0, Math.min(st.length, work.length));
        // worst case per line: every sample an escape code of LIMIT bits, plus stuffing (8/7)
        int lineBytes = (int) Math.min(Integer.MAX_VALUE - 64L, ((long) w * nc * limit * 8 / 7) / 8 + 64);
        int rst = 0;
        for (int y = 0; y < height; y++) {
            ensure(lineBytes);
            if (restart > 0 && y > 0 && y % restart == 0) {
                flushEnd();
                out[len++] = (byte) 0xFF;
                out[len++] = (byte) (0xD0 + rst);
                rst = (rst + 1) & 7;
                Arrays.fill(lines, 0);
                initContexts();
                System.arraycopy(st, 0, work, 0, Math.min(st.length, work.length));
            }
            if (ilv == 2) {
                int l = stride * nc;
                int p = (y & 1) * l;
                int cur = ((y + 1) & 1) * l;
                loadInterleaved(lines, cur, y, comps);
                if (kind == KIND_8) {
                    encodeLineInterleaved8(lines, p, cur, nc);
                } else if (near == 0 && range == 1 << qbpp) {
                    encodeLineInterleavedLossless(lines, p, cur, nc);
                } else {
                    encodeLineInterleaved(lines, p, cur, nc);
                }
            } else {
                for (int s = 0; s < nc; s++) {
                    int base = s * 2 * stride;
                    int p = base + (y & 1) * stride;
                    int cur = base + ((y + 1) & 1) * stride;
                    load(lines, cur, y, comps[s]);
                    runIndex = runIndices[s];
                    if (near == 0 && range == 1 << qbpp) {
                        encodeLineLosslessKernel(lines, p, cur);
                    } else {
                        encodeLine(lines, p, cur);
                    }
                    runIndices[s] = runIndex;
                }
            }
        }
        ensure(16);
        flushEnd();
    }

    private void ensure(int extra) {
        if (out.length - len < extra) {
            long want = Math.max((long) out.length * 3 / 2, (long) len + extra);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("encoded frame exceeds 2 GiB");
            }
            out = Arrays.copyOf(out, (int) want);
        }
    }

    private void load(int[] lines, int cur, int y, int comp) {
        int w = width;
        int st = srcStride;
        int s = srcOff + y * w * st + comp;
        int m = mask;
        if (srcS != null) {
            for (int x = 1; x <= w; x++, s += st) {
                lines[cur + x] = srcS[s] & m;
            }
        } else {
            for (int x = 1; x <= w; x++, s += st) {
                lines[cur + x] = srcB[s] & m;
            }
        }
    }

    private void loadInterleaved(int[] lines, int cur, int y, int[] comps) {
        int nc = comps.length;
        int m = mask;
        boolean inOrder = nc == srcStride;
        for (int j = 0; j < nc; j++) {
            inOrder &= comps[j] == j;
        }
        if (inOrder) {
            // every component of the pixel, in order (as the encoder always asks): the line is
            // the source's, one contiguous copy
            int s = srcOff + y * width * nc;
            int d = cur + nc;
            int n = width * nc;
            if (srcS != null) {
                for (int i = 0; i < n; i++) {
                    lines[d + i] = srcS[s + i] & m;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    lines[d + i] = srcB[s + i] & m;
                }
            }
            return;
        }
        for (int j = 0; j < nc; j++) {
            int s = srcOff + y * width * srcStride + comps[j];
            int d = cur + nc + j;
            for (int x = 0; x < width; x++, s += srcStride, d += nc) {
                lines[d] = (srcS != null ? srcS[s] : srcB[s]) & m;
            }
        }
    }

    // ---- one component line -------------------------------------------------------------------

    /** Encodes one line; {@code L[cur + 1 .. cur + w]} holds the source and receives Rx. */
    private void encodeLine(int[] L, int p, int cur) {
        int w = width;
        L[p + w + 1] = L[p + w];
        L[cur] = L[p + 1];
        // Ra, Rb, Rc slide along in locals: the next Rc is this Rb, the next Rb this Rd
        int ra = L[cur];
        int rb = L[p + 1];
        int rc = L[p];
        byte[] qt = quant;                     // locals: one load each per line, not per sample
        int off = maxVal;
        int x = 1;
        while (x <= w) {
            int rd = L[p + x + 1];
            int q = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off]; // see context()
            if (q == 0) {
                x += encodeRun(L, p, cur, x, ra);
                if (x <= w) {
                    ra = L[cur + x - 1];
                    rb = L[p + x];
                    rc = L[p + x - 1];
                }
            } else {
                int rx = encodeRegular(q, predict(ra, rb, rc), L[cur + x]);
                L[cur + x] = rx;
                ra = rx;
                rc = rb;
                rb = rd;
                x++;
            }
        }
    }

    private int encodeRun(int[] L, int p, int cur, int x, int ra) {
        int remaining = width - x + 1;
        int count = 0;
        int nr = near;
        while (count < remaining && Math.abs(L[cur + x + count] - ra) <= nr) {
            L[cur + x + count] = ra;
            count++;
        }
        encodeRunLength(count, count == remaining);
        if (count == remaining) {
            return count;
        }
        int xi = x + count;
        int ix = L[cur + xi];
        int rb = L[p + xi];
        int rx;
        if (Math.abs(ra - rb) <= nr) {
            int e = quantizeError(ix - ra);
            encodeInterruptionError(RI1, e);
            rx = reconstruct(ra, e);
        } else {
            int sign = rb < ra ? -1 : 1;
            int e = quantizeError((ix - rb) * sign);
            encodeInterruptionError(RI0, e);
            rx = reconstruct(rb, e * sign);
        }
        L[cur + xi] = rx;
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    /**
     * {@link #encodeRun} for NEAR = 0 and RANGE = 2^qbpp: Rx = Ix, so the run only compares
     * (it writes nothing back into the line), and the interruption error's modulo reduction is
     * the sign extension of its low qbpp bits.
     */
    private int encodeRunLossless(int[] L, int p, int cur, int x, int ra) {
        int first = cur + x;
        int last = cur + width;
        // a sentinel that differs from Ra ends the scan at the line's end; L[cur + w + 1] is
        // otherwise unused until this line becomes the previous one, which sets it first
        L[last + 1] = ~ra;
        int at = first;
        while (L[at] == ra) {
            at++;
        }
        int count = at - first;
        if (at > last) {
            encodeRunLength(count, true);
            return count;
        }
        int jr = J[runIndex];
        if (count < 1 << jr) {
            put(count, jr + 1); // the usual short run: no full segment, a 0 bit and count in J bits
        } else {
            encodeRunLength(count, false);
        }
        int ix = L[at];
        int rb = L[p + x + count];
        int sh = 32 - qbpp;
        if (ra == rb) {
            encodeInterruptionError(RI1, ((ix - ra) << sh) >> sh);
        } else {
            int sign = (rb - ra) >> 31 | 1;
            encodeInterruptionError(RI0, (((ix - rb) * sign) << sh) >> sh);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    /**
     * One lossless line (NEAR = 0, RANGE = 2^qbpp) of a scan that is not sample interleaved, in
     * two passes. The first, free of serial dependencies, writes what the serial pass needs of
     * each sample into {@link #work} (behind the regular contexts), in the layout of the scan's
     * {@link #kind}; the second runs in {@link #model8} and {@link #pack}, {@link #modelWide}
     * and {@link #pack}, or {@link #regularRun}: loops without calls (so that their state stays
     * in registers), which stop at run mode, at the line's end and at the rare long Golomb codes;
     * those are handled here.
     *
     * <p>The prediction and Ix are stored reflected (MAXVAL - v, which is MAXVAL ^ v) when Q is
     * negative, which turns the sign handling of T.87 A.4.2 and A.4.3 into nothing: for Q &lt; 0,
     * Px = clamp(P - C) and Errval = Px - Ix, which are MAXVAL - clamp(P' + C) and
     * Ix' - (MAXVAL - Px) with P' = MAXVAL - P and Ix' = MAXVAL - Ix, so the serial pass codes
     * every sample as if Q were positive, with context 4|Q|.
     */
    private void encodeLineLosslessKernel(int[] L, int p, int cur) {
        int w = width;
        L[p + w + 1] = L[p + w];
        L[cur] = L[p + 1];
        int kd = kind;
        lineBuf = L;
        prevAt = p;
        curAt = cur;
        if (kd == KIND_8) {
            firstPass8(L, p, cur);
        } else if (kd == KIND_WIDE) {
            firstPassWide(L, p, cur);
        } else {
            firstPass(L, p, cur);
        }
        int x = 1;
        while (true) {
            if (kd == KIND_GENERIC) {
                x = regularRun(x);
                if (accBits >= 32) {
                    drain();
                }
            } else {
                int end = kd == KIND_8 ? model8(x) : modelWide(x);
                pack(WORK_SAMPLES + x, WORK_SAMPLES + end);
                x = end;
            }
            if (x > w) {
                return;
            }
            // run mode, or a sample the loops leave to the general coder: its context, prediction
            // and Ix again, from the lines
            int ra = L[cur + x - 1];
            int rb = L[p + x];
            int rc = L[p + x - 1];
            int q = context(L[p + x + 1] - rb, rb - rc, rc - ra);
            if (q == 0) {
                x += encodeRunLossless(L, p, cur, x, ra);
            } else {
                int r = (q >> 31) & maxVal;
                regularLosslessAt(work, Math.abs(q) << 2, r ^ predict(ra, rb, rc), r ^ L[cur + x]);
                x++;
            }
        }
    }

    /**
     * First pass of {@link #KIND_GENERIC}: two ints per sample, {@code 4|Q| << 16 | P'} and Ix'
     * (P', Ix' reflected for negative Q); Q = 0 and the sentinel past the line's end read as
     * 4|Q| = 0.
     */
    private void firstPass(int[] L, int p, int cur) {
        int w = width;
        byte[] qt = quant;
        int mv = maxVal;
        int[] v = work;
        // Ra, Rb, Rc slide along in registers (the next Rc is this Rb, the next Rb this Rd, the
        // next Ra this Ix), and Q2 of one sample is Q1 of the one before it
        int ra = L[cur];
        int rb = L[p + 1];
        int rc = L[p];
        int g2 = qt[rb - rc + mv];
        for (int x = 1; x <= w; x++) {
            int rd = L[p + x + 1];
            int g1 = qt[rd - rb + mv];
            int q = 81 * g1 + 9 * g2 + qt[rc - ra + mv];
            int s = q >> 31;
            int r = s & mv; // MAXVAL to reflect, 0 to keep: r ^ v is MAXVAL - v then
            int at = WORK_SAMPLES + 2 * x;
            v[at] = ((q ^ s) - s) << 18 | (r ^ predict(ra, rb, rc));
            g2 = g1;
            ra = L[cur + x];
            v[at + 1] = r ^ ra;
            rc = rb;
            rb = rd;
        }
        v[WORK_SAMPLES + 2 * (w + 1)] = 0;
    }

    /**
     * First pass of {@link #KIND_8}: one int per sample, {@code (4|Q| | stop) << 16 | P' << 8 | Ix'}
     * with the stop mark (bit 16) on samples in run mode (Q = 0) and on the sentinel past the
     * line's end; the gradients quantised through {@link #QUANT8}, whose masked index needs no
     * bounds check.
     */
    private void firstPass8(int[] L, int p, int cur) {
        int w = width;
        byte[] qt = QUANT8;
        int[] v = work;
        int ra = L[cur];
        int rb = L[p + 1];
        int rc = L[p];
        int g2 = qt[(rb - rc) & 0x1FF];
        for (int x = 1; x <= w; x++) {
            int rd = L[p + x + 1];
            int g1 = qt[(rd - rb) & 0x1FF];
            int q = 81 * g1 + 9 * g2 + qt[(rc - ra) & 0x1FF];
            int s = q >> 31;
            int r = s & 0xFF;
            int pr = r ^ predict(ra, rb, rc);
            g2 = g1;
            ra = L[cur + x];
            int aq = ((q ^ s) - s) << 2;
            v[WORK_SAMPLES + x] = (aq | (aq - 1) >>> 31) << 16 | pr << 8 | (r ^ ra);
            rc = rb;
            rb = rd;
        }
        v[WORK_SAMPLES + w + 1] = 1 << 16;
    }

    /**
     * A sample-interleaved line for {@link #KIND_8}: {@code L[cur + x * nc + j]} is component j
     * of pixel x. The first pass ({@link #firstPass8x3} for three components, else
     * {@link #firstPass8Interleaved}) writes the samples in their coding order, so that
     * {@link #model8} runs along them as along a single-component line; only the first
     * component of a pixel whose components all have Q = 0 (run mode, T.87 B.3) carries the
     * stop mark, and a component with Q = 0 in another pixel is coded in regular mode in
     * context 0.
     */
    private void encodeLineInterleaved8(int[] L, int p, int cur, int nc) {
        int w = width;
        for (int j = 0; j < nc; j++) {
            L[p + (w + 1) * nc + j] = L[p + w * nc + j];
            L[cur + j] = L[p + nc + j];
        }
        int[] v = work;
        int end = (w + 1) * nc;
        if (nc == 3) {
            firstPass8x3(L, p, cur, v, end);
        } else {
            firstPass8Interleaved(L, p, cur, v, nc, end);
        }
        v[WORK_SAMPLES + end] = 1 << 16;
        int at = nc;
        while (true) {
            int stop = model8(at);
            pack(WORK_SAMPLES + at, WORK_SAMPLES + stop);
            at = stop;
            if (at >= end) {
                return;
            }
            if (((v[WORK_SAMPLES + at] >>> 16) & 1) != 0) {
                int x = at / nc;
                at = (x + encodeRunInterleavedLossless(L, p, cur, x, nc)) * nc;
            } else {
                // a long code left to the general coder: context, prediction and Ix again
                int ra = L[cur + at - nc];
                int rb = L[p + at];
                int rc = L[p + at - nc];
                int q = context(L[p + at + nc] - rb, rb - rc, rc - ra);
                int r = (q >> 31) & 0xFF;
                regularLosslessAt(v, Math.abs(q) << 2, r ^ predict(ra, rb, rc), r ^ L[cur + at]);
                at++;
            }
        }
    }

    /**
     * The first pass of {@link #encodeLineInterleaved8} for any number of components: one
     * component at a time (as in {@link #firstPass8}), then the run mark on each pixel's first
     * sample.
     */
    private static void firstPass8Interleaved(int[] L, int p, int cur, int[] v, int nc, int end) {
        byte[] qt = QUANT8;
        for (int j = 0; j < nc; j++) {
            int ra = L[cur + j];
            int rb = L[p + nc + j];
            int rc = L[p + j];
            int g2 = qt[(rb - rc) & 0x1FF];
            for (int t = nc + j; t < end; t += nc) {
                int rd = L[p + t + nc];
                int g1 = qt[(rd - rb) & 0x1FF];
                int q = 81 * g1 + 9 * g2 + qt[(rc - ra) & 0x1FF];
                int s = q >> 31;
                int r = s & 0xFF;
                int pr = r ^ predict(ra, rb, rc);
                g2 = g1;
                ra = L[cur + t];
                v[WORK_SAMPLES + t] = ((q ^ s) - s) << 18 | pr << 8 | (r ^ ra);
                rc = rb;
                rb = rd;
            }
        }
        for (int t = WORK_SAMPLES + nc; t < WORK_SAMPLES + end; t += nc) {
            int any = 0;
            for (int j = 0; j < nc; j++) {
                any |= v[t + j] >>> 16;
            }
            v[t] |= ((any - 1) >>> 31) << 16;
        }
    }

    /**
     * The first pass of {@link #encodeLineInterleaved8} for three components, one loop over the
     * pixels with the three components written out and Ra, Rb, Rc, Rd read from the lines (no
     * values carried from one pixel to the next); the run mark is set in the same loop. Its
     * bytecode is above C2's inlining size, so it is compiled on its own: when it was part of
     * {@link #encodeLineInterleaved8}, about one JVM in seven compiled that method after
     * {@link #encodeRunInterleavedLossless} had been profiled but not compiled, inlined it, and
     * ran the whole line about 10 % slower (benchmarks/README.md, JPEG-LS encode, session 6).
     */
    private static void firstPass8x3(int[] L, int p, int cur, int[] v, int end) {
        byte[] qt = QUANT8;
        // i runs along the previous line (at Rc of the first component), c along the current
        // one (at Ra) and o along the work array, so that each access is one of them plus a
        // constant that is not negative (which C2 folds into the address)
        int c = cur;
        int o = WORK_SAMPLES + 3;
        for (int i = p; i < p + end - 3; i += 3, c += 3, o += 3) {
            int ra = L[c];
            int rb = L[i + 3];
            int rc = L[i];
            int q = 81 * qt[(L[i + 6] - rb) & 0x1FF] + 9 * qt[(rb - rc) & 0x1FF] + qt[(rc - ra) & 0x1FF];
            int s = q >> 31;
            int r = s & 0xFF;
            int aq0 = (q ^ s) - s;
            int v0 = aq0 << 18 | (r ^ predict(ra, rb, rc)) << 8 | (r ^ L[c + 3]);
            ra = L[c + 1];
            rb = L[i + 4];
            rc = L[i + 1];
            q = 81 * qt[(L[i + 7] - rb) & 0x1FF] + 9 * qt[(rb - rc) & 0x1FF] + qt[(rc - ra) & 0x1FF];
            s = q >> 31;
            r = s & 0xFF;
            int aq1 = (q ^ s) - s;
            v[o + 1] = aq1 << 18 | (r ^ predict(ra, rb, rc)) << 8 | (r ^ L[c + 4]);
            ra = L[c + 2];
            rb = L[i + 5];
            rc = L[i + 2];
            q = 81 * qt[(L[i + 8] - rb) & 0x1FF] + 9 * qt[(rb - rc) & 0x1FF] + qt[(rc - ra) & 0x1FF];
            s = q >> 31;
            r = s & 0xFF;
            int aq2 = (q ^ s) - s;
            v[o + 2] = aq2 << 18 | (r ^ predict(ra, rb, rc)) << 8 | (r ^ L[c + 5]);
            v[o] = v0 | (((aq0 | aq1 | aq2) - 1) >>> 31) << 16;
        }
    }

    /**
     * First pass of {@link #KIND_WIDE}: one int per sample, {@code t << 20 | D} with
     * D = Ix' - P' in 20 bits and t = 4|Q| plus a flag in bit 0, set when Errval might not be
     * D - C: when clamping Px could matter (P' within 128 of 0 or MAXVAL, as |C| &lt;= 128) or the
     * modulo reduction could (|D| within 129 of RANGE/2); a flagged sample has the sign of Q in
     * bit 1 (for {@link #modelWide}, which recomputes P' and Ix' from the lines). Q = 0 and the
     * sentinel past the line's end read as t = 1.
     */
    private void firstPassWide(int[] L, int p, int cur) {
        int w = width;
        byte[] qt = Quant16.TABLE;
        int mv = maxVal;
        int hi = mv - 128;
        int lim = (1 << (qbpp - 1)) - 130;
        int[] v = work;
        int ra = L[cur];
        int rb = L[p + 1];
        int rc = L[p];
        int g2 = qt[(rb - rc) & 0x1FFFF];
        for (int x = 1; x <= w; x++) {
            int rd = L[p + x + 1];
            int g1 = qt[(rd - rb) & 0x1FFFF];
            int q = 81 * g1 + 9 * g2 + qt[(rc - ra) & 0x1FFFF];
            int s = q >> 31;
            int r = s & mv;
            int pr = r ^ predict(ra, rb, rc);
            g2 = g1;
            ra = L[cur + x];
            int d = (r ^ ra) - pr;
            int aq = ((q ^ s) - s) << 2;
            // flag: P' < 128, P' > MAXVAL - 128, |D| > RANGE/2 - 130; or Q = 0 (aq - 1 < 0)
            int flag = ((pr - 128) | (hi - pr) | (d + lim) | (lim - d) | (aq - 1)) >>> 31;
            v[WORK_SAMPLES + x] = (aq | flag | (s & flag << 1)) << 20 | (d & 0xFFFFF);
            rc = rb;
            rb = rd;
        }
        v[WORK_SAMPLES + w + 1] = 1 << 20;
    }

    /**
     * The serial part of {@link #encodeLineLosslessKernel} from sample x on: codes regular-mode
     * samples until one is in run mode (or is the sentinel past the line's end), needs an escape
     * or a code longer than 31 bits, or four output bytes need stuffing; returns that x (whose
     * sample is not coded yet). No calls, and the bit register in locals.
     */
    private int regularRun(int x) {
        int[] v = work;
        if (lastFF) {
            return x; // the next byte takes seven bits: left to drain()
        }
        long bits = acc;
        int nbits = accBits;
        int mv = maxVal;
        int sh = 32 - qbpp;
        int rs = reset;
        int escape = limit - qbpp - 1;
        int at = WORK_SAMPLES + 2 * x;
        while (true) {
            if (nbits >= 32) {
                // the common case of drain(): four bytes, none of them 0xFF (and none after one,
                // as lastFF was false on entry and stays so here)
                int word = (int) (bits >>> (nbits - 32));
                int inv = ~word;
                if (((inv - 0x01010101) & ~inv & 0x80808080) != 0) {
                    break;
                }
                INT_BE.set(out, len, word);
                len += 4;
                nbits -= 32;
            }
            int qp = v[at];
            int i = qp >>> 16;
            if (i == 0) {
                break;
            }
            int a = v[i + A];
            int b = v[i + B];
            int c = v[i + C];
            int n = v[i + N];
            int px = Math.min(Math.max((qp & 0xFFFF) + c, 0), mv);
            int k = golomb(n, a);
            int e = v[at + 1] - px;
            e = (e << sh) >> sh; // modulo RANGE = 2^qbpp: the low qbpp bits, sign-extended
            int me = e ^ (((k - 1) >> 31) & ((2 * b + n - 1) >> 31));
            int m = (me << 1) ^ (me >> 31);
            int high = m >>> k;
            int count = high + 1 + k;
            if (high >= escape || count > 31) {
                break;
            }
            // high zeros, a 1, the k low bits of m: m with its high part replaced by 1
            bits = (bits << count) | (m ^ ((high ^ 1) << k));
            nbits += count;
            a += Math.abs(e);
            b += e;
            if (n == rs) {
                a >>= 1;
                b >>= 1;
                n >>= 1;
            }
            n++;
            // A.6.2 with branches: on smooth data B mostly stays in (-N, 0], so both are
            // predicted well (the branch-free form costs more instructions than they miss)
            if (b + n <= 0) {
                b = Math.max(b + n, 1 - n);
                v[i + C] = Math.max(c - 1, MIN_C);
            } else if (b > 0) {
                b = Math.min(b - n, 0);
                v[i + C] = Math.min(c + 1, MAX_C);
            }
            v[i + A] = a;
            v[i + B] = b;
            v[i + N] = n;
            at += 2;
        }
        acc = bits;
        accBits = nbits;
        return (at - WORK_SAMPLES) >> 1;
    }

    /**
     * The context modelling of {@link #KIND_8} from sample x on, with MAXVAL, qbpp, the escape
     * length and RESET as constants: codes regular-mode samples until one carries the stop mark
     * (run mode, or the sentinel past the line's end) or needs a code longer than 26 bits, and
     * returns that x (whose sample is not coded). The bits go out in {@link #pack}: each sample's code replaces
     * its int in {@link #work} as {@code value << 5 | length}. No calls, and the output left to
     * another loop, so that the state fits in registers.
     */
    private int model8(int x) {
        int[] v = work;
        int at = WORK_SAMPLES + x;
        while (true) {
            int qp = v[at];
            int i = qp >>> 16;
            if ((i & 1) != 0) {
                break;
            }
            int a = v[i + A];
            int b = v[i + B];
            int c = v[i + C];
            int n = v[i + N];
            int px = Math.min(Math.max(((qp >>> 8) & 0xFF) + c, 0), 0xFF);
            int k = golomb(n, a);
            int e = (((qp & 0xFF) - px) << 24) >> 24;
            int me = e ^ (((k - 1) >> 31) & ((2 * b + n - 1) >> 31));
            int m = (me << 1) ^ (me >> 31);
            int high = m >>> k;
            int count = high + 1 + k;
            // LIMIT is 32: an escape from 23 high zeros on
            if (high >= 23 || count > 26) {
                break;
            }
            // high zeros, a 1, the k low bits of m: m with its high part replaced by 1
            v[at] = (m ^ ((high ^ 1) << k)) << 5 | count;
            a += Math.abs(e);
            b += e;
            if (n == JlsParams.DEFAULT_RESET) {
                a >>= 1;
                b >>= 1;
                n >>= 1;
            }
            n++;
            // A.6.2 with branches: on smooth data B mostly stays in (-N, 0], so both are
            // predicted well (the branch-free form costs more instructions than they miss)
            if (b + n <= 0) {
                b = Math.max(b + n, 1 - n);
                v[i + C] = Math.max(c - 1, MIN_C);
            } else if (b > 0) {
                b = Math.min(b - n, 0);
                v[i + C] = Math.min(c + 1, MAX_C);
            }
            v[i + A] = a;
            v[i + B] = b;
            v[i + N] = n;
            at++;
        }
        return at - WORK_SAMPLES;
    }

    /**
     * {@link #model8} for {@link #KIND_WIDE}: an unflagged sample's Errval is D - C (see
     * {@link #firstPassWide}), so neither the clamp nor the modulo reduction runs for it; a
     * flagged one recomputes P' and Ix' from the lines. A code of at most 31 bits never reaches
     * the escape (LIMIT - qbpp - 1 = 3 qbpp - 1 is above 30 from 11 bits on).
     */
    private int modelWide(int x) {
        int[] v = work;
        int at = WORK_SAMPLES + x;
        while (true) {
            int td = v[at];
            int i = td >>> 20;
            int c;
            int e;
            if ((i & 1) == 0) {
                c = v[i + C];
                e = ((td << 12) >> 12) - c;
            } else {
                if (i == 1) {
                    break;
                }
                int r = -((i >> 1) & 1) & maxVal;
                i &= ~3;
                c = v[i + C];
                int[] L = lineBuf;
                int xs = at - WORK_SAMPLES;
                int p = prevAt + xs;
                int cur = curAt + xs;
                int px = Math.min(Math.max((r ^ predict(L[cur - 1], L[p], L[p - 1])) + c, 0), maxVal);
                int sh = 32 - qbpp;
                e = (((r ^ L[cur]) - px) << sh) >> sh;
            }
            int a = v[i + A];
            int b = v[i + B];
            int n = v[i + N];
            int k = golomb(n, a);
            int me = e ^ (((k - 1) >> 31) & ((2 * b + n - 1) >> 31));
            int m = (me << 1) ^ (me >> 31);
            int high = m >>> k;
            int count = high + 1 + k;
            if (count > 26) {
                break;
            }
            v[at] = (m ^ ((high ^ 1) << k)) << 5 | count;
            a += Math.abs(e);
            b += e;
            if (n == JlsParams.DEFAULT_RESET) {
                a >>= 1;
                b >>= 1;
                n >>= 1;
            }
            n++;
            if (b + n <= 0) {
                b = Math.max(b + n, 1 - n);
                v[i + C] = Math.max(c - 1, MIN_C);
            } else if (b > 0) {
                b = Math.min(b - n, 0);
                v[i + C] = Math.min(c + 1, MAX_C);
            }
            v[i + A] = a;
            v[i + B] = b;
            v[i + N] = n;
            at++;
        }
        return at - WORK_SAMPLES;
    }

    /**
     * Writes the codes {@link #model8} or {@link #modelWide} left in {@link #work} from
     * {@code from} to below {@code to} ({@code value << 5 | length} each).
     */
    private void pack(int from, int to) {
        int[] v = work;
        long bits = acc;
        int nbits = accBits;
        for (int at = from; at < to; at++) {
            int code = v[at];
            int count = code & 31;
            bits = (bits << count) | (code >>> 5);
            nbits += count;
            if (nbits >= 32) {
                // the common case of drain(): four bytes, none of them 0xFF, none after one
                int word = (int) (bits >>> (nbits - 32));
                int inv = ~word;
                if (!lastFF && ((inv - 0x01010101) & ~inv & 0x80808080) == 0) {
                    INT_BE.set(out, len, word);
                    len += 4;
                    nbits -= 32;
                } else {
                    acc = bits;
                    accBits = nbits;
                    drain();
                    nbits = accBits;
                }
            }
        }
        acc = bits;
        accBits = nbits;
    }

    /**
     * One regular-mode sample of {@link #encodeLineLosslessKernel} through the general Golomb
     * coder, from its context index 4|Q|, reflected prediction and reflected Ix.
     */
    private void regularLosslessAt(int[] ctx, int i, int pr, int ix) {
        int a = ctx[i + A];
        int b = ctx[i + B];
        int c = ctx[i + C];
        int n = ctx[i + N];
        int px = Math.min(Math.max(pr + c, 0), maxVal);
        int k = golomb(n, a);
        int sh = 32 - qbpp;
        int e = ((ix - px) << sh) >> sh;
        int me = e ^ (((k - 1) >> 31) & ((2 * b + n - 1) >> 31));
        int m = (me << 1) ^ (me >> 31);
        encodeValue(k, m, limit);
        a += Math.abs(e);
        b += e;
        if (n == reset) {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }
        n++;
        if (b + n <= 0) {
            b = Math.max(b + n, 1 - n);
            ctx[i + C] = Math.max(c - 1, MIN_C);
        } else if (b > 0) {
            b = Math.min(b - n, 0);
            ctx[i + C] = Math.min(c + 1, MAX_C);
        }
        ctx[i + A] = a;
        ctx[i + B] = b;
        ctx[i + N] = n;
    }

    /**
     * A sample-interleaved line with NEAR = 0 and RANGE a power of two, in two passes (as
     * {@link #encodeLineLosslessKernel}): {@code L[cur + x * nc + j]} is component j of pixel x.
     */
    private void encodeLineInterleavedLossless(int[] L, int p, int cur, int nc) {
        int w = width;
        for (int j = 0; j < nc; j++) {
            L[p + (w + 1) * nc + j] = L[p + w * nc + j];
            L[cur + j] = L[p + nc + j];
        }
        byte[] qt = quant;
        int off = maxVal;
        int[] qa = ctxQ;
        int[] pa = pred;
        int end = (w + 1) * nc;
        // one component at a time, so that Ra, Rb, Rc slide in registers and Q2 of a sample
        // is Q1 of the one before it, as in firstPass
        for (int j = 0; j < nc; j++) {
            int ra = L[cur + j];
            int rb = L[p + nc + j];
            int rc = L[p + j];
            int g2 = qt[rb - rc + off];
            for (int t = nc + j; t < end; t += nc) {
                int rd = L[p + t + nc];
                int g1 = qt[rd - rb + off];
                qa[t] = 81 * g1 + 9 * g2 + qt[rc - ra + off];
                pa[t] = predict(ra, rb, rc);
                g2 = g1;
                ra = L[cur + t];
                rc = rb;
                rb = rd;
            }
        }
        int x = 1;
        if (nc == 3) {
            // the usual case (colour) unrolled
            while (x <= w) {
                int t = x * 3;
                if ((qa[t] | qa[t + 1] | qa[t + 2]) == 0) {
                    x += encodeRunInterleavedLossless(L, p, cur, x, 3);
                    continue;
                }
                regularLossless(qa[t], pa[t], L[cur + t]);
                regularLossless(qa[t + 1], pa[t + 1], L[cur + t + 1]);
                regularLossless(qa[t + 2], pa[t + 2], L[cur + t + 2]);
                x++;
            }
            return;
        }
        while (x <= w) {
            int t = x * nc;
            int any = 0;
            for (int j = 0; j < nc; j++) {
                any |= qa[t + j];
            }
            if (any == 0) {
                x += encodeRunInterleavedLossless(L, p, cur, x, nc);
                continue;
            }
            for (int j = 0; j < nc; j++) {
                regularLossless(qa[t + j], pa[t + j], L[cur + t + j]);
            }
            x++;
        }
    }

    /**
     * T.87 A.4 to A.6 for one regular-mode sample with NEAR = 0 and RANGE = 2^qbpp, given its
     * signed context Q, its MED prediction and the sample.
     */
    private void regularLossless(int q, int pr, int ix) {
        int[] ctx = st;
        int s = q >> 31;
        int i = ((q ^ s) - s) << 2;
        int c = ctx[i + C];
        int a = ctx[i + A];
        int b = ctx[i + B];
        int n = ctx[i + N];
        int px = Math.min(Math.max(pr + ((c ^ s) - s), 0), maxVal);
        int k = golomb(n, a);
        int sh = 32 - qbpp;
        int e = ((ix - px) ^ s) - s;
        e = (e << sh) >> sh; // modulo RANGE = 2^qbpp: the low qbpp bits, sign-extended
        int me = e ^ (((k - 1) >> 31) & ((2 * b + n - 1) >> 31));
        int m = (me << 1) ^ (me >> 31);
        int high = m >>> k;
        int bitsOut = high + 1 + k;
        if (high < limit - qbpp - 1 && bitsOut <= 31) {
            // high zeros, a 1, the k low bits of m: m with its high part replaced by 1
            put(m ^ ((high ^ 1) << k), bitsOut);
        } else {
            encodeValue(k, m, limit);
        }
        a += Math.abs(e);
        b += e;
        if (n == reset) {
            a >>= 1;
            b >>= 1;
            n >>= 1;
        }
        n++;
        if (b + n <= 0) {
            b = Math.max(b + n, 1 - n);
            ctx[i + C] = Math.max(c - 1, MIN_C);
        } else if (b > 0) {
            b = Math.min(b - n, 0);
            ctx[i + C] = Math.min(c + 1, MAX_C);
        }
        ctx[i + A] = a;
        ctx[i + B] = b;
        ctx[i + N] = n;
    }

    // ---- sample-interleaved line --------------------------------------------------------------

    private void encodeLineInterleaved(int[] L, int p, int cur, int nc) {
        int w = width;
        for (int j = 0; j < nc; j++) {
            L[p + (w + 1) * nc + j] = L[p + w * nc + j];
            L[cur + j] = L[p + nc + j];
        }
        int[] q = qs;
        int x = 1;
        while (x <= w) {
            int px = x * nc;
            int any = 0;
            for (int j = 0; j < nc; j++) {
                int ra = L[cur + px - nc + j];
                int rb = L[p + px + j];
                int rc = L[p + px - nc + j];
                int rd = L[p + px + nc + j];
                int qj = context(rd - rb, rb - rc, rc - ra);
                q[j] = qj;
                any |= qj;
            }
            if (any == 0) {
                x += encodeRunInterleaved(L, p, cur, x, nc);
            } else {
                for (int j = 0; j < nc; j++) {
                    int ra = L[cur + px - nc + j];
                    int rb = L[p + px + j];
                    int rc = L[p + px - nc + j];
                    L[cur + px + j] = encodeRegular(q[j], predict(ra, rb, rc), L[cur + px + j]);
                }
                x++;
            }
        }
    }

    /** {@link #encodeRunInterleaved} for NEAR = 0 and RANGE = 2^qbpp, as {@link #encodeRunLossless}. */
    private int encodeRunInterleavedLossless(int[] L, int p, int cur, int x, int nc) {
        int remaining = width - x + 1;
        int ra0 = cur + (x - 1) * nc;
        int at = ra0 + nc;
        int count = 0;
        outer:
        while (count < remaining) {
            for (int j = 0; j < nc; j++) {
                if (L[at + j] != L[ra0 + j]) {
                    break outer;
                }
            }
            at += nc;
            count++;
        }
        if (count == remaining) {
            encodeRunLength(count, true);
            return count;
        }
        encodeRunLength(count, false);
        int sh = 32 - qbpp;
        int rbAt = p + (x + count) * nc;
        for (int j = 0; j < nc; j++) {
            int ra = L[ra0 + j];
            int rb = L[rbAt + j];
            int sign = (rb - ra) >> 31 | 1;
            encodeInterruptionError(RI0, (((L[at + j] - rb) * sign) << sh) >> sh);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    private int encodeRunInterleaved(int[] L, int p, int cur, int x, int nc) {
        int remaining = width - x + 1;
        int ra0 = cur + (x - 1) * nc;
        int count = 0;
        int nr = near;
        outer:
        while (count < remaining) {
            int at = cur + (x + count) * nc;
            for (int j = 0; j < nc; j++) {
                if (Math.abs(L[at + j] - L[ra0 + j]) > nr) {
                    break outer;
                }
            }
            for (int j = 0; j < nc; j++) {
                L[at + j] = L[ra0 + j];
            }
            count++;
        }
        encodeRunLength(count, count == remaining);
        if (count == remaining) {
            return count;
        }
        int xi = x + count;
        for (int j = 0; j < nc; j++) {
            int ra = L[ra0 + j];
            int rb = L[p + xi * nc + j];
            int ix = L[cur + xi * nc + j];
            int sign = rb < ra ? -1 : 1;
            int e = quantizeError((ix - rb) * sign);
            encodeInterruptionError(RI0, e);
            L[cur + xi * nc + j] = reconstruct(rb, e * sign);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    // ---- coding primitives --------------------------------------------------------------------

    /** T.87 A.4.5: quantisation for NEAR (A.4.4) and modulo reduction of the error. */
    private int quantizeError(int e) {
        if (near > 0) {
            e = e > 0 ? (e + near) / step : -((near - e) / step);
        }
        // modulo reduction into [-(RANGE/2), (RANGE+1)/2 - 1] without branches (the sign of the
        // error is a coin toss): x >> 31 is -1 for negative x, else 0
        int r = range;
        e += r & (e >> 31);
        e -= r & ((halfRange - 1 - e) >> 31);
        return e;
    }

    /** T.87 A.4 to A.6: one sample in regular mode; returns the reconstructed value. */
    private int encodeRegular(int q, int predicted, int ix) {
        int s = q >> 31;
        int i = ((q ^ s) - s) << 2;
        int[] ctx = st;
        int px = Math.min(Math.max(predicted + ((ctx[i + C] ^ s) - s), 0), maxVal);
        int nq = ctx[i + N];
        int k = golomb(nq, ctx[i + A]);
        int e = quantizeError(((ix - px) ^ s) - s);
        // special mapping of A.5.2 when k = NEAR = 0 and 2B <= -N: the complement (see ScanDecoder)
        int me = e ^ ((((k | near) - 1) >> 31) & ((2 * ctx[i + B] + nq - 1) >> 31));
        // A.5.2 mapping: E >= 0 -> 2E, E < 0 -> -2E - 1; (me >> 31) is 0 or -1
        int m = (me << 1) ^ (me >> 31);
        encodeValue(k, m, limit);
        updateRegular(i, e);
        return near == 0 ? ix : reconstruct(px, (e ^ s) - s);
    }

    /** T.87 A.7.2: the error of a run-interruption sample, in context RI0 or RI1. */
    private void encodeInterruptionError(int ctx, int e) {
        int t = ctx - RI0;
        int k = golombKInterruption(ctx);
        // A.7.2.1 map, branch-free (the error's sign is a coin toss): with c = (k != 0 || 2 Nn >= N),
        // map is !c for E > 0, c for E < 0 and 0 for E = 0
        int c = ((-k) >>> 31) | (~((2 * nn[t] - st[4 * ctx + N]) >> 31) & 1);
        int map = (((-e) >>> 31) & (c ^ 1)) | ((e >>> 31) & c);
        int em = 2 * Math.abs(e) - t - map;
        encodeValue(k, em, limit - J[runIndex] - 1);
        updateInterruption(ctx, e, em);
    }

    /** T.87 A.7.1.2: the run length, with the end-of-line rule. */
    private void encodeRunLength(int count, boolean endOfLine) {
        while (count >= (1 << J[runIndex])) {
            put(1, 1);
            count -= 1 << J[runIndex];
            if (runIndex < 31) {
                runIndex++;
            }
        }
        if (endOfLine) {
            if (count != 0) {
                put(1, 1);
            }
        } else {
            put(count, J[runIndex] + 1); // a 0 bit, then count in J[RUNindex] bits
        }
    }

    /** T.87 A.5.3: limited-length Golomb code. */
    private void encodeValue(int k, int m, int lim) {
        int high = m >>> k;
        int escape = lim - qbpp - 1;
        if (high < escape) {
            int bitsOut = high + 1 + k;
            int code = (1 << k) | (m & ((1 << k) - 1)); // high zeros are implied by the length
            if (bitsOut <= 31) {
                put(code, bitsOut);
            } else {
                putZeros(high);
                put(code, k + 1);
            }
        } else {
            putZeros(escape);
            put((1 << qbpp) | ((m - 1) & ((1 << qbpp) - 1)), qbpp + 1);
        }
    }

    private void putZeros(int count) {
        while (count > 24) {
            put(0, 24);
            count -= 24;
        }
        if (count > 0) {
            put(0, count);
        }
    }

    /** Appends {@code value}, which is below 2^count, as {@code count} (1..31) bits. */
    private void put(int value, int count) {
        acc = (acc << count) | value;
        accBits += count;
        if (accBits >= 32) {
            drain();
        }
    }

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** Moves whole bytes out of the accumulator (seven bits after a 0xFF). */
    private void drain() {
        if (!lastFF && accBits >= 32) {
            // common case: the next 32 bits hold no 0xFF byte, so they go out as four bytes
            // ("some byte of v is 0xFF" is "some byte of ~v is zero": (x - 0x01..) & ~x & 0x80..)
            int v = (int) (acc >>> (accBits - 32));
            int inv = ~v;
            if (((inv - 0x01010101) & ~inv & 0x80808080) == 0) {
                INT_BE.set(out, len, v);
                len += 4;
                accBits -= 32;
                return;
            }
        }
        while (true) {
            int take = lastFF ? 7 : 8;
            if (accBits < take) {
                return;
            }
            int v = (int) (acc >>> (accBits - take)) & ((1 << take) - 1);
            accBits -= take;
            out[len++] = (byte) v;
            lastFF = v == 0xFF;
        }
    }

    /**
     * End of the scan: pads the last byte with zero bits, and after a final 0xFF writes a 0x00
     * so that the 0xFF cannot be read as the start of a marker (T.87 A.1, as CharLS does).
     */
    private void flushEnd() {
        drain();
        if (accBits > 0) {
            int take = lastFF ? 7 : 8;
            int v = (int) (acc << (take - accBits)) & ((1 << take) - 1);
            out[len++] = (byte) v;
            lastFF = v == 0xFF;
            accBits = 0;
        }
        if (lastFF) {
            out[len++] = 0;
            lastFF = false;
        }
        acc = 0;
    }
}
