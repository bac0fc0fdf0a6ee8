// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The computed gradient quantisation of the 8-bit component-line pass
 * ({@code ScanDecoder.contextRowsVector}) against T.87 A.3.3's comparisons, written here
 * independently: every valid threshold set (NEAR 0, MAXVAL 255) takes the computed path with
 * T1 - 1, T2 - 1, T3 - 1, and a table it cannot compute is refused (the table pass decodes it);
 * the computed passes (component line and pixel line) give the table passes' entries on random
 * lines.
 * The decodes themselves are compared with CharLS in the preset and generated-stream tests.
 */
class JpegLsVectorPassTest {

    private static byte[] table(int t1, int t2, int t3) {
        byte[] t = new byte[511];
        for (int d = -255; d <= 255; d++) {
            int q;
            if (d <= -t3) {
                q = -4;
            } else if (d <= -t2) {
                q = -3;
            } else if (d <= -t1) {
                q = -2;
            } else if (d < 0) {
                q = -1;
            } else if (d == 0) {
                q = 0;
            } else if (d < t1) {
                q = 1;
            } else if (d < t2) {
                q = 2;
            } else if (d < t3) {
                q = 3;
            } else {
                q = 4;
            }
            t[d + 255] = (byte) q;
        }
        return t;
    }

    @Property(tries = 500)
    void everyValidThresholdSetIsComputed(@ForAll @IntRange(min = 1, max = 255) int a,
                                          @ForAll @IntRange(min = 1, max = 255) int b,
                                          @ForAll @IntRange(min = 1, max = 255) int c) {
        int[] s = sorted(a, b, c);
        int[] t = ScanDecoder.arithmeticThresholds(table(s[0], s[1], s[2]), 255);
        assertNotNull(t, s[0] + " " + s[1] + " " + s[2]);
        assertArrayEquals(new int[] {s[0] - 1, s[1] - 1, s[2] - 1}, t);
    }

    @Property(tries = 300)
    void theComputedPassesGiveTheTablePassesEntries(@ForAll @IntRange(min = 1, max = 255) int a,
                                                    @ForAll @IntRange(min = 1, max = 255) int b,
                                                    @ForAll @IntRange(min = 1, max = 255) int c,
                                                    @ForAll @IntRange(min = 1, max = 700) int w,
                                                    @ForAll long seed) {
        int[] s = sorted(a, b, c);
        byte[] qt = table(s[0], s[1], s[2]);
        int[] t = ScanDecoder.arithmeticThresholds(qt, 255);
        int[] rows = ScanDecoder.gradientRows(qt, 255);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);

        // a component line as decodeLine() hands it over: samples 0 .. w + 1, edges included
        // (and the last int, which the passes do not read)
        int[] line = randomLine(w + 3, s[2], r);
        int[] expected = new int[w + 2];
        ScanDecoder.contextRows(line.clone(), expected, rows, w, 255);
        int[] actual = new int[w + 2];
        ScanDecoder.contextRowsVector(line.clone(), actual, w, new int[w + 2], new int[w + 2], new int[w + 2],
                new int[w + 2], t);
        assertArrayEquals(expected, actual);

        // a sample-interleaved previous line of three components, edge pixels included
        int n = 3 * (w + 2);
        int[] pixels = randomLine(n, s[2], r);
        int[] expected3 = new int[n];
        ScanDecoder.contextRows3(pixels.clone(), expected3, rows, w, 255);
        int[] actual3 = new int[n];
        ScanDecoder.contextRows3Vector(pixels.clone(), actual3, w, new int[n], new int[n], new int[n], t);
        assertArrayEquals(expected3, actual3);
    }

    /** T1 &lt;= T2 &lt;= T3 from three values in any order. */
    private static int[] sorted(int a, int b, int c) {
        int t1 = Math.min(a, Math.min(b, c));
        int t3 = Math.max(a, Math.max(b, c));
        return new int[] {t1, a + b + c - t1 - t3, t3};
    }

    /** Smooth stretches and jumps of every size, so that every gradient band is met. */
    private static int[] randomLine(int n, int t3, java.util.SplittableRandom r) {
        int[] line = new int[n];
        int v = r.nextInt(256);
        for (int x = 0; x < n; x++) {
            v = r.nextInt(4) == 0 ? r.nextInt(256) : Math.min(255, Math.max(0, v + r.nextInt(-t3 - 1, t3 + 2)));
            line[x] = v;
        }
        return line;
    }

    @Test
    void defaultAndEdgeThresholds() {
        int[][] sets = {{3, 7, 21}, {1, 1, 1}, {255, 255, 255}, {1, 2, 3}, {2, 2, 255}};
        for (int[] s : sets) {
            assertArrayEquals(new int[] {s[0] - 1, s[1] - 1, s[2] - 1},
                    ScanDecoder.arithmeticThresholds(table(s[0], s[1], s[2]), 255));
        }
    }

    @Test
    void aTableTheFormulaCannotGiveIsRefused() {
        byte[] t = table(3, 7, 21);
        t[255 + 5] = 1; // not monotone: 5 lies between T1 and T2
        assertNull(ScanDecoder.arithmeticThresholds(t, 255));
        byte[] u = table(3, 7, 21);
        u[255 - 4] = -1; // asymmetric
        assertNull(ScanDecoder.arithmeticThresholds(u, 255));
    }
}
