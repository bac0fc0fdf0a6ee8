// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import dev.aperture.imaging.UnsupportedDataException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One lossless scan (T.81 Annex H): Huffman-coded differences from one of seven predictors,
 * reconstructed modulo 2^16 and shifted left by the point transform, written straight into the
 * destination (interleaved per pixel).
 *
 * <p>Each row is done in two passes: first the differences of the whole row are decoded by one
 * tight loop over a lookup table that resolves code and extra bits together, then the predictor
 * reconstructs the samples. One instance per scan, used by one thread; rows are allocated once
 * per scan.
 */
final class LosslessScan {
    /** Bits resolved by one lookup: most code plus extra-bit pairs of real images fit. */
    private static final int FAST = 12;
    private static final int FAST_MASK = (1 << FAST) - 1;
    private static final VarHandle BE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final JpegReader r;
    private final int[] sc;
    private final HuffmanDecodeTable[] tables;
    private final int[][] fast;
    private final int predictor;
    private final int pt;

    LosslessScan(JpegReader r, int[] sc, int[] td, int predictor, int pt) {
        this.r = r;
        this.sc = sc;
        this.tables = new HuffmanDecodeTable[sc.length];
        this.fast = new int[sc.length][];
        for (int i = 0; i < sc.length; i++) {
            tables[i] = r.dcTable(td[i]);
            int same = -1;
            for (int j = 0; j < i; j++) {
                if (td[j] == td[i]) {
                    same = j;
                }
            }
            fast[i] = same >= 0 ? fast[same] : fastTable(tables[i]);
        }
        this.predictor = predictor;
        this.pt = pt;
    }

    /**
     * Builds the combined table: for each FAST-bit prefix that holds a whole code and its extra
     * bits, {@code (difference << 8) | bitsUsed}; 0 where the slow path must decide.
     * bitsUsed is 1..FAST, so a valid entry is never 0.
     */
    private static int[] fastTable(HuffmanDecodeTable t) {
        int[] f = new int[1 << FAST];
        for (int prefix = 0; prefix < (1 << HuffmanDecodeTable.LOOKAHEAD); prefix++) {
            int e = t.lookup[prefix];
            if (e == 0) {
                continue;
            }
            int len = e & 0xFF;
            int s = e >>> 8;
            if ((prefix & ((1 << (HuffmanDecodeTable.LOOKAHEAD - len)) - 1)) != 0) {
                continue; // visit each code once, at its first prefix
            }
            int code = prefix >> (HuffmanDecodeTable.LOOKAHEAD - len);
            int total;
            if (s == 0 || s == 16) {
                total = len;
            } else if (s < 16) {
                total = len + s;
            } else {
                continue; // invalid category: leave to the slow path, which rejects it
            }
            if (total > FAST) {
                continue;
            }
            int extraCount = (s == 0 || s == 16) ? 1 : 1 << s;
            for (int v = 0; v < extraCount; v++) {
                int diff = s == 0 ? 0 : s == 16 ? 32768 : JpegReader.extend(v, s);
                int head = ((code << (s == 0 || s == 16 ? 0 : s)) | v) << (FAST - total);
                int entry = (diff << 8) | total;
                for (int j = 0; j < (1 << (FAST - total)); j++) {
                    f[head | j] = entry;
                }
            }
        }
        return f;
    }

    void decode() {
        int width = r.width();
        int lines = r.lines();
        int nc = r.components();
        int ns = sc.length;
        int restart = r.restartInterval();
        // In a lossless scan an MCU is one sample of each scan component (H.1.1); we accept restart
        // intervals that are whole rows, which is what encoders write.
        if (restart > 0 && restart % width != 0) {
            throw new UnsupportedDataException("lossless restart interval that is not whole rows");
        }
        int rowsPerInterval = restart == 0 ? Integer.MAX_VALUE : restart / width;
        int[][] prev = new int[ns][width];
        int[][] cur = new int[ns][width];
        int[] diffs = new int[width * ns];
        int initial = 1 << (r.precision() - pt - 1);
        byte[] ob = r.dstBytes();
        short[] os = r.dstShorts();
        int dstOff = r.dstOff();
        int rowsLeft = rowsPerInterval;
        boolean firstRow = true;
        for (int y = 0; y < lines; y++) {
            if (rowsLeft == 0) {
                r.restart();
                rowsLeft = rowsPerInterval;
                firstRow = true;
            }
            rowsLeft--;
            decodeDiffs(diffs, width * ns);
            for (int i = 0; i < ns; i++) {
                int[] t = prev[i];
                prev[i] = cur[i];
                cur[i] = t;
                reconstruct(diffs, i, ns, cur[i], prev[i], width, firstRow, initial);
            }
            firstRow = false;
            for (int i = 0; i < ns; i++) {
                int[] row = cur[i];
                int o = dstOff + y * width * nc + sc[i];
                int s = pt;
                if (ob != null) {
                    for (int x = 0; x < width; x++, o += nc) {
                        ob[o] = (byte) (row[x] << s);
                    }
                } else if (nc == 1) {
                    for (int x = 0; x < width; x++) {
                        os[o + x] = (short) (row[x] << s);
                    }
                } else {
                    for (int x = 0; x < width; x++, o += nc) {
                        os[o] = (short) (row[x] << s);
                    }
                }
            }
            r.checkFill();
        }
    }

