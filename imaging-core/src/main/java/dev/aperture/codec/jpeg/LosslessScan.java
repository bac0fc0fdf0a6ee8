// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import dev.aperture.imaging.UnsupportedDataException;

/**
 * One lossless scan (T.81 Annex H): Huffman-coded differences from one of seven predictors,
 * reconstructed modulo 2^16 and shifted left by the point transform, written straight into the
 * destination (interleaved per pixel).
 *
 * <p>One instance per scan, used by one thread; two rows of reconstructed values per
 * component are allocated once per scan.
 */
final class LosslessScan {
    private final JpegReader r;
    private final int[] sc;
    private final HuffmanDecodeTable[] tables;
    private final int predictor;
    private final int pt;

    LosslessScan(JpegReader r, int[] sc, int[] td, int predictor, int pt) {
        this.r = r;
        this.sc = sc;
        this.tables = new HuffmanDecodeTable[sc.length];
        for (int i = 0; i < sc.length; i++) {
            tables[i] = r.dcTable(td[i]);
        }
        this.predictor = predictor;
        this.pt = pt;
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
            for (int i = 0; i < ns; i++) {
                int[] t = prev[i];
                prev[i] = cur[i];
                cur[i] = t;
            }
            if (ns == 1) {
                decodeRow(tables[0], cur[0], prev[0], width, firstRow, initial);
            } else {
                decodeRowInterleaved(cur, prev, width, firstRow, initial);
            }
            firstRow = false;
            // write out
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

    /** Decodes one difference (H.1.2.2, Table H.2: category 16 means 32768 with no extra bits). */
    private int diff(HuffmanDecodeTable t) {
        if (r.nbits() < 32) {
            r.fill();
        }
        int s = r.decodeSymbol(t);
        if (s == 0) {
            return 0;
        }
        if (s >= 16) {
            if (s == 16) {
                return 32768;
            }
            throw r.badData("bad lossless difference category");
        }
        return JpegReader.extend(r.bits(s), s);
    }

    /** One row of one component: predictions from Table H.1, arithmetic modulo 2^16. */
    private void decodeRow(HuffmanDecodeTable t, int[] cur, int[] prev, int width, boolean firstRow, int initial) {
        if (firstRow) {
            int ra = (initial + diff(t)) & 0xFFFF;
            cur[0] = ra;
            for (int x = 1; x < width; x++) {
                ra = (ra + diff(t)) & 0xFFFF;
                cur[x] = ra;
            }
            return;
        }
        int ra = (prev[0] + diff(t)) & 0xFFFF;
        cur[0] = ra;
        switch (predictor) {
            case 1 -> {
                for (int x = 1; x < width; x++) {
                    ra = (ra + diff(t)) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            case 2 -> {
                for (int x = 1; x < width; x++) {
                    cur[x] = (prev[x] + diff(t)) & 0xFFFF;
                }
            }
            case 3 -> {
                for (int x = 1; x < width; x++) {
                    cur[x] = (prev[x - 1] + diff(t)) & 0xFFFF;
                }
            }
            case 4 -> {
                for (int x = 1; x < width; x++) {
                    ra = (ra + prev[x] - prev[x - 1] + diff(t)) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            case 5 -> {
                for (int x = 1; x < width; x++) {
                    ra = (ra + ((prev[x] - prev[x - 1]) >> 1) + diff(t)) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            case 6 -> {
                for (int x = 1; x < width; x++) {
                    ra = (prev[x] + ((ra - prev[x - 1]) >> 1) + diff(t)) & 0xFFFF;
                    cur[x] = ra;
                }
            }
            default -> {
                for (int x = 1; x < width; x++) {
                    ra = (((ra + prev[x]) >> 1) + diff(t)) & 0xFFFF;
                    cur[x] = ra;
                }
            }
        }
    }

    private void decodeRowInterleaved(int[][] cur, int[][] prev, int width, boolean firstRow, int initial) {
        int ns = sc.length;
        for (int x = 0; x < width; x++) {
            for (int i = 0; i < ns; i++) {
                int[] c = cur[i];
                int[] p = prev[i];
                int px;
                if (firstRow) {
                    px = x == 0 ? initial : c[x - 1];
                } else if (x == 0) {
                    px = p[0];
                } else {
                    px = predict(c[x - 1], p[x], p[x - 1]);
                }
                c[x] = (px + diff(tables[i])) & 0xFFFF;
            }
        }
    }

    private int predict(int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }
}
