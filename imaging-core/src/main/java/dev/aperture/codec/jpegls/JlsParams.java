// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

/**
 * Preset coding parameters of one scan (T.87 C.2.4.1.1): MAXVAL, the gradient thresholds T1..T3
 * and RESET, all resolved (no zero "use the default" values left).
 */
record JlsParams(int maxVal, int t1, int t2, int t3, int reset) {

    static final int BASIC_T1 = 3;
    static final int BASIC_T2 = 7;
    static final int BASIC_T3 = 21;
    static final int DEFAULT_RESET = 64;

    /** T.87 C.2.4.1.1.1: default thresholds for MAXVAL and NEAR. */
    static JlsParams defaults(int maxVal, int near) {
        return defaults(maxVal, Math.min(maxVal, 4095), near);
    }

    /**
     * The thresholds the JAI-ImageIO CLib encoder used: the same formula without clamping MAXVAL
     * to 4095 in FACTOR, which only differs above 12 bits (dcm4che's "PatchJPEGLS JAI2ISO").
     */
    static JlsParams jai(int maxVal, int near) {
        return defaults(maxVal, maxVal, near);
    }

    private static JlsParams defaults(int maxVal, int factorMax, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (factorMax + 128) >> 8;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
        }
        return new JlsParams(maxVal, t1, t2, t3, DEFAULT_RESET);
    }

    /** T.87 C.2.4.1.1.1 CLAMP(i, j, MAXVAL). */
    private static int clamp(int i, int j, int maxVal) {
        return (i > maxVal || i < j) ? j : i;
    }

    /**
     * Resolves the values of an LSE preset segment (zero means default) against P and NEAR.
     *
     * @return the parameters, or null when a value lies outside the range T.87 C.2.4.1.1 allows
     */
    static JlsParams resolve(int precision, int near, int maxVal, int t1, int t2, int t3, int reset) {
        int fullMax = (1 << precision) - 1;
        int mv = maxVal == 0 ? fullMax : maxVal;
        if (mv < 1 || mv > fullMax || mv < 2 * near) {
            return null;
        }
        JlsParams d = defaults(mv, near);
        int r1 = t1 == 0 ? d.t1 : t1;
        int r2 = t2 == 0 ? d.t2 : t2;
        int r3 = t3 == 0 ? d.t3 : t3;
        int rr = reset == 0 ? DEFAULT_RESET : reset;
        if (r1 < near + 1 || r1 > mv || r2 < r1 || r2 > mv || r3 < r2 || r3 > mv
                || rr < 3 || rr > Math.max(255, mv)) {
            return null;
        }
        return new JlsParams(mv, r1, r2, r3, rr);
    }
}
