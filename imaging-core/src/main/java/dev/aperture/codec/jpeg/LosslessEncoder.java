// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;

/**
 * Lossless JPEG encoder (T.81 Annex H, process 14): one interleaved scan, any of the seven
 * predictors and a point transform, with Huffman tables optimised for the frame (Annex K.2),
 * one per component. 2..16 bits, 1 or 3 components, no colour transform.
 *
 * <p>Signed samples are coded as their two's-complement bit patterns at the full Bits Allocated
 * precision (differences are taken modulo 2^16, so crossing zero costs nothing); unsigned ones at
 * Bits Stored precision.
 *
 * <p>Restart intervals: {@link EncodeOptions#restartInterval()} MCUs (here: pixels) per interval,
 * which must be a whole number of rows (a multiple of Columns), as libjpeg's lossless codec
 * requires; each interval starts with the first-line prediction (H.1.2.1). Stateless and
 * thread-safe.
 */
final class LosslessEncoder implements FrameEncoder {

    private final boolean sv1Only;
    private final int forcedRestartRows;

    /**
     * @param sv1Only     true for the SV1 transfer syntax (predictor 1 whatever the options say)
     * @param restartRows rows per restart interval whatever the options say, 0 to take
     *                    {@link EncodeOptions#restartInterval()} (tests use it to exercise RSTn)
     */
    LosslessEncoder(boolean sv1Only, int restartRows) {
        this.sv1Only = sv1Only;
        this.forcedRestartRows = restartRows;
    }