    /**
     * Decodes {@code count} differences (H.1.2.2; category 16 is 32768 with no extra bits),
     * cycling through the scan's components. Keeps the bit buffer in locals; takes 8 bytes at a
     * time when none of them is 0xFF (so no stuffing or marker can be among them).
     */
    private void decodeDiffs(int[] diffs, int count) {
        final byte[] b = r.buf();
        final int e = r.end();
        final int ns = sc.length;
        long a = r.acc();
        int n = r.nbits();
        int p = r.pos();
        int ci = 0;
        int[] f = fast[0];
        for (int x = 0; x < count; x++) {
            if (ns > 1) {
                f = fast[ci];
            }
            if (n < 32) {
                // Room for k whole bytes: n + 8k <= 63 and, with n < 32, k >= 4.
                int k = (63 - n) >> 3;
                long w;
                if (p <= e - 8 && !hasFF(w = (long) BE_LONG.get(b, p))) {
                    a = (a << (k << 3)) | (w >>> (64 - (k << 3)));
                    n += k << 3;
                    p += k;
                } else {
                    r.setBits(a, n, p);
                    r.fill();
                    a = r.acc();
                    n = r.nbits();
                    p = r.pos();
                }
            }
            int entry = f[(int) (a >>> (n - FAST)) & FAST_MASK];
            if (entry != 0) {
                n -= entry & 0xFF;
                diffs[x] = entry >> 8;
            } else {
                // Code or code plus extra bits longer than FAST: the 9-bit code lookup, then the
                // extra bits (at most 16 + 15 bits, and n >= 32 here).
                int e2 = tables[ci].lookup[(int) (a >>> (n - HuffmanDecodeTable.LOOKAHEAD))
                        & ((1 << HuffmanDecodeTable.LOOKAHEAD) - 1)];
                int s;
                if (e2 != 0) {
                    n -= e2 & 0xFF;
                    s = e2 >>> 8;
                } else {
                    r.setBits(a, n, p);
                    s = r.decodeSymbol(tables[ci]);
                    n = r.nbits();
                }
                if (s == 0) {
                    diffs[x] = 0;
                } else if (s < 16) {
                    n -= s;
                    int v = (int) (a >>> n) & ((1 << s) - 1);
                    diffs[x] = v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
                } else if (s == 16) {
                    diffs[x] = 32768;
                } else {
                    r.setBits(a, n, p);
                    throw r.badData("bad lossless difference category");
                }
            }
            if (ns > 1 && ++ci == ns) {
                ci = 0;
            }
        }
        r.setBits(a, n, p);
    }

    /** True if any byte of w is 0xFF (SWAR zero-byte test on ~w). */
    private static boolean hasFF(long w) {
        return ((~w - 0x0101010101010101L) & w & 0x8080808080808080L) != 0;
    }

    /**
     * Reconstructs one row of one component from its differences (every ns-th from i):
     * predictions of Table H.1, the first row and the first column as H.1.2.1 says, arithmetic
     * modulo 2^16.
     */
    private void reconstruct(int[] d, int i, int ns, int[] cur, int[] prev, int width, boolean firstRow, int initial) {
        if (firstRow) {
            int ra = (initial + d[i]) & 0xFFFF;
            cur[0] = ra;
            for (int x = 1, k = i + ns; x < width; x++, k += ns) {
                ra = (ra + d[k]) & 0xFFFF;
                cur[x] = ra;
            }
            return;
        }
        int ra = (prev[0] + d[i]) & 0xFFFF;
        cur[0] = ra;
        int k = i + ns;
        switch (predictor) {
            case 1 -> {
                for (int x = 1; x < width; x++, k += ns) {
                    ra = (ra + d[k]) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            case 2 -> {
                for (int x = 1; x < width; x++, k += ns) {
                    cur[x] = (prev[x] + d[k]) & 0xFFFF;
                }
            }
            case 3 -> {
                for (int x = 1; x < width; x++, k += ns) {
                    cur[x] = (prev[x - 1] + d[k]) & 0xFFFF;
                }
            }
            case 4 -> {
                for (int x = 1; x < width; x++, k += ns) {
                    ra = (ra + prev[x] - prev[x - 1] + d[k]) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            case 5 -> {
                for (int x = 1; x < width; x++, k += ns) {
                    ra = (ra + ((prev[x] - prev[x - 1]) >> 1) + d[k]) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            case 6 -> {
                for (int x = 1; x < width; x++, k += ns) {
                    ra = (prev[x] + ((ra - prev[x - 1]) >> 1) + d[k]) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            default -> {
                for (int x = 1; x < width; x++, k += ns) {
                    ra = (((ra + prev[x]) >> 1) + d[k]) & 0xFFFF;
                    cur[x] = ra;
                }
            }
        }
    }
}
