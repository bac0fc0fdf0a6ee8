// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The branch-free primitives of {@link JlsCoder} against the literal code of T.87. */
class JlsCoderTest {

    /** T.87 A.4.1 (Code segment A.5) as written. */
    private static int predictAsWritten(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) {
            return Math.min(ra, rb);
        }
        if (rc <= Math.min(ra, rb)) {
            return Math.max(ra, rb);
        }
        return ra + rb - rc;
    }

    @Test
    void medianPredictorEqualsTheStandardsCases() {
        int[] v = {0, 1, 2, 3, 7, 100, 4095, 4096, 65534, 65535};
        for (int ra : v) {
            for (int rb : v) {
                for (int rc : v) {
                    assertEquals(predictAsWritten(ra, rb, rc), JlsCoder.predict(ra, rb, rc));
                }
            }
        }
        for (int ra = 0; ra < 24; ra++) {
            for (int rb = 0; rb < 24; rb++) {
                for (int rc = 0; rc < 24; rc++) {
                    assertEquals(predictAsWritten(ra, rb, rc), JlsCoder.predict(ra, rb, rc));
                }
            }
        }
    }

    @Test
    void golombParameterEqualsTheStandardsLoop() {
        // T.87 A.5.1, Code segment A.10: for (k = 0; (N << k) < A; k++)
        for (int n = 1; n <= 256; n++) {
            for (int a = 1; a < 1 << 22; a += 1 + a / 97) {
                int k = 0;
                while (((long) n << k) < a) {
                    k++;
                }
                assertEquals(k, JlsCoder.golomb(n, a));
            }
        }
    }
}
