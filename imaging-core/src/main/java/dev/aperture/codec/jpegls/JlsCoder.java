// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import java.util.concurrent.ConcurrentHashMap;

/**
 * State shared by the scan decoder and encoder: the derived parameters of T.87 A.2, the context
 * variables A, B, C, N (regular contexts 0..364, run-interruption contexts 365 and 366, whose
 * Nn lives in {@link #nn}), the run indices and the gradient quantisation table.
 *
 * <p>One instance codes one scan on one thread.
 */
abstract class JlsCoder {

    /** T.87 A.7.1.1, Table A.4: the order of the run-length codes. */
    static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    static final int CONTEXTS = 365;
    static final int RI0 = 365;
    static final int RI1 = 366;
    static final int MIN_C = -128;
    static final int MAX_C = 127;

    final int maxVal;
    final int near;
    final int reset;
    /** RANGE, T.87 A.2.1. */
    final int range;
    /** 2 * NEAR + 1. */
    final int step;
    /** (RANGE + 1) / 2: errors at or above it are reduced by RANGE (T.87 A.4.5). */
    final int halfRange;
    /** qbpp = ceil(log2(RANGE)). */
    final int qbpp;
    /** LIMIT = 2 * (bpp + max(8, bpp)). */
    final int limit;
    /** Gradient quantisation, indexed by gradient + MAXVAL, values -4..4 (T.87 A.3.3). */
    final byte[] quant;

    /**
     * Context variables, four per context so that one sample touches one cache line:
     * {@code st[4q]} = A, {@code st[4q + 1]} = B, {@code st[4q + 2]} = C, {@code st[4q + 3]} = N.
     */
    final int[] st = new int[4 * (CONTEXTS + 2)];
    static final int A = 0;
    static final int B = 1;
    static final int C = 2;
    static final int N = 3;
    final int[] nn = new int[2];
    /** RUNindex of the component being coded; line-interleaved scans keep one per component. */
    int runIndex;
    final int[] runIndices = new int[4];

    JlsCoder(JlsParams p, int near) {
        this.maxVal = p.maxVal();
        this.near = near;
        this.reset = p.reset();
        this.step = 2 * near + 1;
        this.range = (maxVal + 2 * near) / step + 1;
        this.halfRange = (range + 1) >> 1;
        this.qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        this.limit = 2 * (bpp + Math.max(8, bpp));
        this.quant = quantTable(p, near);
        initContexts();
    }

    /** T.87 A.2.1 initialisation (also after each restart marker). */
    final void initContexts() {
        int a0 = Math.max(2, (range + 32) / 64);
        for (int i = 0; i < CONTEXTS + 2; i++) {
            st[4 * i + A] = a0;
            st[4 * i + B] = 0;
            st[4 * i + C] = 0;
            st[4 * i + N] = 1;
        }
        nn[0] = 0;
        nn[1] = 0;
        runIndex = 0;
        java.util.Arrays.fill(runIndices, 0);
    }

    static int ceilLog2(int v) {
        return 32 - Integer.numberOfLeadingZeros(v - 1);
    }

    /**
     * T.87 A.4.1: the median edge detector. It is the median of Ra, Rb and Ra + Rb - Rc: when
     * Rc &gt;= max(Ra, Rb), Ra + Rb - Rc &lt;= min(Ra, Rb) and the median is min(Ra, Rb); when
     * Rc &lt;= min(Ra, Rb) it is max(Ra, Rb); otherwise Ra + Rb - Rc lies between them. Math.min
     * and max compile to conditional moves, where the ternaries of A.4.1 may become branches
     * that mispredict at every edge.
     */
    static int predict(int ra, int rb, int rc) {
        return Math.max(Math.min(ra, rb), Math.min(Math.max(ra, rb), ra + rb - rc));
    }

    /**
     * The context number Q of T.87 A.3.4 with its sign: 81*Q1 + 9*Q2 + Q3 in -364..364. Zero
     * means all three gradients are within NEAR, which selects run mode.
     */
    final int context(int d1, int d2, int d3) {
        byte[] q = quant;
        int off = maxVal;
        return 81 * q[d1 + off] + 9 * q[d2 + off] + q[d3 + off];
    }

