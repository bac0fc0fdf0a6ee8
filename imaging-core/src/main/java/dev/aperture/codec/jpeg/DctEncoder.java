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
import java.util.Arrays;

/**
 * Sequential DCT encoder with Huffman coding: baseline (T.81 process 1, SOF0, 8-bit) or extended
 * (processes 2 and 4, SOF1, 8- or 12-bit). IJG-style quality scaling of the Annex K example
 * quantisation tables, and Huffman tables either optimised for the frame (Annex K.2) or fixed.
 *
 * <p>Colour: RGB input is converted to YCbCr (JFIF equations, T.871 section 7, with the chroma
 * centre at 2^(P-1) as libjpeg uses at 12 bits) with the chrominance subsampled 2:1 horizontally
 * and reported as YBR_FULL_422, as PS3.5 8.2.1 describes; YBR_FULL input is coded as it is at
 * 4:4:4; monochrome as one component. Three components at 8 bits (baseline or extended) and at
 * 12 bits (extended, Bits Stored at most 12, unsigned): DCMTK's {@code dcmcjpeg +ee} writes 12-bit
 * RGB the same way (SOF1, Y sampled 2x1, YBR_FULL_422).
 *
 * <p>Restart intervals: {@link EncodeOptions#restartInterval()} MCUs per interval (a DRI segment
 * and RSTm markers), unless the constructor fixes one.
 *
 * <p>Precision: 8 when Bits Allocated is 8, 12 when it is 16 (extended only). Bits Stored above 12
 * is accepted when the frame's values fit 12 bits (checked per frame). The DCT processes code
 * unsigned samples (T.81 A.3.1: level shift by 2^(P-1)); signed samples of at most P bits stored
 * are coded as {@code value + 2^(P-1)}, which makes the level shift the identity on them, and the
 * result says so in {@link EncodedFrame#valueOffset()} (the caller declares Pixel Representation
 * 0 and moves Rescale Intercept, as DCMTK does for lossy JPEG of signed data).
 *
 * <p>Stateless and thread-safe.
 */
final class DctEncoder implements FrameEncoder {

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

    /**
     * AAN[k] = sqrt(2) cos(k pi / 16) for k &gt; 0, 1 for k = 0. The scaled DCT of
     * {@link #fdct} yields 8 * AAN[u] * AAN[v] * F(u,v), F being the T.81 A.3.3 FDCT; the
     * quantisation divisors fold that factor in (Arai, Agui and Nakajima 1988).
     */
    private static final double[] AAN = new double[8];

    static {
        AAN[0] = 1;
        for (int k = 1; k < 8; k++) {
            AAN[k] = Math.sqrt(2) * Math.cos(k * Math.PI / 16);
        }
    }

    /**
     * Fixed tables for 12-bit samples (DC luminance, AC luminance, DC chrominance, AC chrominance):
     * the Annex K.3 code lengths kept for the symbols they cover, plus codes for the categories
     * only 12-bit data needs (DC 12..15, AC sizes 11..14), built by Annex K.2 from pseudo
     * frequencies 2^(17 - length) (1 for the added symbols).
     */
    private static final HuffmanEncodeTable[] FIXED12 = fixed12();
    private static final HuffmanEncodeTable[] FIXED8 = StandardHuffmanTables.forEncoding();

    private final boolean extended;
    private final int forcedRestart;
    private final boolean standardTables;
    private final boolean separateScans;

    /**
     * @param extended       true for SOF1 (8 or 12 bits), false for SOF0 (8 bits)
     * @param restartMcus    MCUs per restart interval whatever the options say, 0 to take
     *                       {@link EncodeOptions#restartInterval()} (tests use it to exercise RSTn)
     * @param standardTables true to write the fixed Huffman tables whatever the options say
     * @param separateScans  true to write one non-interleaved scan per component (T.81 A.2.2;
     *                       tests use it to exercise multi-scan decoding); implies fixed tables,
     *                       since statistics are gathered in interleaved order
     */
    DctEncoder(boolean extended, int restartMcus, boolean standardTables, boolean separateScans) {
        this.extended = extended;
        this.forcedRestart = restartMcus;
        this.standardTables = standardTables || separateScans;
        this.separateScans = separateScans;
    }