    @Override
    public EncodedFrame encode(Samples src, ImageDescriptor image, EncodeOptions options) {
        int spp = image.samplesPerPixel();
        if (spp != 1 && spp != 3) {
            throw new UnsupportedDataException("lossless JPEG encoding of other than 1 or 3 samples per pixel");
        }
        if (image.bitsAllocated() != 8 && image.bitsAllocated() != 16) {
            throw new UnsupportedDataException("lossless JPEG encoding of Bits Allocated other than 8 or 16");
        }
        int n = image.samplesPerFrame();
        if (src.length() < n) {
            throw new IllegalArgumentException("source holds " + src.length() + " samples, frame has " + n);
        }
        if (image.bitsAllocated() == 8 ? !(src instanceof ByteSamples) : !(src instanceof ShortSamples)) {
            throw new IllegalArgumentException("samples type does not match Bits Allocated");
        }
        int precision = image.signed() ? image.bitsAllocated() : Math.max(2, image.bitsStored());
        int predictor = sv1Only ? 1 : options.predictor();
        int pt = options.pointTransform();
        if (pt >= precision) {
            throw new IllegalArgumentException("point transform must be below the precision");
        }
        int width = image.columns();
        int rows = image.rows();
        int restartRows = forcedRestartRows;
        if (restartRows == 0 && options.restartInterval() > 0) {
            if (options.restartInterval() % width != 0) {
                throw new UnsupportedDataException("lossless JPEG restart interval must be a multiple of Columns");
            }
            restartRows = options.restartInterval() / width;
        }
        if ((long) restartRows * width > 0xFFFF) {
            throw new IllegalArgumentException("restart interval above 65535 MCUs");
        }
        int mask = (1 << precision) - 1;
        byte[] srcBytes = src instanceof ByteSamples b ? b.array() : null;
        short[] srcShorts = src instanceof ShortSamples sh ? sh.array() : null;
        int srcOff = src.offset();

        // Pass 1: differences (stored as they will be coded) and their category statistics.
        int[] diffs = new int[n];
        int[] prev = new int[width];
        int[] cur = new int[width];
        long[][] freq = new long[spp][256];
        int initial = 1 << (precision - pt - 1);
        for (int c = 0; c < spp; c++) {
            boolean first = true;
            int rowsLeft = restartRows;
            for (int y = 0; y < rows; y++) {
                if (restartRows > 0 && rowsLeft == 0) {
                    first = true;
                    rowsLeft = restartRows;
                }
                rowsLeft--;
                int[] t = prev;
                prev = cur;
                cur = t;
                int base = y * width * spp + c;
                if (srcBytes != null) {
                    for (int x = 0, i = srcOff + base; x < width; x++, i += spp) {
                        cur[x] = ((srcBytes[i] & 0xFF) & mask) >> pt;
                    }
                } else {
                    for (int x = 0, i = srcOff + base; x < width; x++, i += spp) {
                        cur[x] = ((srcShorts[i] & 0xFFFF) & mask) >> pt;
                    }
                }
                int o = base;
                if (first) {
                    // H.1.2.1: the first line predicts from the left (2^(P-Pt-1) for its first sample)
                    o = diff(diffs, o, spp, cur[0] - initial, freq[c]);
                    for (int x = 1; x < width; x++) {
                        o = diff(diffs, o, spp, cur[x] - cur[x - 1], freq[c]);
                    }
                } else {
                    // Later lines: the first sample predicts from above; the rest by the predictor,
                    // chosen once per line rather than per sample (Table H.1).
                    o = diff(diffs, o, spp, cur[0] - prev[0], freq[c]);
                    long[] f = freq[c];
                    switch (predictor) {
                        case 1 -> {
                            for (int x = 1; x < width; x++) {
                                o = diff(diffs, o, spp, cur[x] - cur[x - 1], f);
                            }
                        }
                        case 2 -> {
                            for (int x = 1; x < width; x++) {
                                o = diff(diffs, o, spp, cur[x] - prev[x], f);
                            }
                        }
                        case 3 -> {
                            for (int x = 1; x < width; x++) {
                                o = diff(diffs, o, spp, cur[x] - prev[x - 1], f);
                            }
                        }
                        case 4 -> {
                            for (int x = 1; x < width; x++) {
                                o = diff(diffs, o, spp, cur[x] - (cur[x - 1] + prev[x] - prev[x - 1]), f);
                            }
                        }
                        case 5 -> {
                            for (int x = 1; x < width; x++) {
                                o = diff(diffs, o, spp, cur[x] - (cur[x - 1] + ((prev[x] - prev[x - 1]) >> 1)), f);
                            }
                        }
                        case 6 -> {
                            for (int x = 1; x < width; x++) {
                                o = diff(diffs, o, spp, cur[x] - (prev[x] + ((cur[x - 1] - prev[x - 1]) >> 1)), f);
                            }
                        }
                        default -> {
                            for (int x = 1; x < width; x++) {
                                o = diff(diffs, o, spp, cur[x] - ((cur[x - 1] + prev[x]) >> 1), f);
                            }
                        }
                    }
                }
                first = false;
            }
        }
        HuffmanEncodeTable[] tables = new HuffmanEncodeTable[spp];
        for (int c = 0; c < spp; c++) {
            tables[c] = new HuffmanEncodeTable(freq[c]);
        }

        // Pass 2: the codestream.
        BitWriter w = new BitWriter(n * (precision > 8 ? 2 : 1) / 2 + 1024);
        w.marker(JpegMarkers.SOI);
        w.marker(JpegMarkers.SOF3);
        w.u16(8 + 3 * spp);
        w.u8(precision);
        w.u16(rows);
        w.u16(width);
        w.u8(spp);
        for (int c = 0; c < spp; c++) {
            w.u8(c + 1);
            w.u8(0x11);
            w.u8(0);
        }
        for (int c = 0; c < spp; c++) {
            w.marker(JpegMarkers.DHT);
            w.u16(2 + 17 + tables[c].symbols.length);
            w.huffmanTable(c, tables[c]);
        }
        if (restartRows > 0) {
            w.marker(JpegMarkers.DRI);
            w.u16(4);
            w.u16(restartRows * width);
        }
        w.marker(JpegMarkers.SOS);
        w.u16(6 + 2 * spp);
        w.u8(spp);
        for (int c = 0; c < spp; c++) {
            w.u8(c + 1);
            w.u8(c << 4);
        }
        w.u8(predictor);
        w.u8(0);
        w.u8(pt);
        int rowsLeft = restartRows;
        int rst = 0;
        int rowLen = width * spp;
        for (int y = 0; y < rows; y++) {
            if (restartRows > 0 && rowsLeft == 0) {
                w.flushBits();
                w.marker(JpegMarkers.RST0 + (rst++ & 7));
                rowsLeft = restartRows;
            }
            rowsLeft--;
            int base = y * rowLen;
            for (int k = 0; k < rowLen; k += spp) {
                for (int c = 0; c < spp; c++) {
                    int d = diffs[base + k + c];
                    int s = category(d);
                    HuffmanEncodeTable t = tables[c];
                    // F.1.2.1.1: negative differences are coded as d - 1 in s bits, after the
                    // code, in one write of at most 16 + 15 bits; category 16 has no extra bits
                    int e = s == 16 ? 0 : s;
                    w.bits((t.code[s] << e) | ((d < 0 ? d - 1 : d) & ((1 << e) - 1)), t.size[s] + e);
                }
            }
        }
        w.flushBits();
        w.marker(JpegMarkers.EOI);
        Photometric p = image.photometric();
        return new EncodedFrame(w.toArray(), p, pt != 0);
    }

    /**
     * Stores one difference at {@code o} as it will be coded, counts its category, and returns the
     * next position. H.1.2.1: the difference is taken modulo 2^16, as -32767..32768.
     */
    private static int diff(int[] diffs, int o, int spp, int raw, long[] freq) {
        int d = raw & 0xFFFF;
        if (d > 32768) {
            d -= 65536;
        }
        diffs[o] = d;
        freq[category(d)]++;
        return o + spp;
    }

    /** SSSS of T.81 Table H.2: bits needed for |d|; 16 for 32768. */
    static int category(int d) {
        return 32 - Integer.numberOfLeadingZeros(d < 0 ? -d : d);
    }
}