    /**
     * T.87 A.6.1 and A.6.2: update A, B, N and the bias correction C of a regular context.
     *
     * @param i index of the context's A in {@link #st} (4 * Q)
     */
    final void updateRegular(int i, int err) {
        int[] s = st;
        int a = s[i + A] + Math.abs(err);
        int b = s[i + B] + err * step;
        int n = s[i + N];
        // branch-free, as the bias flips unpredictably: h = 1 exactly when N = RESET, and then
        // A, B, N are halved (B by floor division, which equals -((1 - B) >> 1) of A.6.1)
        int h = ((n ^ reset) - 1) >>> 31;
        a >>= h;
        b >>= h;
        n = (n >> h) + 1;
        // lo = -1 when B + N <= 0, hi = -1 when B > 0 (then B + N > 0: at most one is set). B
        // moves by N towards (-N, 0] and is clamped into it, which are the two cases of A.6.2;
        // C moves by one within MIN_C..MAX_C
        int lo = (b + n - 1) >> 31;
        int hi = (-b) >> 31;
        b += (n & lo) - (n & hi);
        s[i + A] = a;
        s[i + B] = Math.min(Math.max(b, 1 - n), 0);
        s[i + C] = Math.min(Math.max(s[i + C] + lo - hi, MIN_C), MAX_C);
        s[i + N] = n;
    }

    /** T.87 A.7.2.2: update a run-interruption context (RI0 or RI1). */
    final void updateInterruption(int ctx, int err, int emErr) {
        int t = ctx - RI0;
        int i = 4 * ctx;
        nn[t] += err >>> 31; // one more negative error, without a branch on the error's sign
        st[i + A] += (emErr + 1 - t) >> 1;
        if (st[i + N] == reset) {
            st[i + A] >>= 1;
            st[i + N] >>= 1;
            nn[t] >>= 1;
        }
        st[i + N]++;
    }

    /**
     * The least k with {@code n << k >= a} (T.87 A.5.1), without a loop: with
     * la = floor(log2 a) and ln = floor(log2 n), n << (la - ln) lies in [2^la, 2^(la+1)) as a
     * does, so k is la - ln or la - ln + 1; when la < ln, n > a and k is 0. Both are at least 1.
     */
    static int golomb(int n, int a) {
        // branch-free: with d = max(0, la - ln), k is d or d + 1, and d + 1 exactly when
        // n << d < a (both below 2^31, so the difference's sign says it); when a <= n, d is 0
        // and n < a is false
        int d = Math.max(0, Integer.numberOfLeadingZeros(n) - Integer.numberOfLeadingZeros(a));
        return d + (((n << d) - a) >>> 31);
    }

    /** Golomb parameter of a run-interruption context (T.87 A.7.2.1, TEMP). */
    final int golombKInterruption(int ctx) {
        int i = 4 * ctx;
        int nq = st[i + N];
        int temp = st[i + A] + ((nq >> 1) & -(ctx - RI0));
        return golomb(nq, temp);
    }

    /** Reconstruction with the modulo fix of T.87 A.4.4 / A.7.2, clamped to 0..MAXVAL. */
    final int reconstruct(int predicted, int signedErr) {
        int v = predicted + signedErr * step;
        if (v < -near) {
            v += range * step;
        } else if (v > maxVal + near) {
            v -= range * step;
        }
        return v < 0 ? 0 : (v > maxVal ? maxVal : v);
    }

    // ---- gradient quantisation tables, shared between scans with equal parameters -----------

    private record QuantKey(int maxVal, int t1, int t2, int t3, int near) {
    }

    private static final ConcurrentHashMap<QuantKey, byte[]> QUANT = new ConcurrentHashMap<>();

    private static byte[] quantTable(JlsParams p, int near) {
        QuantKey key = new QuantKey(p.maxVal(), p.t1(), p.t2(), p.t3(), near);
        byte[] t = QUANT.get(key);
        if (t == null) {
            t = buildQuant(p, near);
            if (QUANT.size() > 64) {
                QUANT.clear();
            }
            QUANT.putIfAbsent(key, t);
        }
        return t;
    }

    private static byte[] buildQuant(JlsParams p, int near) {
        int mv = p.maxVal();
        byte[] t = new byte[2 * mv + 1];
        for (int d = -mv; d <= mv; d++) {
            t[d + mv] = (byte) quantize(d, p.t1(), p.t2(), p.t3(), near);
        }
        return t;
    }

    /** T.87 A.3.3, Code segment A.4. */
    private static int quantize(int d, int t1, int t2, int t3, int near) {
        if (d <= -t3) {
            return -4;
        }
        if (d <= -t2) {
            return -3;
        }
        if (d <= -t1) {
            return -2;
        }
        if (d < -near) {
            return -1;
        }
        if (d <= near) {
            return 0;
        }
        if (d < t1) {
            return 1;
        }
        if (d < t2) {
            return 2;
        }
        if (d < t3) {
            return 3;
        }
        return 4;
    }
}