    /**
     * IJG quality scaling (libjpeg jcparam.c semantics): 50 gives the Annex K tables; entries are
     * limited to {@code max} (255 for 8-bit tables, 32767 for 16-bit ones).
     */
    static int[] scaledTable(int[] base, int quality, int max) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] q = new int[64];
        for (int i = 0; i < 64; i++) {
            int v = (base[i] * scale + 50) / 100;
            q[i] = Math.max(1, Math.min(max, v));
        }
        return q;
    }

    @Override
    public EncodedFrame encode(Samples src, ImageDescriptor image, EncodeOptions options) {
        Photometric photometric = image.photometric();
        int spp = image.samplesPerPixel();
        boolean rgb = photometric == Photometric.RGB;
        int precision;
        if (!extended) {
            if (image.bitsAllocated() != 8 || image.bitsStored() != 8 || image.signed()) {
                throw new UnsupportedDataException("baseline JPEG encodes unsigned 8-bit samples only");
            }
            precision = 8;
        } else if (image.bitsAllocated() == 8) {
            precision = 8;
        } else if (image.bitsAllocated() == 16) {
            precision = 12;
        } else {
            throw new UnsupportedDataException("extended JPEG encodes Bits Allocated 8 or 16 only");
        }
        if (!(spp == 1 && photometric.isMonochrome())
                && !(spp == 3 && (rgb || photometric == Photometric.YBR_FULL))) {
            throw new UnsupportedDataException("JPEG DCT encodes MONOCHROME1/2, RGB or YBR_FULL only");
        }
        if (spp == 3 && image.signed()) {
            throw new UnsupportedDataException("JPEG DCT encodes unsigned colour samples only");
        }
        if (spp == 3 && image.bitsStored() > precision) {
            throw new UnsupportedDataException("JPEG DCT encodes colour samples of at most 12 bits stored");
        }
        int restartMcus = forcedRestart > 0 ? forcedRestart : options.restartInterval();
        if (precision == 8 ? !(src instanceof ByteSamples) : !(src instanceof ShortSamples)) {
            throw new IllegalArgumentException("samples type does not match Bits Allocated");
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
        int ph = mcusY * 8;
        int[] pw = new int[spp];
        for (int c = 0; c < spp; c++) {
            pw[c] = mcusX * compH[c] * 8;
        }

        // Level-shifted component planes, padded to whole MCUs by replicating the last column/row
        // (for one component, an 8-row strip refilled per MCU row).
        float[][] planes = new float[spp][];
        int valueOffset;
        if (spp == 1) {
            planes[0] = new float[pw[0] * 8]; // one MCU row at a time (fillStrip)
            valueOffset = valueOffset(src, image, precision);
        } else {
            colourPlanes(src, image, precision, rgb, planes, pw, ph, mcusX * hMax * 8);
            valueOffset = 0;
        }

        int quality = options.quality();
        int qMax = precision == 8 ? 255 : 32767;
        int[][] q = {scaledTable(LUMA, quality, qMax), scaledTable(CHROMA, quality, qMax)};
        int nTables = spp == 1 ? 1 : 2;
        // Divisors in natural order with the AAN output scale folded in (see AAN).
        double[][] recip = new double[nTables][64];
        for (int t = 0; t < nTables; t++) {
            for (int i = 0; i < 64; i++) {
                recip[t][i] = 1.0 / (q[t][i] * AAN[i >> 3] * AAN[i & 7] * 8.0);
            }
        }
        int[] tq = new int[spp];
        for (int c = 1; c < spp; c++) {
            tq[c] = 1;
        }
        boolean optimise = !standardTables && options.optimisedHuffman();
        // T.81 F.1.2.2 / Table F.2: AC magnitudes have at most P + 2 bits (10 or 14). The exact
        // DCT stays inside, rounding could step one past at quantiser 1, so clamp.
        int acMax = (1 << (precision + 2)) - 1;

        // Pass 1: transform and quantise every block (zig-zag order), gather symbol statistics.
        int blocksPerMcu = 0;
        for (int c = 0; c < spp; c++) {
            blocksPerMcu += compH[c];
        }
        int mcus = mcusX * mcusY;
        short[] coefs = new short[Math.multiplyExact(mcus * blocksPerMcu, 64)];
        long[] masks = new long[mcus * blocksPerMcu];
        long[][] dcFreq = new long[2][256];
        long[][] acFreq = new long[2][256];
        double[] ws = new double[64];
        int[] pred = new int[spp];
        int k = 0;
        int toRestart = restartMcus;
        boolean strip = spp == 1;
        for (int my = 0; my < mcusY; my++) {
            if (strip) {
                fillStrip(src, image, precision, valueOffset, planes[0], pw[0], my * 8);
            }
            int y0 = strip ? 0 : my * 8;
            for (int mx = 0; mx < mcusX; mx++) {
                if (restartMcus > 0) {
                    if (toRestart == 0) {
                        Arrays.fill(pred, 0);
                        toRestart = restartMcus;
                    }
                    toRestart--;
                }
                for (int c = 0; c < spp; c++) {
                    int t = tq[c];
                    double[] r = recip[t];
                    long[] dcF = dcFreq[t];
                    long[] acF = acFreq[t];
                    for (int h = 0; h < compH[c]; h++) {
                        fdct(planes[c], pw[c], (mx * compH[c] + h) * 8, y0, ws);
                        long mask = quantise(ws, r, coefs, k, acMax);
                        masks[k >> 6] = mask;
                        if (optimise) {
                            int dc = coefs[k];
                            dcF[LosslessEncoder.category(dc - pred[c])]++;
                            pred[c] = dc;
                            countAc(coefs, k, mask, acF);
                        }
                        k += 64;
                    }
                }
            }
        }
        HuffmanEncodeTable[] dcT = new HuffmanEncodeTable[nTables];
        HuffmanEncodeTable[] acT = new HuffmanEncodeTable[nTables];
        HuffmanEncodeTable[] fixed = precision == 8 ? FIXED8 : FIXED12;
        for (int t = 0; t < nTables; t++) {
            dcT[t] = optimise ? new HuffmanEncodeTable(dcFreq[t]) : fixed[2 * t];
            acT[t] = optimise ? new HuffmanEncodeTable(acFreq[t]) : fixed[2 * t + 1];
        }

        // Pass 2: the codestream.
        BitWriter w = new BitWriter(n / 4 + 2048);
        w.marker(JpegMarkers.SOI);
        for (int t = 0; t < nTables; t++) {
            // B.2.4.1: Pq = 1 (16-bit entries) only where an entry needs it, and only at P = 12
            int pq = 0;
            for (int v : q[t]) {
                if (v > 255) {
                    pq = 1;
                }
            }
            w.marker(JpegMarkers.DQT);
            w.u16(2 + 1 + 64 * (pq + 1));
            w.u8((pq << 4) | t);
            for (int z = 0; z < 64; z++) {
                int v = q[t][JpegMarkers.ZIGZAG[z]];
                if (pq == 1) {
                    w.u16(v);
                } else {
                    w.u8(v);
                }
            }
        }
        w.marker(extended ? JpegMarkers.SOF1 : JpegMarkers.SOF0);
        w.u16(8 + 3 * spp);
        w.u8(precision);
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
        Photometric outP = rgb ? Photometric.YBR_FULL_422 : photometric;
        if (separateScans) {
            writeSeparateScans(w, coefs, masks, restartMcus, spp, compH, hMax, tq, width, rows, mcusX, blocksPerMcu, dcT, acT);
            w.marker(JpegMarkers.EOI);
            return new EncodedFrame(w.toArray(), outP, true, valueOffset);
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
        Arrays.fill(pred, 0);
        k = 0;
        toRestart = restartMcus;
        int rst = 0;
        for (int m = 0; m < mcus; m++) {
            if (restartMcus > 0) {
                if (toRestart == 0) {
                    w.flushBits();
                    w.marker(JpegMarkers.RST0 + (rst++ & 7));
                    Arrays.fill(pred, 0);
                    toRestart = restartMcus;
                }
                toRestart--;
            }
            for (int c = 0; c < spp; c++) {
                HuffmanEncodeTable dc = dcT[tq[c]];
                HuffmanEncodeTable ac = acT[tq[c]];
                for (int h = 0; h < compH[c]; h++) {
                    pred[c] = encodeBlock(w, coefs, k, masks[k >> 6], pred[c], dc, ac);
                    k += 64;
                }
            }
        }
        w.flushBits();
        w.marker(JpegMarkers.EOI);
        return new EncodedFrame(w.toArray(), outP, true, valueOffset);
    }

    /**
     * The value offset of a one-component frame (see the class comment): 2^(P-1) for signed
     * samples of at most P bits stored, 0 for unsigned ones; above P bits, whatever brings this
     * frame's values into 0..2^P-1.
     */
    private static int valueOffset(Samples src, ImageDescriptor image, int precision) {
        int stored = image.bitsStored();
        int centre = 1 << (precision - 1);
        if (stored <= precision) {
            return image.signed() ? centre : 0; // every value fits by construction
        }
        return offsetFor(src, image.rows() * image.columns(), image.signed(), 32 - stored, (1 << stored) - 1, centre, (1 << precision) - 1);
    }

    /**
     * Fills an 8-row strip (rows y0..y0+7 of the frame, the last row and column replicated past
     * the edges) with level-shifted samples: T.81 A.3.1 applied to the offset unsigned value,
     * {@code v + offset - 2^(P-1)}. One strip per MCU row keeps the working set small.
     */
    private static void fillStrip(Samples src, ImageDescriptor image, int precision, int valueOffset, float[] strip,
                                  int stride, int y0) {
        int width = image.columns();
        int rows = image.rows();
        int stored = image.bitsStored();
        boolean signed = image.signed();
        int off = src.offset();
        // Stored values: unsigned ones masked to Bits Stored (which also drops the sign extension
        // of byte and short elements), signed ones sign-extended from it ((v << s) >> s).
        int shift = 32 - stored;
        int mask = (1 << stored) - 1;
        int shiftBy = valueOffset - (1 << (precision - 1));
        int last = Math.min(8, rows - y0);
        for (int y = 0; y < last; y++) {
            int i = off + (y0 + y) * width;
            int o = y * stride;
            if (src instanceof ShortSamples sh) {
                short[] a = sh.array();
                if (signed) {
                    for (int x = 0; x < width; x++) {
                        strip[o + x] = ((a[i + x] << shift) >> shift) + shiftBy;
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        strip[o + x] = (a[i + x] & mask) + shiftBy;
                    }
                }
            } else {
                byte[] a = ((ByteSamples) src).array();
                if (signed) {
                    for (int x = 0; x < width; x++) {
                        strip[o + x] = ((a[i + x] << shift) >> shift) + shiftBy;
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        strip[o + x] = (a[i + x] & mask) + shiftBy;
                    }
                }
            }
            Arrays.fill(strip, o + width, o + stride, strip[o + width - 1]);
        }
        for (int y = last; y < 8; y++) {
            System.arraycopy(strip, (last - 1) * stride, strip, y * stride, stride);
        }
    }

    /**
     * Bits Stored above the precision: the value offset that brings this frame into
     * 0..2^P-1 (0 if it is there already, 2^(P-1) for signed values in -2^(P-1)..2^(P-1)-1).
     */
    private static int offsetFor(Samples src, int n, boolean signed, int shift, int mask, int centre, int top) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int off = src.offset();
        if (src instanceof ByteSamples b) {
            byte[] a = b.array();
            for (int i = off; i < off + n; i++) {
                int v = signed ? (a[i] << shift) >> shift : a[i] & mask;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        } else {
            short[] a = ((ShortSamples) src).array();
            for (int i = off; i < off + n; i++) {
                int v = signed ? (a[i] << shift) >> shift : a[i] & mask;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min >= 0 && max <= top) {
            return 0;
        }
        if (signed && min >= -centre && max < centre) {
            return centre;
        }
        throw new UnsupportedDataException("frame values do not fit the JPEG sample precision");
    }

    /**
     * Fills the level-shifted planes of a three-component frame of precision P (8 or 12): RGB to
     * YCbCr 4:2:2, or YBR_FULL as it is. Samples are masked to Bits Stored (at most P).
     */
    private static void colourPlanes(Samples src, ImageDescriptor image, int precision, boolean rgb, float[][] planes,
                                     int[] pw, int ph, int fullW) {
        int width = image.columns();
        int rows = image.rows();
        int centre = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        int mask = (1 << image.bitsStored()) - 1;
        byte[] bytes = src instanceof ByteSamples b ? b.array() : null;
        short[] shorts = src instanceof ShortSamples sh ? sh.array() : null;
        int off = src.offset();
        for (int c = 0; c < 3; c++) {
            planes[c] = new float[pw[c] * ph];
        }
        int[] row = new int[width * 3];
        int[] cbFull = rgb ? new int[fullW] : null;
        int[] crFull = rgb ? new int[fullW] : null;
        int loaded = -1;
        for (int y = 0; y < ph; y++) {
            int sy = Math.min(y, rows - 1);
            if (sy != loaded) {
                // one source row as unsigned values, the sample type chosen once per row
                int i0 = off + sy * width * 3;
                if (bytes != null) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = bytes[i0 + i] & mask;
                    }
                } else {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = shorts[i0 + i] & mask;
                    }
                }
                loaded = sy;
            }
            for (int x = 0; x < fullW; x++) {
                int i = Math.min(x, width - 1) * 3;
                if (rgb) {
                    int r = row[i];
                    int g = row[i + 1];
                    int bl = row[i + 2];
                    // JFIF (T.871 section 7), chroma centred on 2^(P-1)
                    planes[0][y * pw[0] + x] = clamp((int) Math.round(0.299 * r + 0.587 * g + 0.114 * bl), max) - centre;
                    cbFull[x] = clamp((int) Math.round(-0.168736 * r - 0.331264 * g + 0.5 * bl + centre), max);
                    crFull[x] = clamp((int) Math.round(0.5 * r - 0.418688 * g - 0.081312 * bl + centre), max);
                } else {
                    for (int c = 0; c < 3; c++) {
                        planes[c][y * pw[c] + x] = row[i + c] - centre;
                    }
                }
            }
            if (rgb) {
                // 2:1 horizontal averaging with alternating rounding bias (as libjpeg's h2v1 downsampler)
                for (int x = 0; x < pw[1]; x++) {
                    int bias = x & 1;
                    int j = 2 * x;
                    planes[1][y * pw[1] + x] = ((cbFull[j] + cbFull[j + 1] + bias) >> 1) - centre;
                    planes[2][y * pw[2] + x] = ((crFull[j] + crFull[j + 1] + bias) >> 1) - centre;
                }
            }
        }
    }

    /**
     * Scaled forward DCT of one 8x8 block (Arai, Agui and Nakajima; 5 multiplications per
     * 8-point pass) into ws, natural order: ws[v*8+u] = 8 AAN[v] AAN[u] F(v,u), F the T.81 A.3.3
     * FDCT. In double precision the only error is rounding, far below the quantiser step.
     */
    static void fdct(float[] plane, int stride, int x0, int y0, double[] ws) {
        for (int y = 0; y < 8; y++) {
            int o = (y0 + y) * stride + x0;
            fdct8(plane[o], plane[o + 1], plane[o + 2], plane[o + 3], plane[o + 4], plane[o + 5],
                    plane[o + 6], plane[o + 7], ws, y * 8, 1);
        }
        for (int x = 0; x < 8; x++) {
            fdct8(ws[x], ws[8 + x], ws[16 + x], ws[24 + x], ws[32 + x], ws[40 + x], ws[48 + x], ws[56 + x],
                    ws, x, 8);
        }
    }

    /** One 8-point scaled DCT; out[at + k * step] = 2 AAN[k] X(k) for the orthonormal-by-2 X. */
    private static void fdct8(double d0, double d1, double d2, double d3, double d4, double d5, double d6,
                              double d7, double[] out, int at, int step) {
        double s07 = d0 + d7;
        double t07 = d0 - d7;
        double s16 = d1 + d6;
        double t16 = d1 - d6;
        double s25 = d2 + d5;
        double t25 = d2 - d5;
        double s34 = d3 + d4;
        double t34 = d3 - d4;
        // Even part: a 4-point DCT of the sums.
        double e0 = s07 + s34;
        double e3 = s07 - s34;
        double e1 = s16 + s25;
        double e2 = s16 - s25;
        out[at] = e0 + e1;
        out[at + 4 * step] = e0 - e1;
        double r = (e2 + e3) * 0.7071067811865476; // cos(4 pi / 16)
        out[at + 2 * step] = e3 + r;
        out[at + 6 * step] = e3 - r;
        // Odd part: a rotation network on the differences.
        double o0 = t34 + t25;
        double o1 = t25 + t16;
        double o2 = t16 + t07;
        double z5 = (o0 - o2) * 0.38268343236508984; // cos(6 pi / 16)
        double z2 = 0.5411961001461970 * o0 + z5;    // cos(6 pi / 16) sqrt(2)
        double z4 = 1.3065629648763766 * o2 + z5;    // cos(2 pi / 16) sqrt(2)
        double z3 = o1 * 0.7071067811865476;
        double z11 = t07 + z3;
        double z13 = t07 - z3;
        out[at + 5 * step] = z13 + z2;
        out[at + 3 * step] = z13 - z2;
        out[at + step] = z11 + z4;
        out[at + 7 * step] = z11 - z4;
    }

    /**
     * Rounds ws / divisor (natural order) into coefs[at..at+63] in zig-zag order; returns the
     * mask of non-zero AC coefficients (bit z for zig-zag position z, 1..63), which lets the
     * entropy coder jump from one non-zero coefficient to the next.
     */
    private static long quantise(double[] ws, double[] recip, short[] coefs, int at, int acMax) {
        int nat0 = JpegMarkers.ZIGZAG[0];
        // |ws * recip| <= 2^(P+3) < 32768, so the biased cast rounds half up without Math.round
        coefs[at] = (short) ((int) (ws[nat0] * recip[nat0] + 32768.5) - 32768);
        long mask = 0;
        for (int z = 1; z < 64; z++) {
            int nat = JpegMarkers.ZIGZAG[z];
            int v = (int) (ws[nat] * recip[nat] + 32768.5) - 32768;
            v = v > acMax ? acMax : (v < -acMax ? -acMax : v);
            coefs[at + z] = (short) v;
            // (v | -v) has its sign bit set exactly when v != 0
            mask |= (long) ((v | -v) >>> 31) << z;
        }
        return mask;
    }

    /** Counts the AC symbols of one block (F.1.2.2) for the Annex K.2 code. */
    private static void countAc(short[] coefs, int at, long mask, long[] acF) {
        int last = 0;
        long m = mask;
        while (m != 0) {
            int z = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            int run = z - last - 1;
            last = z;
            while (run > 15) {
                acF[0xF0]++;
                run -= 16;
            }
            acF[(run << 4) | LosslessEncoder.category(coefs[at + z])]++;
        }
        if (last != 63) {
            acF[0]++;
        }
    }

    private static void writeSeparateScans(BitWriter w, short[] coefs, long[] masks, int restartMcus, int spp, int[] compH, int hMax, int[] tq,
                                           int width, int rows, int mcusX, int blocksPerMcu,
                                           HuffmanEncodeTable[] dcT, HuffmanEncodeTable[] acT) {
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
                        // in a non-interleaved scan the MCU is one block (A.2.2)
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
                    prevDc = encodeBlock(w, coefs, at, masks[at >> 6], prevDc, dcT[tq[c]], acT[tq[c]]);
                }
            }
            w.flushBits();
        }
    }

    /**
     * Writes one quantised block (zig-zag order at {@code at}, non-zero AC positions in
     * {@code mask}); returns its DC for prediction. Each symbol's code and its extra bits go out
     * in one write of at most 16 + 15 bits.
     */
    private static int encodeBlock(BitWriter w, short[] coefs, int at, long mask, int pred, HuffmanEncodeTable dc,
                                   HuffmanEncodeTable ac) {
        int d = coefs[at] - pred;
        int s = LosslessEncoder.category(d);
        // F.1.2.1.1: negative values are coded as v - 1 in s bits
        w.bits((dc.code[s] << s) | ((d < 0 ? d - 1 : d) & ((1 << s) - 1)), dc.size[s] + s);
        int last = 0;
        long m = mask;
        while (m != 0) {
            int z = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            int run = z - last - 1;
            last = z;
            while (run > 15) {
                w.bits(ac.code[0xF0], ac.size[0xF0]);
                run -= 16;
            }
            int v = coefs[at + z];
            s = LosslessEncoder.category(v);
            int sym = (run << 4) | s;
            w.bits((ac.code[sym] << s) | ((v < 0 ? v - 1 : v) & ((1 << s) - 1)), ac.size[sym] + s);
        }
        if (last != 63) {
            w.bits(ac.code[0], ac.size[0]);
        }
        return coefs[at];
    }

    private static HuffmanEncodeTable[] fixed12() {
        HuffmanEncodeTable[] k3 = StandardHuffmanTables.forEncoding();
        HuffmanEncodeTable[] out = new HuffmanEncodeTable[4];
        for (int t = 0; t < 4; t++) {
            boolean dc = (t & 1) == 0;
            long[] f = new long[256];
            if (dc) {
                for (int s = 0; s <= 15; s++) {
                    f[s] = pseudo(k3[t], s);
                }
            } else {
                f[0x00] = pseudo(k3[t], 0x00);
                f[0xF0] = pseudo(k3[t], 0xF0);
                for (int run = 0; run < 16; run++) {
                    for (int s = 1; s <= 14; s++) {
                        f[(run << 4) | s] = pseudo(k3[t], (run << 4) | s);
                    }
                }
            }
            out[t] = new HuffmanEncodeTable(f);
        }
        return out;
    }

    private static long pseudo(HuffmanEncodeTable k3, int symbol) {
        int len = k3.size[symbol];
        return len == 0 ? 1 : 1L << (17 - len);
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : (v > max ? max : v);
    }
}
