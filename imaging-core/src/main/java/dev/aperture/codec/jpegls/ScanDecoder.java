// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes the entropy-coded data of one scan (T.87 Annex A, decoding per Annex F) into the
 * caller's samples.
 *
 * <p>Each segment of entropy-coded data (the scan's data up to its first marker, and the data
 * after each restart marker) is first copied without its bit stuffing into {@link #cb}: a 0xFF
 * byte is followed by a byte whose top bit is a stuffed zero (T.87 A.1), and 0xFF followed by a
 * byte &gt;= 0x80 is a marker that ends the segment. The copy is followed by enough zero bytes
 * for one line of samples at the longest code length, so that the line loops read the bits
 * with one unaligned eight-byte load at the bit position {@link #bp} and nothing else: no
 * refill, no bit count, no end test. Past the end the data read as zero bits; consuming any of
 * them means the data were truncated, which is checked once per line (each line reads a
 * bounded number of bits, within the zero padding, so nothing can spin or read out of bounds).
 *
 * <p>One instance per scan, one thread.
 */
final class ScanDecoder extends JlsCoder {

    private final byte[] buf;
    private final int bufEnd;
    /** Where the next segment starts in {@link #buf} (then: where the current one started). */
    private int pos;
    /** End of the current segment: the buffer end, or the position of the marker that ends it. */
    private int segEnd;
    /** The current segment without stuffing, then zero bytes. */
    private byte[] cb;
    /** Bits of data in {@link #cb}. */
    private long cbits;
    /** Bytes of {@link #cb} that a segment may have left non-zero. */
    private int dirty;
    /** Read position in {@link #cb}, in bits. */
    private long bp;

    private final int width;
    private final short[] outS;
    private final byte[] outB;
    private final int outOff;
    private final int outStride;
    /** 32 - P when signed samples must be sign-extended into the destination, else 0. */
    private final int signShift;

    /**
     * The regular contexts 0..364 as the decoder keeps them, eight ints each (32 bytes, so one
     * context never straddles a cache line): A, B, C, N as in {@link JlsCoder#st}, then the
     * Golomb parameter k and the special-mapping mask that the next sample of the context will
     * use, both computed when the context is updated, off the serial path of a line (sample,
     * context, k, bit position, next sample). The run-interruption contexts stay in
     * {@link JlsCoder#st}. The 8-bit lossless loops keep theirs in {@link #dcx} instead.
     */
    private final int[] cx = new int[CXN];
    /** Ints of the contexts at the start of {@link #cx}. */
    private static final int CXN = 8 * CONTEXTS;
    /** Index of k in a context of {@link #cx}. */
    private static final int K = 4;
    /** Index of the special-mapping mask (-1 when k = NEAR = 0 and 2B &lt;= -N, else 0). */
    private static final int SM = 5;

    /**
     * The regular contexts of the 8-bit lossless loops (those that use {@link #qctx}), four ints
     * each (16 bytes, never across a cache line): C, N, S = 2B + N - 1 and D = N - A (D last,
     * as it is loaded first: its bounds check covers the other three). The
     * update of A.6.1 is then D += 1 - |E|, S += 2E + 1, N += 1 (three adds), k = 0 is D &gt;= 0
     * (A &lt;= N) and the special mapping is D &gt;= 0 and S &lt; 0 (2B &lt;= -N), tested where
     * they are used, so that no k and no mask are computed and stored at each update; k itself
     * is computed only for the codes with k &gt; 0 (5 % of 8-bit RGB). A.6.2 in these terms:
     * B + N &lt;= 0 is S + N &lt; 0, B &gt; 0 is S &gt;= N, and B moving by N is S moving by 2N.
     */
    private final int[] dcx = new int[4 * CONTEXTS];
    /** Index of C in a context of {@link #dcx}. */
    private static final int DC = 0;
    /** Index of N in a context of {@link #dcx}. */
    private static final int DN = 1;
    /** Index of D = N - A in a context of {@link #dcx}. */
    private static final int DD = 3;
    /** Index of S = 2B + N - 1 in a context of {@link #dcx}. */
    private static final int DS = 2;

    /**
     * Per sample of the line being decoded (8-bit lossless, see decodeLine(); three per pixel in
     * {@link #decodeLineInterleaved8}): where the row of {@link #qctx} for its Q1 and Q2 starts,
     * plus MAXVAL, so that adding Rc - Ra gives its entry. For component lines (see
     * {@link #contextRows}) Rc is added already, and Rb and Rc are kept in bits 16 and up.
     */
    private int[] q12;
    /** The mark of a context entry in {@link #q12} (see {@link #decodeLineInterleaved8}). */
    private static final int MARK = 1 << 30;

    /** The gradient table times 2 MAXVAL + 1, see {@link #contextRows3} and {@link #contextRows}. */
    private int[] qr;
    /**
     * T1 - 1, T2 - 1 and T3 - 1 when the gradient quantisation of the 8-bit component lines is
     * the one of T.87 A.3.3 with NEAR = 0 (any valid thresholds; checked against the table), for
     * {@link #contextRowsVector}; null otherwise.
     */
    private int[] thresholds;
    /** Scratch lines of {@link #contextRowsVector}: the line shifted by one each way, Q1 and Q2. */
    private int[] left;
    private int[] right;
    private int[] q1s;
    private int[] q2s;

    /** The context table of 8-bit lossless lines, see {@link #contextTable}. */
    private short[] qctx;

    /** The last context table built, with the gradient table it was built from: {byte[], short[]}. */
    private static volatile Object[] lastContextTable;

    /**
     * Whether {@link #decodeLineLosslessBias} updates the bias with branches (the last line it
     * decoded had few bias updates) rather than masks.
     */
    private boolean biasBranches;
    /** Lines left that {@link #decodeLineLossless} decodes before the next probe (see decodeLine()). */
    private int maskedLines;
    /** Lines decoded by {@link #decodeLineLosslessBias}; every 256th makes its updates with masks. */
    private int biasLines;

    /** Rb of the last run-interruption sample (see decodeRun()). */
    private int runRb;

    /**
     * MAXVAL of the 8-bit lossless line loops ({@link #decodeLineLossless8},
     * {@link #decodeLineLossless8Bias}), which take only the full 8-bit range, so that MAXVAL,
     * RANGE and the escape are constants rather than values that the loop keeps live.
     */
    private static final int MV8 = 255;
    /** RANGE with MAXVAL = {@value #MV8} and NEAR = 0. */
    private static final int RANGE8 = MV8 + 1;
    /**
     * The escape prefix length LIMIT - qbpp - 1 with MAXVAL = {@value #MV8} and NEAR = 0 (LIMIT
     * = 32, qbpp = 8); below RANGE + 1, so a prefix of fewer zeros is a valid code with k = 0.
     */
    private static final int ESC8 = 23;

    /** Valid bits in a {@link #peek}: an eight-byte load shifted left by at most 7. */
    private static final int PEEK_BITS = 57;

    ScanDecoder(JlsParams p, int near, byte[] buf, int start, int end, int width,
                int components, short[] outS, byte[] outB, int outOff, int signShift) {
        super(p, near);
        this.buf = buf;
        this.pos = start;
        this.bufEnd = end;
        this.segEnd = end;
        this.width = width;
        this.outS = outS;
        this.outB = outB;
        this.outOff = outOff;
        this.outStride = components;
        this.signShift = signShift;
    }

    /** T.87 A.2.1 for {@link #cx}, from the values initContexts() gave the shared state. */
    private void initDecoderContexts() {
        int a0 = st[A];
        int k0 = golomb(1, a0);
        for (int i = 0; i < 8 * CONTEXTS; i += 8) {
            cx[i + A] = a0;
            cx[i + B] = 0;
            cx[i + C] = 0;
            cx[i + N] = 1;
            cx[i + K] = k0;
            cx[i + SM] = 0; // 2B + N - 1 = 0 is not negative
        }
        for (int i = 0; i < 4 * CONTEXTS; i += 4) {
            dcx[i + DC] = 0;
            dcx[i + DN] = 1;
            dcx[i + DD] = 1 - a0;
            dcx[i + DS] = 0;
        }
    }

    // ---- scan driver --------------------------------------------------------------------------

    /**
     * Decodes all lines of the scan.
     *
     * @param comps      SOF indices of the scan's components, in scan order
     * @param ilv        interleave mode: 0 none, 1 line, 2 sample
     * @param height     lines
     * @param restart    restart interval in lines, 0 for none
     * @return the position of the marker that follows the scan
     */
    int decode(int[] comps, int ilv, int height, int restart) {
        int w = width;
        int nc = comps.length;
        // one line of nc components reads at most LIMIT bits per sample, one bit per sample
        // of run-length code and the remainder bits of an interrupted run per component
        long pad = ((long) nc * ((long) w * (limit + 1) + 64) + 128) / 8 + 16;
        long size = (long) (bufEnd - pos) + pad;
        if (size > Integer.MAX_VALUE - 16) {
            throw new UnsupportedDataException("JPEG-LS scan too large", pos, MalformedDataException.NO_TAG);
        }
        cb = new byte[(int) size];
        loadSegment();
        int rst = 0;
        initDecoderContexts();
        if (ilv == 2) {
            boolean rgb8 = nc == 3 && near == 0 && maxVal <= 255;
            int[] t3 = null;
            int[] right3 = null;
            int[] q1s3 = null;
            int[] q2s3 = null;
            if (rgb8) {
                qctx = contextTable(quant, maxVal);
                q12 = new int[3 * (w + 2)];
                t3 = maxVal == MV8 ? arithmeticThresholds(quant, maxVal) : null;
                if (t3 != null) {
                    right3 = new int[3 * (w + 2)];
                    q1s3 = new int[3 * (w + 2)];
                    q2s3 = new int[3 * (w + 2)];
                } else {
                    qr = gradientRows(quant, maxVal);
                }
            }
            int len = (w + 2) * nc;
            int[] prev = new int[len];
            int[] cur = new int[len];
            for (int y = 0; y < height; y++) {
                if (restart > 0 && y > 0 && y % restart == 0) {
                    restartMarker(rst);
                    rst = (rst + 1) & 7;
                    Arrays.fill(prev, 0);
                    initContexts();
                    initDecoderContexts();
                }
                if (rgb8) {
                    // as in decodeLine(): the row of qctx for Q1 and Q2 of each sample, plus
                    // MAXVAL, from a pass over the previous line here rather than in the line
                    // method, where C2 kept the pass's values in stack slots (8-bit RGB +4 %)
                    lineEdges3(prev, cur);
                    if (t3 != null) {
                        contextRows3Vector(prev, q12, w, right3, q1s3, q2s3, t3);
                    } else {
                        contextRows3(prev, q12, qr, w, maxVal);
                    }
                    decodeLineInterleaved8(prev, cur);
                } else if (nc == 3 && near == 0) {
                    decodeLineInterleaved3(prev, cur);
                } else {
                    decodeLineInterleaved(prev, cur, nc);
                }
                storeInterleaved(cur, y, comps);
                int[] t = prev;
                prev = cur;
                cur = t;
                checkLine();
            }
        } else {
            // one buffer per component: the previous line, overwritten in place by the current,
            // an int that decodeLineLosslessBias() uses for Rc and room for the eight-sample
            // fills of decodeRun8()
            int[][] lines = new int[nc][w + 11];
            q12 = new int[w + 2];
            if (near == 0 && maxVal == MV8) {
                thresholds = arithmeticThresholds(quant, maxVal);
                if (thresholds != null) {
                    left = new int[w + 2];
                    right = new int[w + 2];
                    q1s = new int[w + 2];
                    q2s = new int[w + 2];
                } else {
                    qr = gradientRows(quant, maxVal);
                }
            }
            // three byte components into pixels in their order: the three lines stored in
            // one pass (8-bit RGB line interleave: about +1 % against three strided passes)
            boolean pixels3 = nc == 3 && outS == null && outStride == 3 && inOrder(comps);
            for (int y = 0; y < height; y++) {
                if (restart > 0 && y > 0 && y % restart == 0) {
                    restartMarker(rst);
                    rst = (rst + 1) & 7;
                    for (int[] l : lines) {
                        Arrays.fill(l, 0);
                    }
                    initContexts();
                    initDecoderContexts();
                }
                if (pixels3) {
                    for (int s = 0; s < 3; s++) {
                        runIndex = runIndices[s];
                        decodeLine(lines[s]);
                        runIndices[s] = runIndex;
                    }
                    storeLines3(lines[0], lines[1], lines[2], y);
                } else {
                    for (int s = 0; s < nc; s++) {
                        int[] line = lines[s];
                        runIndex = runIndices[s];
                        decodeLine(line);
                        runIndices[s] = runIndex;
                        store(line, y, comps[s]);
                    }
                }
                checkLine();
            }
        }
        return endOfSegment(true);
    }

    private void checkLine() {
        if (bp > cbits) {
            throw new MalformedDataException("JPEG-LS scan data truncated", segEnd, MalformedDataException.NO_TAG);
        }
    }

    private void restartMarker(int expected) {
        int m = endOfSegment(false);
        // m points at 0xFF of a marker; fill bytes 0xFF may precede it (T.81 B.1.1.2)
        while (m + 1 < bufEnd && (buf[m + 1] & 0xFF) == 0xFF) {
            m++;
        }
        if (m + 1 >= bufEnd || (buf[m + 1] & 0xFF) != 0xD0 + expected) {
            throw new MalformedDataException("JPEG-LS restart marker missing or out of order", m,
                    MalformedDataException.NO_TAG);
        }
        pos = m + 2;
        loadSegment();
    }

    /**
     * Checks that only padding remains of the segment and returns the position of the marker
     * that ends it (for the last segment of a scan, possibly the end of the data). Up to 7
     * padding bits, and a 0x00 byte after a final 0xFF (15 bits at most), may be left; more
     * means the data do not match the parameters (T.87 A.1, CharLS does the same).
     */
    private int endOfSegment(boolean last) {
        checkLine();
        if (cbits - bp >= 16) {
            throw new MalformedDataException("JPEG-LS scan has more data than its lines need", segEnd,
                    MalformedDataException.NO_TAG);
        }
        if (segEnd >= bufEnd && !last) {
            throw new MalformedDataException("JPEG-LS data end without a marker", bufEnd, MalformedDataException.NO_TAG);
        }
        return segEnd; // the buffer's end when the last scan is not followed by EOI
    }

    /**
     * Copies the segment that starts at {@link #pos} into {@link #cb} without its stuffed bits,
     * up to the marker that ends it (0xFF followed by a byte &gt;= 0x80) or the end of the
     * data, and zeroes what an earlier segment left after it. Eight bytes go at once when none
     * of them is 0xFF.
     */
    private void loadSegment() {
        byte[] in = buf;
        byte[] out = cb;
        int p = pos;
        int end = bufEnd;
        int o = 0;
        long acc = 0; // n pending bits, MSB first; n < 8 between steps
        int n = 0;
        for (;;) {
            if (p + 8 <= end) {
                long w = (long) LONG_BE.get(in, p);
                if (noFF(w)) {
                    // o <= p - pos, so o + 8 <= end - pos <= out.length
                    LONG_BE.set(out, o, acc | (w >>> n));
                    acc = n == 0 ? 0 : w << (64 - n);
                    o += 8;
                    p += 8;
                    continue;
                }
            }
            if (p >= end) {
                break;
            }
            int v = in[p] & 0xFF;
            if (v == 0xFF) {
                if (p + 1 >= end || in[p + 1] < 0) {
                    break; // a marker (0xFF, >= 0x80) ends the segment
                }
                // 0xFF, then the 7 bits below the stuffed zero of the next byte
                acc |= 0xFFL << (56 - n);
                n += 8;
                acc |= (long) (in[p + 1] & 0x7F) << (57 - n);
                n += 7;
                p += 2;
            } else {
                acc |= (long) v << (56 - n);
                n += 8;
                p++;
            }
            while (n >= 8) {
                out[o++] = (byte) (acc >>> 56);
                acc <<= 8;
                n -= 8;
            }
        }
        segEnd = p;
        cbits = 8L * o + n;
        if (n > 0) {
            out[o++] = (byte) (acc >>> 56);
        }
        if (dirty > o) {
            Arrays.fill(out, o, dirty, (byte) 0);
        }
        dirty = o;
        bp = 0;
    }

    // ---- output -------------------------------------------------------------------------------

    private void store(int[] line, int y, int comp) {
        int w = width;
        int st = outStride;
        int d = outOff + y * w * st + comp;
        if (outS != null) {
            short[] o = outS;
            int sh = signShift;
            for (int x = 1; x <= w; x++, d += st) {
                o[d] = (short) ((line[x] << sh) >> sh);
            }
        } else {
            byte[] o = outB;
            for (int x = 1; x <= w; x++, d += st) {
                o[d] = (byte) line[x];
            }
        }
    }

    /**
     * {@link #store} of three component lines into pixels of three bytes, components in order:
     * a pixel as one four-byte store whose last byte the next pixel's store overwrites (the
     * line's last pixel as three bytes, so that nothing past the line is written). C2 unrolled
     * the three byte stores sixteen times and kept the loaded samples in vector registers:
     * 8-bit RGB line interleave +1 % (benchmarks/README.md, session 10).
     */
    private void storeLines3(int[] l0, int[] l1, int[] l2, int y) {
        int w = width;
        byte[] o = outB;
        int d = outOff + y * w * 3;
        for (int x = 1; x < w; x++, d += 3) {
            INT_LE.set(o, d, (l0[x] & 0xFF) | (l1[x] & 0xFF) << 8 | (l2[x] & 0xFF) << 16);
        }
        o[d] = (byte) l0[w];
        o[d + 1] = (byte) l1[w];
        o[d + 2] = (byte) l2[w];
    }

    private void storeInterleaved(int[] line, int y, int[] comps) {
        int w = width;
        int nc = comps.length;
        if (outS == null && nc == outStride && inOrder(comps)) {
            // the scan holds every component in the destination's order: one contiguous copy
            byte[] o = outB;
            int d = outOff + y * w * nc;
            int n = w * nc;
            for (int i = 0; i < n; i++) {
                o[d + i] = (byte) line[nc + i];
            }
            return;
        }
        for (int s = 0; s < nc; s++) {
            int d = outOff + y * w * outStride + comps[s];
            int src = nc + s;
            if (outS != null) {
                int sh = signShift;
                for (int x = 0; x < w; x++, d += outStride, src += nc) {
                    outS[d] = (short) ((line[src] << sh) >> sh);
                }
            } else {
                for (int x = 0; x < w; x++, d += outStride, src += nc) {
                    outB[d] = (byte) line[src];
                }
            }
        }
    }

    /** Whether comps is 0, 1, 2, ... */
    private static boolean inOrder(int[] comps) {
        for (int s = 0; s < comps.length; s++) {
            if (comps[s] != s) {
                return false;
            }
        }
        return true;
    }

    // ---- one component line (interleave none and line) ----------------------------------------

    /**
     * Decodes one line in place: {@code L[1 .. w]} holds the previous line and is overwritten
     * by the current one, sample by sample. Rb and Rd are read from L before sample x is
     * stored there; Ra and Rc slide along in locals (the next Rc is this Rb). Index 0 holds the
     * sample left of the first (T.87 A.2.1: Ra = Rb, and Rc is the previous line's index 0)
     * and index w + 1 the one right of the last (Rd = Rb).
     */
    private void decodeLine(int[] L) {
        int w = width;
        int rc = L[0];
        int ra = L[1];
        L[w + 1] = L[w];
        if (near == 0 && maxVal == MV8) {
            // 8-bit (MAXVAL 255; a smaller MAXVAL takes the general loops below): the part of each sample's context that the previous line decides, Q1 and
            // Q2, in a pass of its own (a short loop without dependencies between samples),
            // which takes two table loads and their bounds checks out of the serial line loop.
            // Measured faster on 8-bit RGB and a little slower on 12 to 16 bits (where this pass
            // also meets more run samples it need not have computed). The pass gives the row
            // of qctx for Q1 and Q2, so that the line loop finds 4 |Q| and the sign of Q with
            // one load at Rc - Ra, which shortens the serial path from one sample to the next
            if (qctx == null) {
                qctx = contextTable(quant, maxVal);
            }
            // Q2 and Rc of sample 1 from L[0], before L[0] = Ra
            if (thresholds != null) {
                contextRowsVector(L, q12, w, left, right, q1s, q2s, thresholds);
            } else {
                contextRows(L, q12, qr, w, maxVal);
            }
            L[0] = ra;
            // with the bias update chosen as below (8-bit RGB, line interleaved: +7-10 %)
            if (maskedLines > 0) {
                maskedLines--;
                decodeLineLossless8(L, ra);
            } else {
                decodeLineLossless8Bias(L, ra);
                if (!biasBranches) {
                    maskedLines = 32;
                }
            }
            return;
        }
        L[0] = ra;
        if (near == 0) {
            // the bias update of A.6.2 (B and C move) is branch-free in decodeLineLossless,
            // which suits data where it happens at random (mammography), and done with
            // branches in decodeLineLosslessBias, which suits smooth data where it is rare
            // (CT: about +10 %; mammography about -25 % with branches). A line of the latter
            // counts the updates; when they are many, the next 32 lines take the former
            if (maskedLines > 0) {
                maskedLines--;
                decodeLineLossless(L, ra, rc);
            } else {
                decodeLineLosslessBias(L, rc);
                if (!biasBranches) {
                    maskedLines = 32;
                }
            }
        } else {
            decodeLineNear(L, ra, rc);
        }
    }

    /** {@link #decodeLine} for NEAR = 0: STEP is 1 and the modulo reduction one correction. */
    private void decodeLineLossless(int[] L, int ra, int rc) {
        int w = width;
        byte[] qt = quant;
        int off = maxVal;
        int[] ctx = cx;
        byte[] in = cb;
        int mv = maxVal;
        int rng = range;
        int rst = reset;
        int escape = limit - qbpp - 1;
        // k <= qbpp (A / N never exceeds max(A0, (RANGE + 1) / 2) < 2^qbpp), so a prefix
        // below zFast is no escape and the code's z + k + 1 bits fit in the peek
        int zFast = Math.min(escape, PEEK_BITS - qbpp);
        long bp = this.bp;
        int x = 1;
        while (x <= w) {
            int rb = L[x];
            int rd = L[x + 1];
            int q = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off]; // see context()
            if (q == 0) {
                this.bp = bp;
                x += decodeRunLossless(L, x, ra); // not decodeRun: see decodeRunLossless()
                bp = this.bp;
                if (x <= w) {
                    ra = L[x - 1];
                    rc = runRb;
                }
                continue;
            }
            // T.87 A.4 to A.6, decoding side: one sample in regular mode
            int sg = q >> 31;                  // 0 or -1
            int i = ((q ^ sg) - sg) << 3;      // 8 * |Q|
            int k = ctx[i + K];
            int c = ctx[i + C];
            int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
            px = Math.min(Math.max(px, 0), mv);
            long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
            int z = Long.numberOfLeadingZeros(word);
            int m;
            if (z < zFast) {
                // the unary prefix ends in a 1 bit: (word << z) >>> (63 - k) is that 1 followed
                // by the k low bits, so m = (z << k) + low = ((z - 1) << k) + top; z < escape < 56
                m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
                bp += z + k + 1;
            } else {
                this.bp = bp;
                m = decodeValueSlow(k, escape);
                bp = this.bp;
            }
            if (m > rng) {
                throw badValue();
            }
            // inverse of the mapping of A.5.2, with the special mapping as the SM mask (see cx)
            int e = ((m >>> 1) ^ -(m & 1)) ^ ctx[i + SM];
            int a = ctx[i + A];
            int b = ctx[i + B];
            int n = ctx[i + N];
            // T.87 A.6.1 and A.6.2 with STEP = 1, as in decodeLineNear()
            a += Math.abs(e);
            b += e;
            int h = ((n ^ rst) - 1) >>> 31;
            a >>= h;
            b >>= h;
            n = (n >> h) + 1;
            int lo = (b + n - 1) >> 31;
            int hi = (-b) >> 31;
            b += (n & lo) - (n & hi);
            b = Math.min(Math.max(b, 1 - n), 0);
            c = Math.min(Math.max(c + lo - hi, MIN_C), MAX_C);
            ctx[i + A] = a;
            ctx[i + B] = b;
            ctx[i + C] = c;
            ctx[i + N] = n;
            int k1 = golomb(n, a);
            ctx[i + K] = k1;
            ctx[i + SM] = ((k1 - 1) >> 31) & ((2 * b + n - 1) >> 31);
            // Px + E modulo RANGE; |E| <= RANGE/2 so one correction suffices
            int rx = px + ((e ^ sg) - sg);
            if (rx < 0) {
                rx += rng;
            } else if (rx > mv) {
                rx -= rng;
            }
            L[x] = rx;
            ra = rx;
            rc = rb;
            x++;
        }
        this.bp = bp;
    }

    /**
     * {@link #decodeLineLossless} that counts the bias updates of the line and, while
     * {@link #biasBranches} holds, makes them with branches (both ways are measured in
     * decodeLine()). Sets {@link #biasBranches} when fewer than one sample in four of the line
     * moved its context's bias. (One in eight sent the 512 x 512 CT frame's rare busy lines, 4 of
     * 512 with 7 % updates on average, to masks for 32 lines each: 3-4 % slower. Mammography
     * moves the bias at about half its samples.)
     *
     * <p>Ra and Rc are not locals carried from one sample to the next: Ra is read back from
     * L[x - 1], where it was just stored, and Rc from L[w + 2], where each sample stores its Rb
     * as soon as it has read it. Fewer values live across the loop leaves C2 registers for the
     * serial path: with Ra and Rc as locals, the 512 x 512 CT frame ran at about 77 or 72
     * Mpixel/s depending on the JVM (the profile at a recompile decided C2's spills), this way at
     * about 80 (benchmarks/README.md, session 5).
     *
     * <p>Every 256th line takes the masks even while {@link #biasBranches} holds, so that the
     * profile C2 compiles the loop from always has both forms. Without it, smooth data (CT)
     * take the masks only in the first line of each scan, which the interpreter runs before
     * there is a profile; a JVM whose first C2 compile came before the second scan compiled the
     * loop without the masks, deoptimised at the next scan's first line, and ended in a form
     * about 8 % slower (half the fresh JVMs on the 512 x 512 CT frame; benchmarks/README.md,
     * session 8).
     */
    private void decodeLineLosslessBias(int[] L, int rc0) {
        int w = width;
        byte[] qt = quant;
        int off = maxVal;
        int[] ctx = cx;
        byte[] in = cb;
        int mv = maxVal;
        int rng = range;
        int rst = reset;
        int escape = limit - qbpp - 1;
        // k <= qbpp (A / N never exceeds max(A0, (RANGE + 1) / 2) < 2^qbpp), so a prefix
        // below zFast is no escape and the code's z + k + 1 bits fit in the peek
        int zFast = Math.min(escape, PEEK_BITS - qbpp);
        long bp = this.bp;
        boolean br = biasBranches && (++biasLines & 255) != 0;
        int upd = 0;
        int x = 1;
        int sc = w + 2; // Rc of the sample at x
        L[sc] = rc0;
        while (x <= w) {
            int ra = L[x - 1]; // L[0] = Ra of the first sample (see decodeLine())
            int rc = L[sc];
            int rb = L[x];
            L[sc] = rb; // Rc of the next sample (after a run: set below)
            int rd = L[x + 1];
            int q = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off]; // see context()
            if (q == 0) {
                this.bp = bp;
                x += decodeRunLossless(L, x, ra); // not decodeRun: see decodeRunLossless()
                bp = this.bp;
                L[sc] = runRb;
                continue;
            }
            // T.87 A.4 to A.6, decoding side: one sample in regular mode
            int sg = q >> 31;                  // 0 or -1
            int i = ((q ^ sg) - sg) << 3;      // 8 * |Q|
            int k = ctx[i + K];
            int c = ctx[i + C];
            int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
            px = Math.min(Math.max(px, 0), mv);
            long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
            int z = Long.numberOfLeadingZeros(word);
            int m;
            if (z < zFast) {
                // the unary prefix ends in a 1 bit: (word << z) >>> (63 - k) is that 1 followed
                // by the k low bits, so m = (z << k) + low = ((z - 1) << k) + top; z < escape < 56
                m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
                bp += z + k + 1;
            } else {
                this.bp = bp;
                m = decodeValueSlow(k, escape);
                bp = this.bp;
            }
            if (m > rng) {
                throw badValue();
            }
            // inverse of the mapping of A.5.2, with the special mapping as the SM mask (see cx)
            int e = ((m >>> 1) ^ -(m & 1)) ^ ctx[i + SM];
            // Px + E modulo RANGE; |E| <= RANGE/2 so one correction suffices. Done before the
            // context update, so that Px and the sign are not live across its branches (CT +2-7 %)
            int rx = px + ((e ^ sg) - sg);
            if (rx < 0) {
                rx += rng;
            } else if (rx > mv) {
                rx -= rng;
            }
            L[x] = rx;
            int a = ctx[i + A];
            int b = ctx[i + B];
            int n = ctx[i + N];
            // T.87 A.6.1 and A.6.2 with STEP = 1, as in decodeLineNear()
            a += Math.abs(e);
            b += e;
            int h = ((n ^ rst) - 1) >>> 31;
            a >>= h;
            b >>= h;
            n = (n >> h) + 1;
            if (br) {
                // C is stored only when it moves (storing it always: CT 4-8 % slower)
                if (b + n <= 0) {
                    b = Math.max(b + n, 1 - n);
                    ctx[i + C] = Math.max(c - 1, MIN_C);
                    upd++;
                } else if (b > 0) {
                    b = Math.min(b - n, 0);
                    ctx[i + C] = Math.min(c + 1, MAX_C);
                    upd++;
                }
            } else {
                int lo = (b + n - 1) >> 31;
                int hi = (-b) >> 31;
                upd -= lo | hi;
                b += (n & lo) - (n & hi);
                b = Math.min(Math.max(b, 1 - n), 0);
                ctx[i + C] = Math.min(Math.max(c + lo - hi, MIN_C), MAX_C);
            }
            ctx[i + A] = a;
            ctx[i + B] = b;
            ctx[i + N] = n;
            int k1 = golomb(n, a);
            ctx[i + K] = k1;
            // the special mapping needs k = 0, which smooth data rarely have: a branch the
            // predictor gets right instead of the masks (CT +2-7 %), and SM, kept 0 while k is
            // not (as the masks of decodeLineLossless also leave it), is stored only when it may
            // change (CT +5-8 %)
            if (k1 == 0) {
                ctx[i + SM] = (2 * b + n - 1) >> 31;
            } else if (k == 0) {
                ctx[i + SM] = 0; // SM is 0 while k is not
            }
            x++;
        }
        this.bp = bp;
        biasBranches = upd < (w >> 2);

    }

    /** {@link #decodeLineLossless} with the context from {@link #q12} and {@link #qctx} (see decodeLine()). */
    private void decodeLineLossless8(int[] L, int ra) {
        int w = width;
        int[] ctx = dcx;
        byte[] in = cb;
        int rst = reset;
        long bp = this.bp;
        int x = 1;
        int[] qp = q12;
        short[] qx = qctx;
        while (x <= w) {
            int v = qp[x];
            int t = qx[(v & 0xFFFF) - ra]; // see contextTable() and contextRows()
            if (t == 0) {
                this.bp = bp;
                x += decodeRun8(L, x, ra);
                bp = this.bp;
                if (x <= w) {
                    ra = L[x - 1];
                }
                continue;
            }
            int rc = v >>> 24;
            int rb = (v >>> 16) & MV8;
            // T.87 A.4 to A.6, decoding side: one sample in regular mode
            int sg = t >> 31;                  // 0 or -1: the sign of Q
            int i = t & 0x7FFF;                // 4 * |Q|
            int d = ctx[i + DD];               // N - A: k = 0 exactly when it is not negative
            int c = ctx[i + DC];
            int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
            px = Math.min(Math.max(px, 0), MV8);
            long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
            int z = Long.numberOfLeadingZeros(word);
            int m;
            if (z < ESC8 && d >= 0) {
                // most samples of smooth 8-bit data (k = 0 for 95 % of the RGB frame's): the
                // value is the count of zeros, known before k is, so that a correctly predicted
                // branch takes the load of k off the serial path
                m = z;
                bp += z + 1;
            } else {
                int k = d >= 0 ? 0 : golomb(ctx[i + DN], ctx[i + DN] - d);
                if (z < ESC8 && z + k < PEEK_BITS) {
                    // the unary prefix ends in a 1 bit: (word << z) >>> (63 - k) is that 1
                    // followed by the k low bits, so m = (z << k) + low = ((z - 1) << k) + top
                    m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
                    bp += z + k + 1;
                } else {
                    this.bp = bp;
                    m = decodeValueSlow(k, ESC8);
                    bp = this.bp;
                }
                if (m > RANGE8) {
                    throw badValue();
                }
            }
            // inverse of the mapping of A.5.2, complemented by the special mapping (k = 0 and
            // 2B + N - 1 < 0: D and S not negative and negative, see dcx)
            int e = ((m >>> 1) ^ -(m & 1)) ^ ((ctx[i + DS] & ~d) >> 31);
            // T.87 A.6.1 and A.6.2 with STEP = 1 on N, D = N - A and S = 2B + N - 1 (see dcx)
            int n = ctx[i + DN];
            int sv = ctx[i + DS];
            if (n != rst) {
                d += 1 - Math.abs(e);
                sv += 2 * e + 1;
                n++;
            } else {
                int a = (n - d + Math.abs(e)) >> 1;
                int b = (((sv - n + 1) >> 1) + e) >> 1;
                n = (n >> 1) + 1;
                d = n - a;
                sv = 2 * b + n - 1;
            }
            int lo = (sv + n) >> 31;           // B + N <= 0
            int hi = (n - 1 - sv) >> 31;       // B > 0
            sv += ((2 * n) & lo) - ((2 * n) & hi);
            sv = Math.min(Math.max(sv, 1 - n), n - 1);
            c = Math.min(Math.max(c + lo - hi, MIN_C), MAX_C);
            ctx[i + DC] = c;
            ctx[i + DN] = n;
            ctx[i + DD] = d;
            ctx[i + DS] = sv;
            // Px + E modulo RANGE = 256: the low byte of the sum
            int rx = (px + ((e ^ sg) - sg)) & MV8;
            L[x] = rx;
            ra = rx;
            x++;
        }
        this.bp = bp;
    }

    /** {@link #decodeLineLosslessBias} with the context from {@link #q12} and {@link #qctx} (see decodeLine()). */
    private void decodeLineLossless8Bias(int[] L, int ra) {
        int w = width;
        int[] ctx = dcx;
        byte[] in = cb;
        int rst = reset;
        long bp = this.bp;
        boolean br = biasBranches;
        int upd = 0;
        int x = 1;
        int[] qp = q12;
        short[] qx = qctx;
        while (x <= w) {
            int v = qp[x];
            int t = qx[(v & 0xFFFF) - ra]; // see contextTable() and contextRows()
            if (t == 0) {
                this.bp = bp;
                x += decodeRun8(L, x, ra);
                bp = this.bp;
                if (x <= w) {
                    ra = L[x - 1];
                }
                continue;
            }
            int rc = v >>> 24;
            int rb = (v >>> 16) & MV8;
            // T.87 A.4 to A.6, decoding side: one sample in regular mode
            int sg = t >> 31;                  // 0 or -1: the sign of Q
            int i = t & 0x7FFF;                // 4 * |Q|
            int d = ctx[i + DD];               // N - A: k = 0 exactly when it is not negative
            int c = ctx[i + DC];
            int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
            px = Math.min(Math.max(px, 0), MV8);
            long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
            int z = Long.numberOfLeadingZeros(word);
            int m;
            if (z < ESC8 && d >= 0) {
                // most samples of smooth 8-bit data (k = 0 for 95 % of the RGB frame's): the
                // value is the count of zeros, known before k is, so that a correctly predicted
                // branch takes the load of k off the serial path
                m = z;
                bp += z + 1;
            } else {
                int k = d >= 0 ? 0 : golomb(ctx[i + DN], ctx[i + DN] - d);
                if (z < ESC8 && z + k < PEEK_BITS) {
                    // the unary prefix ends in a 1 bit: (word << z) >>> (63 - k) is that 1
                    // followed by the k low bits, so m = (z << k) + low = ((z - 1) << k) + top
                    m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
                    bp += z + k + 1;
                } else {
                    this.bp = bp;
                    m = decodeValueSlow(k, ESC8);
                    bp = this.bp;
                }
                if (m > RANGE8) {
                    throw badValue();
                }
            }
            // inverse of the mapping of A.5.2, complemented by the special mapping (k = 0 and
            // 2B + N - 1 < 0: D and S not negative and negative, see dcx)
            int e = ((m >>> 1) ^ -(m & 1)) ^ ((ctx[i + DS] & ~d) >> 31);
            // T.87 A.6.1 and A.6.2 with STEP = 1 on N, D = N - A and S = 2B + N - 1 (see dcx)
            int n = ctx[i + DN];
            int sv = ctx[i + DS];
            if (n != rst) {
                d += 1 - Math.abs(e);
                sv += 2 * e + 1;
                n++;
            } else {
                int a = (n - d + Math.abs(e)) >> 1;
                int b = (((sv - n + 1) >> 1) + e) >> 1;
                n = (n >> 1) + 1;
                d = n - a;
                sv = 2 * b + n - 1;
            }
            if (br) {
                // C stored only when it moves
                if (sv + n < 0) {              // B + N <= 0
                    sv = Math.max(sv + 2 * n, 1 - n);
                    ctx[i + DC] = Math.max(c - 1, MIN_C);
                    upd++;
                } else if (sv >= n) {          // B > 0
                    sv = Math.min(sv - 2 * n, n - 1);
                    ctx[i + DC] = Math.min(c + 1, MAX_C);
                    upd++;
                }
            } else {
                int lo = (sv + n) >> 31;
                int hi = (n - 1 - sv) >> 31;
                upd -= lo | hi;
                sv += ((2 * n) & lo) - ((2 * n) & hi);
                sv = Math.min(Math.max(sv, 1 - n), n - 1);
                ctx[i + DC] = Math.min(Math.max(c + lo - hi, MIN_C), MAX_C);
            }
            ctx[i + DN] = n;
            ctx[i + DD] = d;
            ctx[i + DS] = sv;
            // Px + E modulo RANGE = 256: the low byte of the sum
            int rx = (px + ((e ^ sg) - sg)) & MV8;
            L[x] = rx;
            ra = rx;
            x++;
        }
        this.bp = bp;
        biasBranches = upd < (w >> 3);

    }

    /**
     * The context table of 8-bit lossless lines: entry {@code (9 (Q1 + 4) + Q2 + 4) R + d + MAXVAL},
     * with R = 2 MAXVAL + 1 and d = Rc - Ra, is 4 |Q| (the index in {@link #dcx}) of the context
     * Q = 81 Q1 + 9 Q2 + Q3(d), with bit 15 set (negative as a short) when Q is negative; zero exactly when Q is, which
     * selects run mode. 81 R shorts, at most 82 KB, built once per gradient table.
     */
    static short[] contextTable(byte[] qt, int mv) {
        Object[] last = lastContextTable;
        if (last != null && last[0] == qt) {
            return (short[]) last[1];
        }
        int r = 2 * mv + 1;
        short[] t = new short[81 * r];
        for (int c12 = 0; c12 < 81; c12++) {
            int q12 = 81 * (c12 / 9 - 4) + 9 * (c12 % 9 - 4);
            for (int d = 0; d < r; d++) {
                int q = q12 + qt[d];
                t[c12 * r + d] = (short) (q < 0 ? 0x8000 | (-q << 2) : q << 2);
            }
        }
        lastContextTable = new Object[] {qt, t};
        return t;
    }

    /** {@link #decodeLine} for NEAR &gt; 0. */
    private void decodeLineNear(int[] L, int ra, int rc) {
        int w = width;
        byte[] qt = quant;
        int off = maxVal;
        int[] ctx = cx;
        byte[] in = cb;
        int mv = maxVal;
        int rng = range;
        int nr = near;
        int stp = step;
        int rst = reset;
        int escape = limit - qbpp - 1;
        long bp = this.bp;
        int x = 1;
        while (x <= w) {
            int rb = L[x];
            int rd = L[x + 1];
            int q = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off]; // see context()
            if (q == 0) {
                this.bp = bp;
                x += decodeRun(L, x, ra);
                bp = this.bp;
                if (x <= w) {
                    ra = L[x - 1];
                    rc = runRb;
                }
                continue;
            }
            // T.87 A.4 to A.6, decoding side: one sample in regular mode
            int sg = q >> 31;                  // 0 or -1
            int i = ((q ^ sg) - sg) << 3;      // 8 * |Q|
            int k = ctx[i + K];
            int c = ctx[i + C];
            int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
            px = Math.min(Math.max(px, 0), mv);
            long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
            int z = Long.numberOfLeadingZeros(word);
            int m;
            if (z < escape && z + k < PEEK_BITS) {
                m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
                bp += z + k + 1;
            } else {
                this.bp = bp;
                m = decodeValueSlow(k, escape);
                bp = this.bp;
            }
            if (m > rng) {
                throw badValue();
            }
            // inverse of the mapping of A.5.2: even -> m/2, odd -> -(m+1)/2; when k = NEAR = 0
            // and 2B <= -N the special mapping (2E+1 / -2(E+1)) applies, which is the
            // complement of the result. Branch-free, as k and B flip unpredictably:
            // ((k | NEAR) - 1) >> 31 is -1 exactly when both are 0, and (2B + N - 1) >> 31 is
            // -1 exactly when 2B <= -N
            int e = ((m >>> 1) ^ -(m & 1)) ^ ctx[i + SM];
            int a = ctx[i + A];
            int b = ctx[i + B];
            int n = ctx[i + N];
            // T.87 A.6.1 and A.6.2, branch-free (the bias signs flip unpredictably):
            // h = 1 exactly when N = RESET, and then A, B, N are halved (B by floor division)
            a += Math.abs(e);
            b += e * stp;
            int h = ((n ^ rst) - 1) >>> 31;
            a >>= h;
            b >>= h;
            n = (n >> h) + 1;
            // lo = -1 when B + N <= 0; hi = -1 when B > 0 (then B + N > 0, so at most one is set).
            // B moves by N towards the interval (-N, 0] and is clamped into it, which is exactly
            // the two cases of A.6.2; C moves by one within -128..127
            int lo = (b + n - 1) >> 31;
            int hi = (-b) >> 31;
            b += (n & lo) - (n & hi);
            b = Math.min(Math.max(b, 1 - n), 0);
            c = Math.min(Math.max(c + lo - hi, MIN_C), MAX_C);
            ctx[i + A] = a;
            ctx[i + B] = b;
            ctx[i + C] = c;
            ctx[i + N] = n;
            int k1 = golomb(n, a);
            ctx[i + K] = k1;
            ctx[i + SM] = (((k1 | nr) - 1) >> 31) & ((2 * b + n - 1) >> 31);
            int rx = reconstruct(px, (e ^ sg) - sg);
            L[x] = rx;
            ra = rx;
            rc = rb;
            x++;
        }
        this.bp = bp;
    }

    /**
     * Whether no byte of {@code w} is 0xFF: "some byte of w is 0xFF" is "some byte of ~w is
     * zero", tested with the classic (x - 0x01..01) &amp; ~x &amp; 0x80..80 trick.
     */
    private static boolean noFF(long w) {
        long inv = ~w;
        return ((inv - 0x0101010101010101L) & ~inv & 0x8080808080808080L) == 0;
    }

    /**
     * {@link #decodeRun} for NEAR = 0, with {@link #decodeRunLength} written into it: the run of
     * the lossless line loops {@link #decodeLineLossless} and {@link #decodeLineLosslessBias}
     * (the 8-bit ones have {@link #decodeRun8}). The point is its size: at more than
     * 325 bytes of bytecode (C2's FreqInlineSize) C2 never inlines it into the line loop.
     * Inlined, the run code (about 9 KB of machine code) shared the loop's registers and C2 kept
     * more of the loop's values in stack slots: in 8-bit RGB line-interleave decodes, fresh JVMs
     * whose last compile of the loop had inlined the run decoded 8-10 % slower than those that
     * called it (which one a JVM got depended on when the run method had been compiled on its
     * own). The 12-bit CT frames had the same two forms (about 5 % apart), there decided by
     * whether the run call site had reached C2's MinInliningThreshold (250 calls) in the profile
     * when the loop was recompiled (benchmarks/README.md, session 7).
     *
     * @return the samples decoded
     */
    private int decodeRunLossless(int[] L, int x, int ra) {
        int remaining = width - x + 1;
        // T.87 A.7.1.2, as in decodeRunLength()
        int[] jt = J;
        int ri = runIndex;
        int count = 0;
        boolean toEnd = false;
        for (;;) {
            long word = peek();
            int all = Long.numberOfLeadingZeros(~word);
            int ones = Math.min(all, PEEK_BITS - 1);
            int o = 0;
            for (; o < ones; o++) {
                int len = 1 << jt[ri];
                int left = remaining - count;
                if (len >= left) {
                    bp += o + 1;
                    ri = len == left && ri < 31 ? ri + 1 : ri;
                    toEnd = true;
                    break;
                }
                count += len;
                if (ri < 31) {
                    ri++;
                }
            }
            if (toEnd) {
                break;
            }
            if (all < PEEK_BITS) {
                bp += ones + 1;
                break;
            }
            bp += ones;
        }
        if (toEnd) {
            runIndex = ri;
            Arrays.fill(L, x, x + remaining, ra);
            return remaining;
        }
        count += readBits(jt[ri]);
        runIndex = ri;
        if (count >= remaining) {
            throw new MalformedDataException("JPEG-LS run longer than the line", segEnd, MalformedDataException.NO_TAG);
        }
        Arrays.fill(L, x, x + count, ra);
        int xi = x + count;
        int rb = L[xi];
        runRb = rb;
        int rx;
        if (ra == rb) { // |Ra - Rb| <= NEAR with NEAR = 0
            rx = reconstruct(ra, decodeInterruptionError(RI1));
        } else {
            int e = decodeInterruptionError(RI0);
            rx = reconstruct(rb, rb < ra ? -e : e);
        }
        L[xi] = rx;
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    /**
     * Sums of the 1 bits of run-length codes (T.87 A.7.1.2) for {@link #decodeRun8}: entry
     * {@code 64 RUNindex + n} holds, in bits 5 and up, the samples that n 1 bits stand for
     * from RUNindex on (2^J[RUNindex] each, RUNindex going up by one per bit to 31 at most),
     * and in bits 0..4 J of the RUNindex reached, which gives the length of the remainder.
     */
    private static final int[] RUN_SUMS = runSums();

    private static int[] runSums() {
        int[] t = new int[32 * 64];
        for (int ri = 0; ri < 32; ri++) {
            int s = 0;
            int r = ri;
            for (int n = 0; n < 64; n++) {
                t[64 * ri + n] = (s << 5) | J[r];
                s += 1 << J[r];
                r = Math.min(r + 1, 31);
            }
        }
        return t;
    }

    /**
     * {@link #decodeRunLossless} for the 8-bit line loops (MAXVAL 255, NEAR 0), written for
     * short runs (8-bit RGB: half of them end at once, nine in ten within two samples) with
     * few data-dependent branches: the 1 bits of the run-length code counted and summed with
     * one table load ({@link #RUN_SUMS}), the fill as eight stores (the line buffers have room
     * past their end, and the samples of the previous line that the stores overwrite are
     * read from {@link #q12} instead), and the run-interruption sample (T.87 A.7.2) decoded
     * from the same 64 bits, its RItype without a branch. Codes with more than 40 1 bits and
     * runs that reach the end of the line take {@link #decodeRunLength}. Like
     * decodeRunLossless, more than 325 bytes of bytecode, so that C2 never inlines it into
     * the line loop. 8-bit RGB line interleave: +2-3 % (benchmarks/README.md, session 10).
     *
     * @return the samples decoded
     */
    private int decodeRun8(int[] L, int x, int ra) {
        int remaining = width - x + 1;
        byte[] in = cb;
        long bp = this.bp;
        int ri = runIndex;
        long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
        int ones = Long.numberOfLeadingZeros(~word);
        int sum = RUN_SUMS[(ri << 6) + (ones & 63)];
        int count = sum >>> 5;
        int j = sum & 31;
        int used;
        if (ones <= 40 && count < remaining) {
            ri = Math.min(ri + ones, 31);
            // the 0 bit after the 1 bits, then j bits of remainder: at most 56 bits in all
            count += (int) (((word << ones) << 1 >>> 1) >>> (63 - j));
            if (count >= remaining) {
                throw new MalformedDataException("JPEG-LS run longer than the line", segEnd, MalformedDataException.NO_TAG);
            }
            used = ones + 1 + j;
            bp += used;
        } else {
            count = decodeRunLength(remaining);
            if (count == remaining) {
                Arrays.fill(L, x, x + remaining, ra);
                return remaining;
            }
            bp = this.bp;
            ri = runIndex;
            j = J[ri];
            used = PEEK_BITS;
        }
        int xi = x + count;
        for (int f = 0; f < 8; f++) {
            L[x + f] = ra;
        }
        for (int f = x + 8; f < xi; f++) {
            L[f] = ra;
        }
        int rb = (q12[xi] >>> 16) & MV8;
        runRb = rb;
        // T.87 A.7.2: RItype 1 when Ra = Rb; its context follows RI0's in st
        int t = ((ra ^ rb) - 1) >>> 31;
        int ia = 4 * (RI0 + t);
        int[] s = st;
        int nq = s[ia + N];
        int aq = s[ia + A];
        int k = golomb(nq, aq + ((nq >> 1) & -t));
        int escape = limit - j - 1 - qbpp - 1;
        // the interruption code takes at most 31 - j bits (an escape: 22 - j zeros, a 1 and 8
        // bits; below it z + k + 1 <= 30 - j, as k <= qbpp = 8), so the run-length code's
        // ones + 1 + j bits and it fit in the 57 of word when ones <= 25
        word = ones <= 25 ? word << used : (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
        int z = Long.numberOfLeadingZeros(word);
        int em;
        if (z < escape && z + k < 32) {
            em = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
            bp += z + k + 1;
        } else {
            this.bp = bp;
            em = decodeValueSlow(k, escape);
            bp = this.bp;
        }
        if (em > RANGE8 + 1) {
            throw badValue();
        }
        this.bp = bp;
        // decodeInterruptionError() and updateInterruption() with the context in locals
        int temp = em + t;
        int map = temp & 1;
        int abs = (temp + map) >> 1;
        int[] negs = nn;
        int nt = negs[t];
        int cond = ((-k) >>> 31) | (~((2 * nt - nq) >> 31) & 1);
        int neg = -(cond ^ map ^ 1);
        int e = (abs ^ neg) - neg;
        nt += e >>> 31;
        aq += (em + 1 - t) >> 1;
        if (nq == reset) {
            aq >>= 1;
            nq >>= 1;
            nt >>= 1;
        }
        negs[t] = nt;
        s[ia + A] = aq;
        s[ia + N] = nq + 1;
        // Rb + E modulo 256, E negated when Rb < Ra (RItype 0; with Ra = Rb, Rb + E is Ra + E)
        int sg = (rb - ra) >> 31;
        L[xi] = (rb + ((e ^ sg) - sg)) & MV8;
        runIndex = Math.max(ri - 1, 0);
        return count + 1;
    }

    /**
     * Run mode from sample x of an in-place line (see decodeLine()): fills the run, decodes the
     * run-interruption sample if the run ends before the line does, and leaves in
     * {@link #runRb} the previous line's sample there (the next sample's Rc, which the line
     * buffer no longer holds).
     *
     * @return the samples decoded
     */
    private int decodeRun(int[] L, int x, int ra) {
        int remaining = width - x + 1;
        int count = decodeRunLength(remaining);
        Arrays.fill(L, x, x + count, ra);
        if (count == remaining) {
            return count;
        }
        int xi = x + count;
        int rb = L[xi];
        runRb = rb;
        int rx;
        if (Math.abs(ra - rb) <= near) {
            rx = reconstruct(ra, decodeInterruptionError(RI1));
        } else {
            int e = decodeInterruptionError(RI0);
            rx = reconstruct(rb, rb < ra ? -e : e);
        }
        L[xi] = rx;
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    // ---- sample-interleaved line --------------------------------------------------------------

    private void decodeLineInterleaved(int[] P, int[] Cu, int nc) {
        int w = width;
        for (int j = 0; j < nc; j++) {
            P[(w + 1) * nc + j] = P[w * nc + j];
            Cu[j] = P[nc + j];
        }
        byte[] qt = quant;
        int off = maxVal;
        // as in decodeLine()
        int[] ctx = cx;
        byte[] in = cb;
        int mv = maxVal;
        int rng = range;
        int nr = near;
        int stp = step;
        int rst = reset;
        int escape = limit - qbpp - 1;
        long bp = this.bp;
        int x = 1;
        while (x <= w) {
            int px0 = x * nc;
            int any = 0;
            for (int j = 0; j < nc; j++) {
                int ra = Cu[px0 - nc + j];
                int rb = P[px0 + j];
                int rc = P[px0 - nc + j];
                int rd = P[px0 + nc + j];
                any |= (qt[rd - rb + off] | qt[rb - rc + off] | qt[rc - ra + off]);
            }
            if (any == 0) {
                this.bp = bp;
                x += decodeRunInterleaved(P, Cu, x, nc);
                bp = this.bp;
                continue;
            }
            for (int j = 0; j < nc; j++) {
                int ra = Cu[px0 - nc + j];
                int rb = P[px0 + j];
                int rc = P[px0 - nc + j];
                int rd = P[px0 + nc + j];
                // the context after the components before this one were decoded
                int qj = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off]; // see context()
                // the inline regular-mode sample of decodeLine(), for component j
                int sg = qj >> 31;                  // 0 or -1
                int i = ((qj ^ sg) - sg) << 3;      // 8 * |Q|
                int k = ctx[i + K];
                int c = ctx[i + C];
                int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
                px = Math.min(Math.max(px, 0), mv);
                long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
                int z = Long.numberOfLeadingZeros(word);
                int m;
                if (z < escape && z + k < PEEK_BITS) {
                    m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
                    bp += z + k + 1;
                } else {
                    this.bp = bp;
                    m = decodeValueSlow(k, escape);
                    bp = this.bp;
                }
                if (m > rng) {
                    throw badValue();
                }
                // as in decodeLine()
                int e = ((m >>> 1) ^ -(m & 1)) ^ ctx[i + SM];
                int a = ctx[i + A];
                int b = ctx[i + B];
                int n = ctx[i + N];
                a += Math.abs(e);
                b += e * stp;
                int h = ((n ^ rst) - 1) >>> 31;
                a >>= h;
                b >>= h;
                n = (n >> h) + 1;
                int lo = (b + n - 1) >> 31;
                int hi = (-b) >> 31;
                b += (n & lo) - (n & hi);
                b = Math.min(Math.max(b, 1 - n), 0);
                c = Math.min(Math.max(c + lo - hi, MIN_C), MAX_C);
                ctx[i + A] = a;
                ctx[i + B] = b;
                ctx[i + C] = c;
                ctx[i + N] = n;
                int k1 = golomb(n, a);
                ctx[i + K] = k1;
                ctx[i + SM] = (((k1 | nr) - 1) >> 31) & ((2 * b + n - 1) >> 31);
                int rx;
                if (nr == 0) {
                    rx = px + ((e ^ sg) - sg);
                    if (rx < 0) {
                        rx += rng;
                    } else if (rx > mv) {
                        rx -= rng;
                    }
                } else {
                    rx = reconstruct(px, (e ^ sg) - sg);
                }
                Cu[px0 + j] = rx;
            }
            x++;
        }
        this.bp = bp;
    }

    /**
     * {@link #decodeLineInterleaved} for three components (RGB, YBR) and NEAR = 0: the three
     * contexts of a pixel are computed once, from neighbours held in locals, and each sample
     * goes through {@link #regularLossless}, which the JIT inlines.
     */
    private void decodeLineInterleaved3(int[] P, int[] Cu) {
        int w = width;
        for (int j = 0; j < 3; j++) {
            P[(w + 1) * 3 + j] = P[w * 3 + j];
            Cu[j] = P[3 + j];
        }
        byte[] qt = quant;
        int off = maxVal;
        int x = 1;
        while (x <= w) {
            int p0 = 3 * x;
            int a0 = Cu[p0 - 3];
            int a1 = Cu[p0 - 2];
            int a2 = Cu[p0 - 1];
            int c0 = P[p0 - 3];
            int c1 = P[p0 - 2];
            int c2 = P[p0 - 1];
            int b0 = P[p0];
            int b1 = P[p0 + 1];
            int b2 = P[p0 + 2];
            int q0 = 81 * qt[P[p0 + 3] - b0 + off] + 9 * qt[b0 - c0 + off] + qt[c0 - a0 + off];
            int q1 = 81 * qt[P[p0 + 4] - b1 + off] + 9 * qt[b1 - c1 + off] + qt[c1 - a1 + off];
            int q2 = 81 * qt[P[p0 + 5] - b2 + off] + 9 * qt[b2 - c2 + off] + qt[c2 - a2 + off];
            if ((q0 | q1 | q2) == 0) {
                x += decodeRunInterleaved(P, Cu, x, 3);
                continue;
            }
            Cu[p0] = regularLossless(q0, a0, b0, c0);
            Cu[p0 + 1] = regularLossless(q1, a1, b1, c1);
            Cu[p0 + 2] = regularLossless(q2, a2, b2, c2);
            x++;
        }
    }

    /**
     * Sets the samples around a sample-interleaved line of three components: right of the
     * previous line its last pixel (Rd = Rb), left of the current the previous line's first
     * (Ra = Rb), T.87 A.2.1.
     */
    private void lineEdges3(int[] P, int[] Cu) {
        int w = width;
        for (int j = 0; j < 3; j++) {
            P[(w + 1) * 3 + j] = P[w * 3 + j];
            Cu[j] = P[3 + j];
        }
    }

    /**
     * {@link #decodeLineInterleaved3} for MAXVAL up to 255, as decodeLine() and
     * {@link #decodeLineLossless8Bias} do a component line: Q1 and Q2 of every sample come from
     * a pass over the previous line, the context of a sample from one load of {@link #qctx},
     * the bit position stays in a local, and codes with k = 0 take the short path.
     */
    private void decodeLineInterleaved8(int[] P, int[] Cu) {
        int w = width;
        int[] qp = q12;
        short[] qx = qctx;
        int[] ctx = dcx;
        byte[] in = cb;
        int mv = maxVal;
        int rng = range;
        int rst = reset;
        int escape = limit - qbpp - 1;
        int zk0 = Math.min(escape, rng + 1); // as in decodeLineLossless8
        long bp = this.bp;
        // one loop over the samples (not pixels and their components): the context of a sample
        // is loaded when it is decoded, and the three of a pixel are tested for run mode when it
        // starts. The entries of qctx for the pixel's second and third samples, found with the
        // first's for that test (Ra of a sample is in the previous pixel), replace their rows
        // in qp, marked with bit 30 (a row is below 2^30; the mark leaves the sign and
        // 4 |Q| in bits 0..14 as they are): a sample whose qp entry has no mark starts a pixel.
        // No pixel counter and no entries in locals: fewer values for C2 to keep (8-bit RGB +4 %)
        int p = 3;
        int end = 3 * w + 3;
        while (p < end) {
            int t = qp[p];
            if ((t & MARK) == 0) {
                t = qx[t + P[p - 3] - Cu[p - 3]];
                int t1 = qx[qp[p + 1] + P[p - 2] - Cu[p - 2]];
                int t2 = qx[qp[p + 2] + P[p - 1] - Cu[p - 1]];
                if ((t | t1 | t2) == 0) {
                    this.bp = bp;
                    p += 3 * decodeRunInterleaved(P, Cu, p / 3, 3);
                    bp = this.bp;
                    continue;
                }
                qp[p + 1] = t1 | MARK;
                qp[p + 2] = t2 | MARK;
            }
            int ra = Cu[p - 3];
            int rb = P[p];
            int rc = P[p - 3];
            // T.87 A.4 to A.6 as in decodeLineLossless8Bias, with bias updates by branches
            int sg = t >> 31;                  // 0 or -1: the sign of Q
            int i = t & 0x7FFF;                // 4 * |Q|
            int d = ctx[i + DD];               // N - A: k = 0 exactly when it is not negative
            int c = ctx[i + DC];
            int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
            px = Math.min(Math.max(px, 0), mv);
            long word = (long) LONG_BE.get(in, (int) (bp >>> 3)) << (bp & 7);
            int z = Long.numberOfLeadingZeros(word);
            int m;
            if (z < zk0 && d >= 0) {
                m = z;
                bp += z + 1;
            } else {
                int k = d >= 0 ? 0 : golomb(ctx[i + DN], ctx[i + DN] - d);
                if (z < escape && z + k < PEEK_BITS) {
                    m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
                    bp += z + k + 1;
                } else {
                    this.bp = bp;
                    m = decodeValueSlow(k, escape);
                    bp = this.bp;
                }
                if (m > rng) {
                    throw badValue();
                }
            }
            int e = ((m >>> 1) ^ -(m & 1)) ^ ((ctx[i + DS] & ~d) >> 31); // as in decodeLineLossless8
            // the sample before the context update and C stored only when it moves, as in
            // decodeLineLosslessBias (sample interleave +4-7 %)
            int rx = px + ((e ^ sg) - sg);
            if (Integer.compareUnsigned(rx, mv) > 0) { // below 0 or above MAXVAL: one test
                rx += rx < 0 ? rng : -rng;
            }
            Cu[p] = rx;
            // T.87 A.6.1 and A.6.2 with STEP = 1 on N, D = N - A and S = 2B + N - 1 (see dcx)
            int n = ctx[i + DN];
            int sv = ctx[i + DS];
            if (n != rst) {
                d += 1 - Math.abs(e);
                sv += 2 * e + 1;
                n++;
            } else {
                int a = (n - d + Math.abs(e)) >> 1;
                int b = (((sv - n + 1) >> 1) + e) >> 1;
                n = (n >> 1) + 1;
                d = n - a;
                sv = 2 * b + n - 1;
            }
            if (sv + n < 0) {                  // B + N <= 0
                sv = Math.max(sv + 2 * n, 1 - n);
                ctx[i + DC] = Math.max(c - 1, MIN_C);
            } else if (sv >= n) {              // B > 0
                sv = Math.min(sv - 2 * n, n - 1);
                ctx[i + DC] = Math.min(c + 1, MAX_C);
            }
            ctx[i + DN] = n;
            ctx[i + DD] = d;
            ctx[i + DS] = sv;
            p++;
        }
        this.bp = bp;
    }

    /**
     * The pass of decodeLine() over the previous line of an 8-bit lossless component: for x in
     * 1 .. w, the row of {@link #qctx} for Q1 and Q2 of sample x, plus MAXVAL, plus Rc (the
     * previous line's sample x - 1) in bits 0..15, Rb (its sample x) in bits 16..23 and Rc in
     * bits 24..31, so that the line loop finds the context entry at (entry &amp; 0xFFFF) - Ra,
     * Rb and Rc in the same int, keeps no Rc from one sample to the next and loads no Rb from
     * the line. One loop with the premultiplied gradient table {@link #qr}, each Q1 kept for
     * the next sample's Q2, as {@link #contextRows3} does. 8-bit RGB line interleave: Rc in
     * the entry +1-2 %, Rb too another +2-3 %.
     */
    static void contextRows(int[] L, int[] qp, int[] qr, int w, int off) {
        int bias = 40 * (2 * off + 1) + off;
        // R Q1 of the sample left of the one being done: its Q2
        int g = qr[L[1] - L[0] + off];
        int rc = L[0];
        for (int x = 1; x <= w; x++) {
            int rb = L[x];
            int h = qr[L[x + 1] - rb + off];
            // the row plus Rc (below 2^16) in the low half, Rb and Rc in the high bytes
            qp[x] = (rc << 24) + (rb << 16) + 9 * h + g + bias + rc;
            g = h;
            rc = rb;
        }
    }

    /**
     * {@link #contextRows} for MAXVAL 255 in loops that C2 vectorises: Q1 and Q2 computed from
     * the thresholds instead of looked up (a gather, which C2 does not vectorise), each loop
     * reading its arrays at the same index (JDK 17's SuperWord does not pack L[x + 1] with
     * L[x]), so the line's neighbours come from copies shifted by one. 8-bit RGB line
     * interleave: the pass takes about half the time of the table's (benchmarks/README.md,
     * session 8).
     */
    static void contextRowsVector(int[] L, int[] qp, int w, int[] left, int[] right,
                                          int[] q1, int[] q2, int[] t) {
        int a = t[0];
        int b = t[1];
        int c = t[2];
        right[0] = L[1];
        System.arraycopy(L, 2, right, 1, w);   // right[x] = L[x + 1] = Rd of sample x
        for (int x = 0; x <= w; x++) {
            // quantised(right[x] - L[x], a, b, c) written out: with the call, C2 17 did not
            // vectorise this loop (8-bit RGB line interleave 13 % slower)
            int d = right[x] - L[x];
            int m = Math.abs(d);
            int s = d >> 31;
            int q = ((-m) >>> 31) + ((a - m) >>> 31) + ((b - m) >>> 31) + ((c - m) >>> 31);
            q1[x] = (q ^ s) - s;
        }
        System.arraycopy(L, 0, left, 1, w);    // left[x] = L[x - 1] = Rc of sample x
        System.arraycopy(q1, 0, q2, 1, w);     // Q2 of sample x is Q1 of sample x - 1
        int bias = 40 * (2 * MV8 + 1) + MV8;
        for (int x = 1; x <= w; x++) {
            int rc = left[x];
            int q = 9 * q1[x] + q2[x];
            // the entry of contextRows(): R (9 Q1 + Q2) with R = 511
            qp[x] = (rc << 24) + (L[x] << 16) + (q << 9) - q + bias + rc;
        }
    }

    /**
     * The quantised gradient d of T.87 A.3.3 with NEAR = 0 and a = T1 - 1, b = T2 - 1, c = T3 - 1,
     * without branches or tables: the sign of d times (|d| &gt;= 1) + (|d| &gt;= T1) +
     * (|d| &gt;= T2) + (|d| &gt;= T3), each a sign bit (four terms on |d| rather than eight on d:
     * the vectorised pass about 25 % shorter).
     */
    private static int quantised(int d, int a, int b, int c) {
        int m = Math.abs(d);
        int s = d >> 31;
        int q = ((-m) >>> 31) + ((a - m) >>> 31) + ((b - m) >>> 31) + ((c - m) >>> 31);
        return (q ^ s) - s;
    }

    /**
     * T1 - 1, T2 - 1 and T3 - 1 if the gradient table qt (MAXVAL mv, NEAR 0) is the
     * quantisation {@link #contextRowsVector} computes, else null.
     */
    static int[] arithmeticThresholds(byte[] qt, int mv) {
        // T1, T2 and T3 are where Q first reaches 2, 3 and 4 for positive d
        int[] t = {-1, -1, -1};
        for (int d = 1; d <= mv; d++) {
            int q = qt[d + mv];
            if (q >= 2 && t[0] < 0) {
                t[0] = d - 1;
            }
            if (q >= 3 && t[1] < 0) {
                t[1] = d - 1;
            }
            if (q >= 4 && t[2] < 0) {
                t[2] = d - 1;
            }
        }
        for (int i = 0; i < 3; i++) {
            if (t[i] < 0) {
                t[i] = mv; // never reached within the range
            }
        }
        for (int d = -mv; d <= mv; d++) {
            if (quantised(d, t[0], t[1], t[2]) != qt[d + mv]) {
                return null;
            }
        }
        return t;
    }

    /** The gradient table times R = 2 MAXVAL + 1, indexed by d + MAXVAL (see {@link #contextRows}). */
    static int[] gradientRows(byte[] qt, int mv) {
        int r = 2 * mv + 1;
        int[] t = new int[r];
        for (int d = 0; d < r; d++) {
            t[d] = r * qt[d];
        }
        return t;
    }

    /**
     * The pass of {@link #decodeLineInterleaved8} over the previous line: for p in 3 .. 3w + 2,
     * the row of {@link #qctx} for Q1 and Q2 of sample p, plus MAXVAL. Q2 of a sample is Q1 of
     * the one left of it in its component, so each Q1 is looked up once (in qr, the gradient
     * table times R = 2 MAXVAL + 1) and kept for the next pixel. Inside the line method this
     * pass was slow (C2 kept its values in stack slots), it runs from the scan loop; as one
     * loop over pixels with the premultiplied table instead of two over samples with an array
     * of Q1 between them, 8-bit RGB decodes 3 % faster.
     */
    static void contextRows3(int[] P, int[] qp, int[] qr, int w, int off) {
        int bias = 40 * (2 * off + 1) + off;
        // R Q1 of the three samples of the pixel before the one being done
        int g0 = qr[P[3] - P[0] + off];
        int g1 = qr[P[4] - P[1] + off];
        int g2 = qr[P[5] - P[2] + off];
        int end = 3 * w + 3;
        for (int p = 3; p < end; p += 3) {
            int h0 = qr[P[p + 3] - P[p] + off];
            int h1 = qr[P[p + 4] - P[p + 1] + off];
            int h2 = qr[P[p + 5] - P[p + 2] + off];
            qp[p] = 9 * h0 + g0 + bias;
            qp[p + 1] = 9 * h1 + g1 + bias;
            qp[p + 2] = 9 * h2 + g2 + bias;
            g0 = h0;
            g1 = h1;
            g2 = h2;
        }
    }

    /**
     * {@link #contextRows3} for MAXVAL 255 in loops that C2 vectorises, as
     * {@link #contextRowsVector} does a component line: Q1 of every sample from the thresholds,
     * with the sample right of it (three ints on) from a shifted copy, and Q2 a copy of Q1
     * shifted by a pixel. 8-bit RGB sample interleave +6-7 % (in-process A/B, session 9).
     */
    static void contextRows3Vector(int[] P, int[] qp, int w, int[] right, int[] q1, int[] q2, int[] t) {
        int a = t[0];
        int b = t[1];
        int c = t[2];
        int n = 3 * w + 3;
        System.arraycopy(P, 3, right, 0, n);   // right[p] = P[p + 3]: the sample right of p
        for (int p = 0; p < n; p++) {
            // quantised() written out, as in contextRowsVector
            int d = right[p] - P[p];
            int m = Math.abs(d);
            int s = d >> 31;
            int q = ((-m) >>> 31) + ((a - m) >>> 31) + ((b - m) >>> 31) + ((c - m) >>> 31);
            q1[p] = (q ^ s) - s;
        }
        System.arraycopy(q1, 0, q2, 3, n - 3); // Q2 of sample p is Q1 of sample p - 3
        int bias = 40 * (2 * MV8 + 1) + MV8;
        for (int p = 3; p < n; p++) {
            int q = 9 * q1[p] + q2[p];
            qp[p] = (q << 9) - q + bias;
        }
    }

    /**
     * One regular-mode sample with NEAR = 0 and context q (not 0), as in
     * {@link #decodeLineLossless}, with the bit position in its field.
     *
     * @return the reconstructed sample
     */
    private int regularLossless(int q, int ra, int rb, int rc) {
        int[] ctx = cx;
        int sg = q >> 31;                  // 0 or -1
        int i = ((q ^ sg) - sg) << 3;      // 8 * |Q|
        int k = ctx[i + K];
        int c = ctx[i + C];
        int mv = maxVal;
        int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
        px = Math.min(Math.max(px, 0), mv);
        long bp = this.bp;
        long word = (long) LONG_BE.get(cb, (int) (bp >>> 3)) << (bp & 7);
        int z = Long.numberOfLeadingZeros(word);
        int escape = limit - qbpp - 1;
        int m;
        if (z < escape && z + k < PEEK_BITS) {
            m = ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
            this.bp = bp + z + k + 1;
        } else {
            m = decodeValueSlow(k, escape);
        }
        int rng = range;
        if (m > rng) {
            throw badValue();
        }
        int e = ((m >>> 1) ^ -(m & 1)) ^ ctx[i + SM];
        int a = ctx[i + A];
        int b = ctx[i + B];
        int n = ctx[i + N];
        a += Math.abs(e);
        b += e;
        int h = ((n ^ reset) - 1) >>> 31;
        a >>= h;
        b >>= h;
        n = (n >> h) + 1;
        int lo = (b + n - 1) >> 31;
        int hi = (-b) >> 31;
        b += (n & lo) - (n & hi);
        b = Math.min(Math.max(b, 1 - n), 0);
        c = Math.min(Math.max(c + lo - hi, MIN_C), MAX_C);
        ctx[i + A] = a;
        ctx[i + B] = b;
        ctx[i + C] = c;
        ctx[i + N] = n;
        int k1 = golomb(n, a);
        ctx[i + K] = k1;
        ctx[i + SM] = ((k1 - 1) >> 31) & ((2 * b + n - 1) >> 31);
        int rx = px + ((e ^ sg) - sg);
        if (rx < 0) {
            rx += rng;
        } else if (rx > mv) {
            rx -= rng;
        }
        return rx;
    }

    private int decodeRunInterleaved(int[] P, int[] Cu, int x, int nc) {
        int remaining = width - x + 1;
        int count = decodeRunLength(remaining);
        int ra0 = (x - 1) * nc;
        // the run repeats the pixel left of it: one strided fill per component, as
        // System.arraycopy of three or four ints per pixel costs more than the copy
        int end = (x + count) * nc;
        for (int j = 0; j < nc; j++) {
            int v = Cu[ra0 + j];
            for (int d = ra0 + nc + j; d < end; d += nc) {
                Cu[d] = v;
            }
        }
        if (count == remaining) {
            return count;
        }
        int xi = x + count;
        for (int j = 0; j < nc; j++) {
            int ra = Cu[ra0 + j];
            int rb = P[xi * nc + j];
            int e = decodeInterruptionError(RI0);
            Cu[xi * nc + j] = reconstruct(rb, rb < ra ? -e : e);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    // ---- coding primitives --------------------------------------------------------------------

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Four bytes of {@link #storeLines3}'s output at once, the first at the lowest index. */
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The bits from {@link #bp} on, MSB first: {@value #PEEK_BITS} or more of them valid. */
    private long peek() {
        long p = bp;
        return (long) LONG_BE.get(cb, (int) (p >>> 3)) << (p & 7);
    }

    /** T.87 A.7.2, decoding side: the error of a run-interruption sample. */
    private int decodeInterruptionError(int ctx) {
        int t = ctx - RI0;
        int k = golombKInterruption(ctx);
        int em = decodeValue(k, limit - J[runIndex] - 1);
        if (em > range + 1) {
            throw badValue();
        }
        int temp = em + t;
        int map = temp & 1;
        int abs = (temp + map) >> 1;
        // negative when (k != 0 || 2 Nn >= N) equals map (the inverse of A.7.2.1), branch-free:
        // (-k) >>> 31 is 1 for k > 0; ~(x >> 31) & 1 is 1 for x >= 0
        int cond = ((-k) >>> 31) | (~((2 * nn[t] - st[4 * ctx + N]) >> 31) & 1);
        int neg = -(cond ^ map ^ 1);
        int e = (abs ^ neg) - neg;
        updateInterruption(ctx, e, em);
        return e;
    }

    /**
     * T.87 A.7.1.2, decoding side: the length of a run, at most {@code remaining}. The 1 bits
     * of the run-length code (each one a run of 2^J[RUNindex] samples) are counted with
     * numberOfLeadingZeros of the complement of a {@link #peek}, then the 0 bit and the
     * J[RUNindex] bits of the remainder are taken at once.
     */
    private int decodeRunLength(int remaining) {
        int[] jt = J;
        int ri = runIndex;
        int count = 0;
        for (;;) {
            long word = peek();
            // the ones counted are valid bits (a peek is zero-filled on the right); up to
            // PEEK_BITS - 1 of them are taken at a time, so the bit after them is a valid 0
            int all = Long.numberOfLeadingZeros(~word);
            int ones = Math.min(all, PEEK_BITS - 1);
            for (int o = 0; o < ones; o++) {
                int len = 1 << jt[ri];
                int left = remaining - count;
                if (len >= left) {
                    // the run reaches the end of the line: this 1 bit ends the code
                    bp += o + 1;
                    runIndex = len == left && ri < 31 ? ri + 1 : ri;
                    return remaining;
                }
                count += len;
                if (ri < 31) {
                    ri++;
                }
            }
            if (all < PEEK_BITS) {
                bp += ones + 1; // the 1 bits and the 0 bit that ends them
                break;
            }
            bp += ones;
        }
        int j = jt[ri];
        count += readBits(j);
        runIndex = ri;
        if (count >= remaining) {
            throw new MalformedDataException("JPEG-LS run longer than the line", segEnd, MalformedDataException.NO_TAG);
        }
        return count;
    }

    /** T.87 A.5.3, decoding side: a limited-length Golomb code with parameter k. */
    private int decodeValue(int k, int lim) {
        long word = peek();
        int z = Long.numberOfLeadingZeros(word);
        int escape = lim - qbpp - 1;
        if (z < escape && z + k < PEEK_BITS) {
            // the unary prefix ends in a 1 bit: (word << z) >>> (63 - k) is that 1 followed by
            // the k low bits, so the value (z << k) + low is ((z - 1) << k) + top, with no
            // branch on k; z < escape < 56 keeps every shift below 64
            bp += z + k + 1;
            return ((z - 1) << k) + (int) ((word << z) >>> (63 - k));
        }
        return decodeValueSlow(k, escape);
    }

    /**
     * A Golomb code whose prefix is the escape (LIMIT - qbpp - 1 zeros, T.87 A.5.3) or whose
     * bits do not all fit in one {@link #peek}. The escape is below {@value #PEEK_BITS} for every
     * LIMIT and qbpp, so one peek sees the whole prefix; k is at most 18 (A / N stays below
     * about RANGE), so one more peek holds the k bits.
     */
    private int decodeValueSlow(int k, int escape) {
        int z = Long.numberOfLeadingZeros(peek());
        if (z > escape) {
            throw badValue();
        }
        bp += z + 1;
        if (z == escape) {
            return readBits(qbpp) + 1;
        }
        if (k > 30) {
            throw badValue();
        }
        long m = ((long) z << k) | readBits(k);
        return (int) Math.min(m, Integer.MAX_VALUE); // the callers reject it as above RANGE
    }

    private MalformedDataException badValue() {
        return new MalformedDataException("JPEG-LS code value out of range", segEnd, MalformedDataException.NO_TAG);
    }

    /** Reads 0..31 bits. */
    private int readBits(int count) {
        if (count == 0) {
            return 0;
        }
        int v = (int) (peek() >>> (64 - count));
        bp += count;
        return v;
    }
}
