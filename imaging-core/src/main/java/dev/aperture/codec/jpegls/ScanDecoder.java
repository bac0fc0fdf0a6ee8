// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import dev.aperture.imaging.MalformedDataException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes the entropy-coded data of one scan (T.87 Annex A, decoding per Annex F) into the
 * caller's samples.
 *
 * <p>Bits are read MSB first through a 64-bit register. A 0xFF byte is followed by a byte whose
 * top bit is a stuffed zero (T.87 A.1); 0xFF followed by a byte >= 0x80 is a marker and ends the
 * segment. Past the end of a segment the register is padded with zero bits, counted in
 * {@link #fake}; consuming any of them means the data were truncated, which is checked once per
 * line (each line reads a bounded number of bits, so nothing can spin).
 *
 * <p>One instance per scan, one thread.
 */
final class ScanDecoder extends JlsCoder {

    private final byte[] buf;
    private final int bufEnd;
    private int pos;
    /** End of the current segment: the buffer end, or the position of the marker that ends it. */
    private int segEnd;
    private long reg;
    private int bits;
    private int fake;
    private boolean afterFF;

    private final int width;
    private final int components;
    private final short[] outS;
    private final byte[] outB;
    private final int outOff;
    private final int outStride;
    /** 32 - P when signed samples must be sign-extended into the destination, else 0. */
    private final int signShift;

    private final int[] qs = new int[4];

    ScanDecoder(JlsParams p, int near, byte[] buf, int start, int end, int width,
                int components, short[] outS, byte[] outB, int outOff, int signShift) {
        super(p, near);
        this.buf = buf;
        this.pos = start;
        this.bufEnd = end;
        this.segEnd = end;
        this.width = width;
        this.components = components;
        this.outS = outS;
        this.outB = outB;
        this.outOff = outOff;
        this.outStride = components;
        this.signShift = signShift;
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
        int stride = w + 2;
        int[] lines = new int[2 * stride * nc]; // two lines per component (interleaved for ILV 2)
        int rst = 0;
        for (int y = 0; y < height; y++) {
            if (restart > 0 && y > 0 && y % restart == 0) {
                restartMarker(rst);
                rst = (rst + 1) & 7;
                Arrays.fill(lines, 0);
                initContexts();
            }
            if (ilv == 2) {
                int len = stride * nc;
                int p = (y & 1) * len;
                int cur = ((y + 1) & 1) * len;
                decodeLineInterleaved(lines, p, cur, nc);
                storeInterleaved(lines, cur, y, comps);
            } else {
                for (int s = 0; s < nc; s++) {
                    int base = s * 2 * stride;
                    int p = base + (y & 1) * stride;
                    int cur = base + ((y + 1) & 1) * stride;
                    runIndex = runIndices[s];
                    decodeLine(lines, p, cur);
                    runIndices[s] = runIndex;
                    store(lines, cur, y, comps[s]);
                }
            }
            if (bits < fake) {
                throw new MalformedDataException("JPEG-LS scan data truncated", pos, MalformedDataException.NO_TAG);
            }
        }
        return endOfSegment(true);
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
        segEnd = bufEnd;
        reg = 0;
        bits = 0;
        fake = 0;
        afterFF = false;
    }

    /**
     * Checks that only padding remains of the segment and returns the position of the marker
     * that ends it (for the last segment of a scan, possibly the end of the data). Up to 7 padding bits, and a 0x00 byte after a final 0xFF (14 bits at most),
     * may be left; more means the data do not match the parameters (T.87 A.1, CharLS does the same).
     */
    private int endOfSegment(boolean last) {
        fill();
        if (bits < fake) {
            throw new MalformedDataException("JPEG-LS scan data truncated", pos, MalformedDataException.NO_TAG);
        }
        if (bits - fake >= 16 || pos < segEnd) {
            throw new MalformedDataException("JPEG-LS scan has more data than its lines need", pos,
                    MalformedDataException.NO_TAG);
        }
        if (segEnd >= bufEnd && !last) {
            throw new MalformedDataException("JPEG-LS data end without a marker", bufEnd, MalformedDataException.NO_TAG);
        }
        return segEnd; // the buffer's end when the last scan is not followed by EOI
    }

    // ---- output -------------------------------------------------------------------------------

    private void store(int[] lines, int cur, int y, int comp) {
        int w = width;
        int st = outStride;
        int d = outOff + y * w * st + comp;
        int src = cur + 1;
        if (outS != null) {
            short[] o = outS;
            int sh = signShift;
            for (int x = 0; x < w; x++, d += st) {
                o[d] = (short) ((lines[src + x] << sh) >> sh);
            }
        } else {
            byte[] o = outB;
            for (int x = 0; x < w; x++, d += st) {
                o[d] = (byte) lines[src + x];
            }
        }
    }

    private void storeInterleaved(int[] lines, int cur, int y, int[] comps) {
        int w = width;
        int nc = comps.length;
        for (int s = 0; s < nc; s++) {
            int d = outOff + y * w * outStride + comps[s];
            int src = cur + nc + s;
            if (outS != null) {
                int sh = signShift;
                for (int x = 0; x < w; x++, d += outStride, src += nc) {
                    outS[d] = (short) ((lines[src] << sh) >> sh);
                }
            } else {
                for (int x = 0; x < w; x++, d += outStride, src += nc) {
                    outB[d] = (byte) lines[src];
                }
            }
        }
    }

    // ---- one component line (interleave none and line) ----------------------------------------

    /**
     * Decodes one line. {@code L[p .. p + w + 1]} is the previous line and {@code L[cur ..]} the
     * current one; index 0 holds the sample left of the first (T.87 A.2.1: Ra = Rb and Rc = the
     * first sample of the line above the previous) and index w + 1 the one right of the last
     * (Rd = Rb).
     */
    private void decodeLine(int[] L, int p, int cur) {
        int w = width;
        L[p + w + 1] = L[p + w];
        L[cur] = L[p + 1];
        // Ra, Rb, Rc slide along in locals: the next Rc is this Rb, the next Rb this Rd
        int ra = L[cur];
        int rb = L[p + 1];
        int rc = L[p];
        byte[] qt = quant;
        int off = maxVal;
        // everything the regular-mode sample touches is a local here: the bit register, its
        // count and the read position live in registers for the whole run of regular samples
        // and go back to the fields only around the rare paths (run mode, slow refill, escape)
        int[] ctx = st;
        byte[] in = buf;
        int mv = maxVal;
        int rng = range;
        int nr = near;
        int stp = step;
        int rst = reset;
        int escape = limit - qbpp - 1;
        long reg = this.reg;
        int bits = this.bits;
        int pos = this.pos;
        int x = 1;
        while (x <= w) {
            int rd = L[p + x + 1];
            int q = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off]; // see context()
            if (q == 0) {
                this.reg = reg;
                this.bits = bits;
                this.pos = pos;
                x += decodeRun(L, p, cur, x, ra);
                reg = this.reg;
                bits = this.bits;
                pos = this.pos;
                if (x <= w) {
                    ra = L[cur + x - 1];
                    rb = L[p + x];
                    rc = L[p + x - 1];
                }
                continue;
            }
            // T.87 A.4 to A.6, decoding side: one sample in regular mode
            int sg = q >> 31;                  // 0 or -1
            int i = ((q ^ sg) - sg) << 2;      // 4 * |Q|
            int a = ctx[i + A];
            int b = ctx[i + B];
            int c = ctx[i + C];
            int n = ctx[i + N];
            int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
            px = Math.min(Math.max(px, 0), mv);
            int k = golomb(n, a);
            if (bits < 32) {
                long wv;
                if (pos + 8 <= segEnd && !afterFF && noFF(wv = (long) LONG_BE.get(in, pos))) {
                    // as fillWord(): as many whole bytes as fit, none of them 0xFF
                    int bytes = (64 - bits) >> 3;
                    int nb = bits + (bytes << 3);
                    reg |= (wv >>> bits) & (-1L << (64 - nb));
                    bits = nb;
                    pos += bytes;
                } else {
                    this.reg = reg;
                    this.bits = bits;
                    this.pos = pos;
                    fillBytes();
                    reg = this.reg;
                    bits = this.bits;
                    pos = this.pos;
                }
            }
            int z = Long.numberOfLeadingZeros(reg);
            int m;
            if (z < escape && z + k < bits) {
                // the unary prefix ends in a 1 bit: (reg << z) >>> (63 - k) is that 1 followed
                // by the k low bits, so m = (z << k) + low = ((z - 1) << k) + top; z <= escape < 56
                reg <<= z;
                m = ((z - 1) << k) + (int) (reg >>> (63 - k));
                reg <<= k + 1;
                bits -= z + k + 1;
            } else {
                this.reg = reg;
                this.bits = bits;
                this.pos = pos;
                m = decodeValueSlow(k, escape);
                reg = this.reg;
                bits = this.bits;
                pos = this.pos;
            }
            if (m > rng) {
                throw badValue();
            }
            // inverse of the mapping of A.5.2: even -> m/2, odd -> -(m+1)/2; when k = NEAR = 0
            // and 2B <= -N the special mapping (2E+1 / -2(E+1)) applies, which is the
            // complement of the result. Branch-free, as k and B flip unpredictably:
            // ((k | NEAR) - 1) >> 31 is -1 exactly when both are 0, and (2B + N - 1) >> 31 is
            // -1 exactly when 2B <= -N
            int e = (m >>> 1) ^ -(m & 1);
            e ^= (((k | nr) - 1) >> 31) & ((2 * b + n - 1) >> 31);
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
            int rx;
            if (nr == 0) {
                // lossless: Px + E modulo RANGE; |E| <= RANGE/2 so one correction suffices
                rx = px + ((e ^ sg) - sg);
                if (rx < 0) {
                    rx += rng;
                } else if (rx > mv) {
                    rx -= rng;
                }
            } else {
                rx = reconstruct(px, (e ^ sg) - sg);
            }
            L[cur + x] = rx;
            ra = rx;
            rc = rb;
            rb = rd;
            x++;
        }
        this.reg = reg;
        this.bits = bits;
        this.pos = pos;
    }

    /**
     * Whether no byte of {@code w} is 0xFF: "some byte of w is 0xFF" is "some byte of ~w is
     * zero", tested with the classic (x - 0x01..01) &amp; ~x &amp; 0x80..80 trick.
     */
    private static boolean noFF(long w) {
        long inv = ~w;
        return ((inv - 0x0101010101010101L) & ~inv & 0x8080808080808080L) == 0;
    }

    private int decodeRun(int[] L, int p, int cur, int x, int ra) {
        int remaining = width - x + 1;
        int count = decodeRunLength(remaining);
        Arrays.fill(L, cur + x, cur + x + count, ra);
        if (count == remaining) {
            return count;
        }
        int xi = x + count;
        int rb = L[p + xi];
        int rx;
        if (Math.abs(ra - rb) <= near) {
            rx = reconstruct(ra, decodeInterruptionError(RI1));
        } else {
            int e = decodeInterruptionError(RI0);
            rx = reconstruct(rb, rb < ra ? -e : e);
        }
        L[cur + xi] = rx;
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    // ---- sample-interleaved line --------------------------------------------------------------

    private void decodeLineInterleaved(int[] L, int p, int cur, int nc) {
        int w = width;
        for (int j = 0; j < nc; j++) {
            L[p + (w + 1) * nc + j] = L[p + w * nc + j];
            L[cur + j] = L[p + nc + j];
        }
        int[] q = qs;
        byte[] qt = quant;
        int off = maxVal;
        // as in decodeLine(): the bit reader in locals, fields only around the rare paths
        int[] ctx = st;
        byte[] in = buf;
        int mv = maxVal;
        int rng = range;
        int nr = near;
        int stp = step;
        int rst = reset;
        int escape = limit - qbpp - 1;
        long reg = this.reg;
        int bits = this.bits;
        int pos = this.pos;
        int x = 1;
        while (x <= w) {
            int px0 = x * nc;
            int any = 0;
            for (int j = 0; j < nc; j++) {
                int ra = L[cur + px0 - nc + j];
                int rb = L[p + px0 + j];
                int rc = L[p + px0 - nc + j];
                int rd = L[p + px0 + nc + j];
                int qj = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off]; // see context()
                q[j] = qj;
                any |= qj;
            }
            if (any == 0) {
                this.reg = reg;
                this.bits = bits;
                this.pos = pos;
                x += decodeRunInterleaved(L, p, cur, x, nc);
                reg = this.reg;
                bits = this.bits;
                pos = this.pos;
                continue;
            }
            for (int j = 0; j < nc; j++) {
                int ra = L[cur + px0 - nc + j];
                int rb = L[p + px0 + j];
                int rc = L[p + px0 - nc + j];
                int qj = q[j];
                // the inline regular-mode sample of decodeLine(), for component j
                int sg = qj >> 31;                  // 0 or -1
                int i = ((qj ^ sg) - sg) << 2;      // 4 * |Q|
                int a = ctx[i + A];
                int b = ctx[i + B];
                int c = ctx[i + C];
                int n = ctx[i + N];
                int px = predict(ra, rb, rc) + ((c ^ sg) - sg);
                px = Math.min(Math.max(px, 0), mv);
                int k = golomb(n, a);
                if (bits < 32) {
                    long wv;
                    if (pos + 8 <= segEnd && !afterFF && noFF(wv = (long) LONG_BE.get(in, pos))) {
                        // as fillWord(): as many whole bytes as fit, none of them 0xFF
                        int bytes = (64 - bits) >> 3;
                        int nb = bits + (bytes << 3);
                        reg |= (wv >>> bits) & (-1L << (64 - nb));
                        bits = nb;
                        pos += bytes;
                    } else {
                        this.reg = reg;
                        this.bits = bits;
                        this.pos = pos;
                        fillBytes();
                        reg = this.reg;
                        bits = this.bits;
                        pos = this.pos;
                    }
                }
                int z = Long.numberOfLeadingZeros(reg);
                int m;
                if (z < escape && z + k < bits) {
                    // the unary prefix ends in a 1 bit: (reg << z) >>> (63 - k) is that 1 followed
                    // by the k low bits, so m = (z << k) + low = ((z - 1) << k) + top; z <= escape < 56
                    reg <<= z;
                    m = ((z - 1) << k) + (int) (reg >>> (63 - k));
                    reg <<= k + 1;
                    bits -= z + k + 1;
                } else {
                    this.reg = reg;
                    this.bits = bits;
                    this.pos = pos;
                    m = decodeValueSlow(k, escape);
                    reg = this.reg;
                    bits = this.bits;
                    pos = this.pos;
                }
                if (m > rng) {
                    throw badValue();
                }
                // inverse of the mapping of A.5.2 with the special mapping for k = NEAR = 0 and
                // 2B <= -N, branch-free (see decodeLine())
                int e = (m >>> 1) ^ -(m & 1);
                e ^= (((k | nr) - 1) >> 31) & ((2 * b + n - 1) >> 31);
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
                int rx;
                if (nr == 0) {
                    // lossless: Px + E modulo RANGE; |E| <= RANGE/2 so one correction suffices
                    rx = px + ((e ^ sg) - sg);
                    if (rx < 0) {
                        rx += rng;
                    } else if (rx > mv) {
                        rx -= rng;
                    }
                } else {
                    rx = reconstruct(px, (e ^ sg) - sg);
                }
                L[cur + px0 + j] = rx;
            }
            x++;
        }
        this.reg = reg;
        this.bits = bits;
        this.pos = pos;
    }

    private int decodeRunInterleaved(int[] L, int p, int cur, int x, int nc) {
        int remaining = width - x + 1;
        int count = decodeRunLength(remaining);
        int ra0 = cur + (x - 1) * nc;
        // the run repeats the pixel left of it: one strided fill per component, as
        // System.arraycopy of three or four ints per pixel costs more than the copy
        int end = cur + (x + count) * nc;
        for (int j = 0; j < nc; j++) {
            int v = L[ra0 + j];
            for (int d = ra0 + nc + j; d < end; d += nc) {
                L[d] = v;
            }
        }
        if (count == remaining) {
            return count;
        }
        int xi = x + count;
        for (int j = 0; j < nc; j++) {
            int ra = L[ra0 + j];
            int rb = L[p + xi * nc + j];
            int e = decodeInterruptionError(RI0);
            L[cur + xi * nc + j] = reconstruct(rb, rb < ra ? -e : e);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    // ---- coding primitives --------------------------------------------------------------------

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
     * T.87 A.7.1.2, decoding side: the length of a run, at most {@code remaining}. The register,
     * its bit count and the run index are locals here: the 1 bits of the run-length code (each
     * one a run of 2^J[RUNindex] samples) are counted from the register with
     * numberOfLeadingZeros of its complement, then the 0 bit and the J[RUNindex] bits of the
     * remainder are taken at once.
     */
    private int decodeRunLength(int remaining) {
        int[] jt = J;
        long reg = this.reg;
        int bits = this.bits;
        int ri = runIndex;
        int count = 0;
        for (;;) {
            if (bits < 32) {
                this.reg = reg;
                this.bits = bits;
                fill();
                reg = this.reg;
                bits = this.bits;
            }
            // after fill() bits > 56 (zero padding past the end counts), so ones < bits unless
            // the whole register is 1 bits
            int ones = Math.min(Long.numberOfLeadingZeros(~reg), bits);
            for (int o = 0; o < ones; o++) {
                int len = 1 << jt[ri];
                int left = remaining - count;
                if (len >= left) {
                    // the run reaches the end of the line: this 1 bit ends the code
                    int used = o + 1;
                    this.reg = reg << used;
                    this.bits = bits - used;
                    runIndex = len == left && ri < 31 ? ri + 1 : ri;
                    return remaining;
                }
                count += len;
                if (ri < 31) {
                    ri++;
                }
            }
            if (ones < bits) {
                reg = (reg << ones) << 1; // the 1 bits and the 0 bit that ends them (ones <= 63)
                bits -= ones + 1;
                break;
            }
            reg = 0;
            bits = 0;
        }
        int j = jt[ri];
        if (j > 0) {
            if (bits < j) {
                this.reg = reg;
                this.bits = bits;
                fill();
                reg = this.reg;
                bits = this.bits;
            }
            count += (int) (reg >>> (64 - j));
            reg <<= j;
            bits -= j;
        }
        this.reg = reg;
        this.bits = bits;
        runIndex = ri;
        if (count >= remaining) {
            throw new MalformedDataException("JPEG-LS run longer than the line", pos, MalformedDataException.NO_TAG);
        }
        return count;
    }

    /** T.87 A.5.3, decoding side: a limited-length Golomb code with parameter k. */
    private int decodeValue(int k, int lim) {
        if (bits < 40) {
            fill();
        }
        long r = reg;
        int z = Long.numberOfLeadingZeros(r);
        int escape = lim - qbpp - 1;
        if (z < escape && z + k < bits) {
            // the unary prefix ends in a 1 bit: (reg << z) >>> (63 - k) is that 1 followed by
            // the k low bits, so the value (z << k) + low is ((z - 1) << k) + top, with no
            // branch on k; z < escape < 56 keeps every shift below 64
            r <<= z;
            int m = ((z - 1) << k) + (int) (r >>> (63 - k));
            reg = r << (k + 1);
            bits -= z + k + 1;
            return m;
        }
        return decodeValueSlow(k, escape);
    }

    private int decodeValueSlow(int k, int escape) {
        int z = 0;
        while (readBit() == 0) {
            z++;
            if (z > escape) {
                throw badValue();
            }
        }
        if (z == escape) {
            return readBits(qbpp) + 1;
        }
        return k == 0 ? z : (z << k) | readBits(k);
    }

    private MalformedDataException badValue() {
        return new MalformedDataException("JPEG-LS code value out of range", pos, MalformedDataException.NO_TAG);
    }

    private int readBit() {
        if (bits == 0) {
            fill();
        }
        int v = (int) (reg >>> 63);
        reg <<= 1;
        bits--;
        return v;
    }

    /** Reads 1..16 bits. */
    private int readBits(int count) {
        if (bits < count) {
            fill();
        }
        int v = (int) (reg >>> (64 - count));
        reg <<= count;
        bits -= count;
        return v;
    }

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Tops the register up to more than 56 bits, with zero bits past the segment's end. */
    private void fill() {
        if (!fillWord()) {
            fillBytes();
        }
    }

    /**
     * The common case, small enough to inline: the next eight bytes hold no 0xFF (no stuffing,
     * no marker), so as many whole bytes as fit go in at once. "Some byte of w is 0xFF" is "some
     * byte of ~w is zero", tested with the classic (x - 0x01..01) &amp; ~x &amp; 0x80..80 trick.
     *
     * @return false when the byte-by-byte path must do it
     */
    private boolean fillWord() {
        int b = bits;
        if (b > 56 || afterFF || pos + 8 > segEnd) {
            return b > 56;
        }
        long w = (long) LONG_BE.get(buf, pos);
        long inv = ~w;
        if (((inv - 0x0101010101010101L) & ~inv & 0x8080808080808080L) != 0) {
            return false;
        }
        int bytes = (64 - b) >> 3;             // 1..8 as b <= 56
        int nb = b + (bytes << 3);             // 57..64
        reg |= (w >>> b) & (-1L << (64 - nb));
        bits = nb;
        pos += bytes;
        return true;
    }

    /** Byte by byte, with stuffing, markers and the zero padding past the end. */
    private void fillBytes() {
        byte[] in = buf;
        while (bits <= 56) {
            if (pos >= segEnd) {
                bits += 8;
                fake += 8;
                continue;
            }
            int v = in[pos] & 0xFF;
            if (afterFF) {
                // top bit is the stuffed zero (checked when the 0xFF was taken)
                reg |= (long) v << (57 - bits);
                bits += 7;
                pos++;
                afterFF = false;
            } else if (v == 0xFF) {
                if (pos + 1 >= bufEnd || in[pos + 1] < 0) {
                    segEnd = pos; // a marker (0xFF, >= 0x80) ends the segment
                    continue;
                }
                reg |= 0xFFL << (56 - bits);
                bits += 8;
                pos++;
                afterFF = true;
            } else {
                reg |= (long) v << (56 - bits);
                bits += 8;
                pos++;
            }
        }
    }
}
