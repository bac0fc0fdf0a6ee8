// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.UnsupportedDataException;

/**
 * Baseline sequential DCT encoder (T.81 process 1, 8-bit): IJG-style quality scaling of the
 * Annex K example quantisation tables, Huffman tables optimised for the frame (Annex K.2).
 * RGB input is converted to YCbCr (JFIF equations) with the chrominance subsampled 2:1
 * horizontally and reported as YBR_FULL_422, as PS3.5 8.2.1 describes; YBR_FULL input is coded
 * as it is at 4:4:4; monochrome as one component.
 *
 * <p>Stateless and thread-safe.
 */
final class BaselineEncoder implements FrameEncoder {

    /** Table K.1, natural order. */
    private static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    };
    /** Table K.2, natural order. */
    private static final int[] CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    };
    /** COS[x * 8 + u] = C(u)/2 * cos((2x + 1) u pi / 16), the 1-D orthonormal DCT-II basis. */
    private static final double[] COS = new double[64];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double cu = u == 0 ? Math.sqrt(0.5) : 1.0;
                COS[x * 8 + u] = cu / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private final int restartMcus;
    private final boolean standardTables;

    /**
     * @param restartMcus    MCUs per restart interval, 0 for none (tests use it to exercise RSTn)
     * @param standardTables true to write the Annex K.3 example Huffman tables instead of
     *                       optimised ones
     */
    BaselineEncoder(int restartMcus, boolean standardTables) {
        this(restartMcus, standardTables, false);
    }

    private final boolean separateScans;

    /**
     * @param restartMcus    MCUs per restart interval, 0 for none
     * @param standardTables true to write the Annex K.3 example Huffman tables
     * @param separateScans  true to write one non-interleaved scan per component (T.81 A.2.2;
     *                       tests use it to exercise multi-scan decoding); implies the
     *                       standard tables, since statistics are gathered in interleaved order
     */
    BaselineEncoder(int restartMcus, boolean standardTables, boolean separateScans) {
        this.restartMcus = restartMcus;
        this.standardTables = standardTables || separateScans;
        this.separateScans = separateScans;
    }

    /** IJG quality scaling (libjpeg jcparam.c semantics): 50 gives the Annex K tables. */
    static int[] scaledTable(int[] base, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] q = new int[64];
        for (int i = 0; i < 64; i++) {
            int v = (base[i] * scale + 50) / 100;
            q[i] = Math.max(1, Math.min(255, v));
        }
        return q;
    }

    @Override
    public EncodedFrame encode(Samples src, ImageDescriptor image, EncodeOptions options) {
        if (image.bitsAllocated() != 8 || image.bitsStored() != 8 || image.signed()) {
            throw new UnsupportedDataException("baseline JPEG encodes unsigned 8-bit samples only");
        }
        Photometric photometric = image.photometric();
        int spp = image.samplesPerPixel();
        boolean rgb = photometric == Photometric.RGB;
        if (!(spp == 1 && photometric.isMonochrome())
                && !(spp == 3 && (rgb || photometric == Photometric.YBR_FULL))) {
            throw new UnsupportedDataException("baseline JPEG encodes MONOCHROME1/2, RGB or YBR_FULL only");
        }
        if (!(src instanceof ByteSamples b)) {
            throw new IllegalArgumentException("8-bit samples need ByteSamples");
        }
        int n = image.samplesPerFrame();
        if (src.length() < n) {
            throw new IllegalArgumentException("source holds " + src.length() + " samples, frame has " + n);
        }
        int width = image.columns();
        int rows = image.rows();
        int hMax = rgb ? 2 : 1;
        int mcusX = (width + 8 * hMax - 1) / (8 * hMax);
        int mcusY = (rows + 7) / 8;
        int[] compH = new int[spp];
        for (int c = 0; c < spp; c++) {
            compH[c] = c == 0 ? hMax : 1;
        }

        // Component planes, padded to whole MCUs by replicating the last column and row.
        int[][] planes = new int[spp][];
        int[] pw = new int[spp];
        int ph = mcusY * 8;
        byte[] in = b.array();
        int off = b.offset();
        for (int c = 0; c < spp; c++) {
            pw[c] = mcusX * compH[c] * 8;
            planes[c] = new int[pw[c] * ph];
        }
        int fullW = mcusX * hMax * 8;
        int[] yPlane = rgb ? new int[fullW * ph] : null;
        int[] cbFull = rgb ? new int[fullW * ph] : null;
        int[] crFull = rgb ? new int[fullW * ph] : null;
        for (int y = 0; y < ph; y++) {
            int sy = Math.min(y, rows - 1);
            for (int x = 0; x < fullW; x++) {
                int sx = Math.min(x, width - 1);
                int i = off + (sy * width + sx) * spp;
                if (rgb) {
                    int r = in[i] & 0xFF;
                    int g = in[i + 1] & 0xFF;
                    int bl = in[i + 2] & 0xFF;
                    // JFIF (T.871 section 7)
                    yPlane[y * fullW + x] = clamp((int) Math.round(0.299 * r + 0.587 * g + 0.114 * bl));
                    cbFull[y * fullW + x] = clamp((int) Math.round(-0.168736 * r - 0.331264 * g + 0.5 * bl + 128));
                    crFull[y * fullW + x] = clamp((int) Math.round(0.5 * r - 0.418688 * g - 0.081312 * bl + 128));
                } else if (x < pw[0]) {
                    for (int c = 0; c < spp; c++) {
                        planes[c][y * pw[c] + x] = in[i + c] & 0xFF;
                    }
                }
            }
        }
        if (rgb) {
            planes[0] = yPlane;
            // 2:1 horizontal averaging with alternating rounding bias (as libjpeg's h2v1 downsampler)
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw[1]; x++) {
                    int bias = x & 1;
                    int j = y * fullW + 2 * x;
                    planes[1][y * pw[1] + x] = (cbFull[j] + cbFull[j + 1] + bias) >> 1;
                    planes[2][y * pw[2] + x] = (crFull[j] + crFull[j + 1] + bias) >> 1;
                }
            }
        }

        int quality = options.quality();
        int[][] q = {scaledTable(LUMA, quality), scaledTable(CHROMA, quality)};
        int[] tq = new int[spp];
        for (int c = 1; c < spp; c++) {
            tq[c] = 1;
        }

        // Pass 1: transform and quantise every block (zig-zag order), gather symbol statistics.
        int blocksPerMcu = 0;
        for (int c = 0; c < spp; c++) {
            blocksPerMcu += compH[c];
        }
        int mcus = mcusX * mcusY;
        short[] coefs = new short[mcus * blocksPerMcu * 64];
        long[][] dcFreq = new long[2][256];
        long[][] acFreq = new long[2][256];
        double[] blk = new double[64];
        double[] tmp = new double[64];
        int[] pred = new int[spp];
        int k = 0;
        int toRestart = restartMcus;
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                if (restartMcus > 0) {
                    if (toRestart == 0) {
                        java.util.Arrays.fill(pred, 0);
                        toRestart = restartMcus;
                    }
                    toRestart--;
                }
                for (int c = 0; c < spp; c++) {
                    for (int h = 0; h < compH[c]; h++) {
                        int x0 = (mx * compH[c] + h) * 8;
                        int y0 = my * 8;
                        forward(planes[c], pw[c], x0, y0, blk, tmp);
                        int[] qt = q[tq[c]];
                        for (int z = 0; z < 64; z++) {
                            int nat = JpegMarkers.ZIGZAG[z];
                            coefs[k + z] = (short) Math.round(blk[nat] / qt[nat]);
                        }
                        int t = tq[c];
                        int dc = coefs[k];
                        dcFreq[t][LosslessEncoder.category(dc - pred[c])]++;
                        pred[c] = dc;
                        int run = 0;
                        for (int z = 1; z < 64; z++) {
                            int v = coefs[k + z];
                            if (v == 0) {
                                run++;
                                continue;
                            }
                            while (run > 15) {
                                acFreq[t][0xF0]++;
                                run -= 16;
                            }
                            acFreq[t][(run << 4) | LosslessEncoder.category(v)]++;
                            run = 0;
                        }
                        if (run > 0) {
                            acFreq[t][0]++;
                        }
                        k += 64;
                    }
                }
            }
        }
        int nTables = spp == 1 ? 1 : 2;
        HuffmanEncodeTable[] dcT = new HuffmanEncodeTable[nTables];
        HuffmanEncodeTable[] acT = new HuffmanEncodeTable[nTables];
        HuffmanEncodeTable[] std = standardTables ? StandardHuffmanTables.forEncoding() : null;
        for (int t = 0; t < nTables; t++) {
            dcT[t] = standardTables ? std[2 * t] : new HuffmanEncodeTable(dcFreq[t]);
            acT[t] = standardTables ? std[2 * t + 1] : new HuffmanEncodeTable(acFreq[t]);
        }

        // Pass 2: the codestream.
        BitWriter w = new BitWriter(n / 4 + 2048);
        w.marker(JpegMarkers.SOI);
        for (int t = 0; t < nTables; t++) {
            w.marker(JpegMarkers.DQT);
            w.u16(2 + 65);
            w.u8(t);
            for (int z = 0; z < 64; z++) {
                w.u8(q[t][JpegMarkers.ZIGZAG[z]]);
            }
        }
        w.marker(JpegMarkers.SOF0);
        w.u16(8 + 3 * spp);
        w.u8(8);
        w.u16(rows);
        w.u16(width);
        w.u8(spp);
        for (int c = 0; c < spp; c++) {
            w.u8(c + 1);
            w.u8((compH[c] << 4) | 1);
            w.u8(tq[c]);
        }
        for (int t = 0; t < nTables; t++) {
            w.marker(JpegMarkers.DHT);
            w.u16(2 + 17 + dcT[t].symbols.length + 17 + acT[t].symbols.length);
            w.huffmanTable(t, dcT[t]);
            w.huffmanTable(0x10 | t, acT[t]);
        }
        if (restartMcus > 0) {
            w.marker(JpegMarkers.DRI);
            w.u16(4);
            w.u16(restartMcus);
        }
        if (separateScans) {
            int[] firstBlock = new int[spp];
            for (int c = 1; c < spp; c++) {
                firstBlock[c] = firstBlock[c - 1] + compH[c - 1];
            }
            for (int c = 0; c < spp; c++) {
                w.marker(JpegMarkers.SOS);
                w.u16(8);
                w.u8(1);
                w.u8(c + 1);
                w.u8((tq[c] << 4) | tq[c]);
                w.u8(0);
                w.u8(63);
                w.u8(0);
                // A.2.2: blocks of this component only, in raster order over its own size.
                int compW = (width * compH[c] + hMax - 1) / hMax;
                int bw = (compW + 7) / 8;
                int bh = (rows + 7) / 8;
                int prevDc = 0;
                int left = restartMcus;
                int rst = 0;
                for (int by = 0; by < bh; by++) {
                    for (int bx = 0; bx < bw; bx++) {
                        if (restartMcus > 0) {
                            if (left == 0) {
                                w.flushBits();
                                w.marker(JpegMarkers.RST0 + (rst++ & 7));
                                prevDc = 0;
                                left = restartMcus;
                            }
                            left--;
                        }
                        int mx = bx / compH[c];
                        int at = ((by * mcusX + mx) * blocksPerMcu + firstBlock[c] + bx % compH[c]) * 64;
                        prevDc = encodeBlock(w, coefs, at, prevDc, dcT[tq[c]], acT[tq[c]]);
                    }
                }
                w.flushBits();
            }
            w.marker(JpegMarkers.EOI);
            Photometric outP = rgb ? Photometric.YBR_FULL_422 : photometric;
            return new EncodedFrame(w.toArray(), outP, true);
        }
        w.marker(JpegMarkers.SOS);
        w.u16(6 + 2 * spp);
        w.u8(spp);
        for (int c = 0; c < spp; c++) {
            w.u8(c + 1);
            w.u8((tq[c] << 4) | tq[c]);
        }
        w.u8(0);
        w.u8(63);
        w.u8(0);
        java.util.Arrays.fill(pred, 0);
        k = 0;
        toRestart = restartMcus;
        int rst = 0;
        for (int m = 0; m < mcus; m++) {
            if (restartMcus > 0) {
                if (toRestart == 0) {
                    w.flushBits();
                    w.marker(JpegMarkers.RST0 + (rst++ & 7));
                    java.util.Arrays.fill(pred, 0);
                    toRestart = restartMcus;
                }
                toRestart--;
            }
            for (int c = 0; c < spp; c++) {
                HuffmanEncodeTable dc = dcT[tq[c]];
                HuffmanEncodeTable ac = acT[tq[c]];
                for (int h = 0; h < compH[c]; h++) {
                    int d = coefs[k] - pred[c];
                    pred[c] = coefs[k];
                    int s = LosslessEncoder.category(d);
                    w.bits(dc.code[s], dc.size[s]);
                    if (s != 0) {
                        w.bits(d < 0 ? d - 1 : d, s);
                    }
                    int run = 0;
                    for (int z = 1; z < 64; z++) {
                        int v = coefs[k + z];
                        if (v == 0) {
                            run++;
                            continue;
                        }
                        while (run > 15) {
                            w.bits(ac.code[0xF0], ac.size[0xF0]);
                            run -= 16;
                        }
                        s = LosslessEncoder.category(v);
                        int sym = (run << 4) | s;
                        w.bits(ac.code[sym], ac.size[sym]);
                        w.bits(v < 0 ? v - 1 : v, s);
                        run = 0;
                    }
                    if (run > 0) {
                        w.bits(ac.code[0], ac.size[0]);
                    }
                    k += 64;
                }
            }
        }
        w.flushBits();
        w.marker(JpegMarkers.EOI);
        Photometric out = rgb ? Photometric.YBR_FULL_422 : photometric;
        return new EncodedFrame(w.toArray(), out, true);
    }

    /** Writes one quantised block (zig-zag order at {@code at}); returns its DC for prediction. */
    private static int encodeBlock(BitWriter w, short[] coefs, int at, int pred, HuffmanEncodeTable dc,
                                   HuffmanEncodeTable ac) {
        int d = coefs[at] - pred;
        int s = LosslessEncoder.category(d);
        w.bits(dc.code[s], dc.size[s]);
        if (s != 0) {
            w.bits(d < 0 ? d - 1 : d, s);
        }
        int run = 0;
        for (int z = 1; z < 64; z++) {
            int v = coefs[at + z];
            if (v == 0) {
                run++;
                continue;
            }
            while (run > 15) {
                w.bits(ac.code[0xF0], ac.size[0xF0]);
                run -= 16;
            }
            s = LosslessEncoder.category(v);
            int sym = (run << 4) | s;
            w.bits(ac.code[sym], ac.size[sym]);
            w.bits(v < 0 ? v - 1 : v, s);
            run = 0;
        }
        if (run > 0) {
            w.bits(ac.code[0], ac.size[0]);
        }
        return coefs[at];
    }

    /** Level-shifted separable forward DCT (T.81 A.3.3) of one 8x8 block into blk (natural order). */
    private static void forward(int[] plane, int stride, int x0, int y0, double[] blk, double[] tmp) {
        for (int y = 0; y < 8; y++) {
            int o = (y0 + y) * stride + x0;
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int x = 0; x < 8; x++) {
                    s += (plane[o + x] - 128) * COS[x * 8 + u];
                }
                tmp[y * 8 + u] = s;
            }
        }
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                double s = 0;
                for (int y = 0; y < 8; y++) {
                    s += tmp[y * 8 + u] * COS[y * 8 + v];
                }
                blk[v * 8 + u] = s;
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }
}
