// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static dev.aperture.codec.jpeg.JpegMarkers.APP0;
import static dev.aperture.codec.jpeg.JpegMarkers.APP14;
import static dev.aperture.codec.jpeg.JpegMarkers.DHT;
import static dev.aperture.codec.jpeg.JpegMarkers.DNL;
import static dev.aperture.codec.jpeg.JpegMarkers.DQT;
import static dev.aperture.codec.jpeg.JpegMarkers.DRI;
import static dev.aperture.codec.jpeg.JpegMarkers.EOI;
import static dev.aperture.codec.jpeg.JpegMarkers.RST0;
import static dev.aperture.codec.jpeg.JpegMarkers.RST7;
import static dev.aperture.codec.jpeg.JpegMarkers.SOF0;
import static dev.aperture.codec.jpeg.JpegMarkers.SOF1;
import static dev.aperture.codec.jpeg.JpegMarkers.SOF3;
import static dev.aperture.codec.jpeg.JpegMarkers.SOI;
import static dev.aperture.codec.jpeg.JpegMarkers.SOS;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.imaging.UnsupportedDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of decoding one frame: marker segments (T.81 Annex B), the entropy-coded segments
 * (Annex F for DCT, Annex H for lossless), and the output stage (upsampling and colour).
 *
 * <p>One instance per call, used by one thread. All buffers are allocated once per frame, after
 * the frame header has been checked against the descriptor; nothing is allocated per block, MCU
 * or row.
 */
final class JpegReader {

    private static final java.lang.invoke.VarHandle BE_LONG = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private static final int NO_TAG = MalformedDataException.NO_TAG;

    // ---- input ----------------------------------------------------------------------------
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    // ---- destination ----------------------------------------------------------------------
    private final ImageDescriptor image;
    private final byte[] dstBytes;
    private final short[] dstShorts;
    private final int dstOff;
    private final boolean acceptLossy;
    private final boolean acceptLossless;

    // ---- tables ---------------------------------------------------------------------------
    private final int[][] quant = new int[4][];
    private final HuffmanDecodeTable[] dcTables = new HuffmanDecodeTable[4];
    private final HuffmanDecodeTable[] acTables = new HuffmanDecodeTable[4];
    private int restartInterval;
    private int adobeTransform = -1;
    private boolean jfif;
    private final List<Repair> repairs = new ArrayList<>(2);

    // ---- frame ----------------------------------------------------------------------------
    private int sof = -1;
    private int precision;
    private int lines;          // lines decoded (see frame())
    private int declaredLines;
    private int width;
    private int nComp;
    private int[] compId;
    private int[] compH;
    private int[] compV;
    private int[] compTq;
    private boolean[] compDone;
    private int hMax;
    private int vMax;
    private int mcusX;
    private int mcusY;
    // DCT: one plane per component, (mcusX * H * 8) x (mcusY * V * 8) samples
    private short[][] planes;
    /** The planes for 8-bit samples (then {@link #planes} is null). */
    private byte[][] planes8;
    private int[] planeStride;
    /** One grey 8-bit component streamed: interior blocks go straight into the destination. */
    private boolean directGrey;
    /** Plane rows as ints for the general upsampler. */
    private int[] rowA;
    private int[] rowB;
    private boolean colourTransformed;
    private boolean streaming;
    /** Image row held in plane row 0 (non-zero only when streaming). */
    private int planeRow0;
    private int[][] rowBuf;
    private ColourTables colour;
    /** The vectorisable 8-bit colour stages (null unless colour is converted at 8 bits). */
    private ColourRows colourRows;
    private int scans;

    // ---- entropy decoder state -------------------------------------------------------------
    private long acc;
    private int nbits;
    private boolean atMarker;
    private int fillBytes;
    private boolean truncated;
    private boolean endedEarly;

    JpegReader(byte[] buf, int start, int end, ImageDescriptor image, Samples dst,
               boolean acceptLossy, boolean acceptLossless) {
        this.buf = buf;
        this.start = start;
        this.end = end;
        this.pos = start;
        this.image = image;
        this.acceptLossy = acceptLossy;
        this.acceptLossless = acceptLossless;
        if (dst instanceof ByteSamples b) {
            dstBytes = b.array();
            dstShorts = null;
            dstOff = b.offset();
        } else {
            dstBytes = null;
            dstShorts = ((ShortSamples) dst).array();
            dstOff = dst.offset();
        }
    }

    List<Repair> repairs() {
        return repairs;
    }

    boolean colourTransformed() {
        return colourTransformed;
    }

    int reportedBitsStored() {
        return Math.max(image.bitsStored(), Math.min(precision, image.bitsAllocated()));
    }

    private MalformedDataException bad(String reason) {
        return new MalformedDataException(reason, pos - start, NO_TAG);
    }

    private void repair(String what) {
        repairs.add(new Repair(what, pos - start, NO_TAG));
    }

    // =========================================================================================
    // Markers (T.81 Annex B)
    // =========================================================================================

    void decode() {
        if (end - pos < 2 || (buf[pos] & 0xFF) != 0xFF || (buf[pos + 1] & 0xFF) != SOI) {
            throw bad("no SOI marker at the start of the frame");
        }
        pos += 2;
        boolean sawEoi = false;
        while (true) {
            int marker = nextMarker();
            if (marker < 0) {
                break;
            }
            if (marker == EOI) {
                sawEoi = true;
                break;
            }
            switch (marker) {
                case SOF0, SOF1, SOF3 -> frame(marker, segment());
                case DHT -> huffmanTables(segment());
                case DQT -> quantTables(segment());
                case DRI -> restartDefinition(segment());
                case SOS -> scan(segment());
                case APP0 -> app0(segment());
                case APP14 -> app14(segment());
                case DNL -> {
                    segment();
                    repair("DNL marker ignored; lines taken from the frame header or Rows");
                }
                default -> {
                    if (marker >= RST0 && marker <= RST7) {
                        repair("stray restart marker ignored");
                    } else if (marker >= 0xC0 && marker <= 0xCF) {
                        throw new UnsupportedDataException("JPEG process not supported (SOF" + (marker - 0xC0)
                                + ")", pos - start, NO_TAG);
                    } else if (marker == 0x01 || (marker >= 0xE0 && marker <= 0xFE)) {
                        if (marker != 0x01) {
                            segment();
                        }
                    } else {
                        throw bad("unknown marker");
                    }
                }
            }
        }
        if (sof < 0 || scans == 0) {
            throw bad("frame has no image data");
        }
        for (int c = 0; c < nComp; c++) {
            if (!compDone[c]) {
                throw bad("a component is missing from every scan");
            }
        }
        if (!sawEoi) {
            repairs.add(new Repair("missing EOI marker", end - start, NO_TAG));
        } else {
            // An even-length pad byte after EOI is normal; anything more is tolerated and reported.
            int rest = end - pos;
            if (rest > 1 || (rest == 1 && buf[pos] != 0)) {
                repair("bytes after EOI ignored");
            }
        }
        if (sof != SOF3) {
            output();
        } else if (lines < image.rows()) {
            zeroRemainingRows();
        }
    }

    /** Returns the next marker code, skipping fill bytes and (with a repair) garbage, or -1 at the end. */
    private int nextMarker() {
        boolean garbage = false;
        while (true) {
            if (pos >= end) {
                return -1;
            }
            if ((buf[pos] & 0xFF) != 0xFF) {
                garbage = true;
                pos++;
                continue;
            }
            // 0xFF: skip fill bytes (T.81 B.1.1.2)
            int p = pos + 1;
            while (p < end && (buf[p] & 0xFF) == 0xFF) {
                p++;
            }
            if (p >= end) {
                pos = p;
                return -1;
            }
            int code = buf[p] & 0xFF;
            if (code == 0) {
                garbage = true;
                pos = p + 1;
                continue;
            }
            if (garbage) {
                repair("extraneous bytes before a marker skipped");
            }
            pos = p + 1;
            return code;
        }
    }

    /** Reads a marker segment's length and returns the end of the segment; pos is after the length. */
    private int segment() {
        if (end - pos < 2) {
            throw bad("marker segment length past the end of the data");
        }
        int len = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        if (len < 2 || len > end - pos) {
            throw bad("marker segment length past the end of the data");
        }
        int segEnd = pos + len;
        pos += 2;
        return segEnd;
    }

    private int u8(int segEnd) {
        if (pos >= segEnd) {
            throw bad("marker segment shorter than its contents");
        }
        return buf[pos++] & 0xFF;
    }

    private int u16(int segEnd) {
        return (u8(segEnd) << 8) | u8(segEnd);
    }

    private void app0(int segEnd) {
        if (segEnd - pos >= 5 && buf[pos] == 'J' && buf[pos + 1] == 'F' && buf[pos + 2] == 'I'
                && buf[pos + 3] == 'F' && buf[pos + 4] == 0) {
            jfif = true;
        }
        pos = segEnd;
    }

    private void app14(int segEnd) {
        // Adobe: "Adobe" version(2) flags0(2) flags1(2) transform(1)
        if (segEnd - pos >= 12 && buf[pos] == 'A' && buf[pos + 1] == 'd' && buf[pos + 2] == 'o'
                && buf[pos + 3] == 'b' && buf[pos + 4] == 'e') {
            adobeTransform = buf[pos + 11] & 0xFF;
        }
        pos = segEnd;
    }

    private void restartDefinition(int segEnd) {
        restartInterval = u16(segEnd);
        pos = segEnd;
    }

    // T.81 B.2.4.1
    private void quantTables(int segEnd) {
        while (pos < segEnd) {
            int pq = u8(segEnd);
            int tq = pq & 0x0F;
            pq >>= 4;
            if (tq > 3 || pq > 1) {
                throw bad("bad quantisation table header");
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[JpegMarkers.ZIGZAG[k]] = pq == 0 ? u8(segEnd) : u16(segEnd);
            }
            quant[tq] = q;
        }
    }

    // T.81 B.2.4.2
    private void huffmanTables(int segEnd) {
        while (pos < segEnd) {
            int tcth = u8(segEnd);
            int tc = tcth >> 4;
            int th = tcth & 0x0F;
            if (tc > 1 || th > 3) {
                throw bad("bad Huffman table header");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = u8(segEnd);
                total += counts[i];
            }
            if (total > 256 || total > segEnd - pos) {
                throw bad("Huffman table longer than its segment");
            }
            int[] symbols = new int[total];
            boolean unusable = false;
            for (int i = 0; i < total; i++) {
                symbols[i] = buf[pos++] & 0xFF;
                unusable |= tc == 0 && symbols[i] > 16;
            }
            if (unusable) {
                // Some lossless encoders (e.g. thorfdbg/libjpeg, libjpeg-turbo issue #586) list all
                // 256 byte values in a DC table; categories above 16 can never be decoded validly,
                // so accept the table and reject only a stream that actually uses one.
                repair("DC Huffman table lists categories above 16 (never valid); accepted");
            }
            HuffmanDecodeTable t = new HuffmanDecodeTable(counts, symbols);
            if (!t.build(counts)) {
                throw bad("Huffman code lengths overflow the code space");
            }
            if (tc == 0) {
                dcTables[th] = t;
            } else {
                acTables[th] = t;
            }
        }
    }

    // T.81 B.2.2
    private void frame(int marker, int segEnd) {
        if (sof >= 0) {
            throw bad("second frame header");
        }
        if (marker == SOF3 ? !acceptLossless : !acceptLossy) {
            throw new UnsupportedDataException(marker == SOF3
                    ? "lossless JPEG frame in a lossy transfer syntax"
                    : "DCT JPEG frame in a lossless transfer syntax", pos - start, NO_TAG);
        }
        precision = u8(segEnd);
        declaredLines = u16(segEnd);
        width = u16(segEnd);
        nComp = u8(segEnd);
        if (marker == SOF3) {
            if (precision < 2 || precision > 16) {
                throw new UnsupportedDataException("lossless JPEG precision outside 2..16", pos - start, NO_TAG);
            }
        } else if (precision != 8 && !(marker == SOF1 && precision == 12)) {
            throw new UnsupportedDataException("DCT JPEG precision other than 8 or 12 (extended)",
                    pos - start, NO_TAG);
        }
        if (precision > image.bitsAllocated()) {
            throw bad("JPEG precision exceeds Bits Allocated");
        }
        if (width != image.columns()) {
            throw bad("frame width differs from Columns");
        }
        if (nComp != image.samplesPerPixel()) {
            throw bad("frame component count differs from Samples per Pixel");
        }
        compId = new int[nComp];
        compH = new int[nComp];
        compV = new int[nComp];
        compTq = new int[nComp];
        compDone = new boolean[nComp];
        for (int c = 0; c < nComp; c++) {
            compId[c] = u8(segEnd);
            int hv = u8(segEnd);
            compH[c] = hv >> 4;
            compV[c] = hv & 0x0F;
            compTq[c] = u8(segEnd);
            if (compH[c] < 1 || compH[c] > 4 || compV[c] < 1 || compV[c] > 4 || compTq[c] > 3) {
                throw bad("bad component sampling factors or table");
            }
            hMax = Math.max(hMax, compH[c]);
            vMax = Math.max(vMax, compV[c]);
        }
        pos = segEnd;
        sof = marker;
        // Lines: T.81 allows 0 (defined later by DNL); files also say too many or too few.
        if (declaredLines == 0) {
            lines = image.rows();
            repair("frame header gives 0 lines; used Rows");
        } else if (declaredLines > image.rows()) {
            lines = image.rows();
            repair("frame header gives more lines than Rows; extra lines ignored");
        } else {
            lines = declaredLines;
            if (declaredLines < image.rows()) {
                repair("frame header gives fewer lines than Rows; missing rows set to zero");
            }
        }
        if (marker == SOF3) {
            for (int c = 0; c < nComp; c++) {
                if (compH[c] != 1 || compV[c] != 1) {
                    throw new UnsupportedDataException("subsampled lossless JPEG", pos - start, NO_TAG);
                }
            }
            return;
        }
        for (int c = 0; c < nComp; c++) {
            if (hMax % compH[c] != 0 || vMax % compV[c] != 0) {
                throw new UnsupportedDataException("non-integral JPEG sampling ratios", pos - start, NO_TAG);
            }
        }
        mcusX = ceilDiv(width, 8 * hMax);
        mcusY = ceilDiv(lines, 8 * vMax);
        planeStride = new int[nComp];
        for (int c = 0; c < nComp; c++) {
            planeStride[c] = mcusX * compH[c] * 8;
        }
    }

    /**
     * Allocates the component planes at the first DCT scan. When that scan holds every component
     * and no component is subsampled vertically, each MCU row is complete on its own, so the
     * planes hold one MCU row and are output as soon as it is decoded ("streaming"); otherwise
     * they hold the whole frame. Sizes are bounded by the descriptor (width and lines were
     * checked against it).
     */
    private void allocatePlanes(int ns) {
        boolean allV = true;
        for (int c = 0; c < nComp; c++) {
            allV &= compV[c] == vMax;
        }
        boolean eight = precision == 8;
        prepareOutput();
        stream420 = h2v2Streamed(ns);
        streaming = ns == nComp && allV && (ns > 1 || (compH[0] == 1 && compV[0] == 1)) || stream420;
        int mcuRows = streaming ? 1 : mcusY;
        if (eight) {
            planes8 = new byte[nComp][];
        } else {
            planes = new short[nComp][];
        }
        int maxStride = 0;
        for (int c = 0; c < nComp; c++) {
            // 4:2:0 streamed: one more row above the MCU row (see output420)
            long size = (long) planeStride[c] * (mcuRows * compV[c] * 8 + (stream420 ? 1 : 0));
            if (size > Integer.MAX_VALUE - 8) {
                throw new UnsupportedDataException("JPEG component plane above 2^31 samples", pos - start, NO_TAG);
            }
            if (eight) {
                planes8[c] = new byte[(int) size];
            } else {
                planes[c] = new short[(int) size];
            }
            maxStride = Math.max(maxStride, planeStride[c]);
        }
        directGrey = streaming && nComp == 1 && eight && dstBytes != null;
        rowA = new int[maxStride];
        rowB = new int[maxStride];
    }

    /**
     * Whether a scan of ns components is 8-bit YCbCr 4:2:0 holding every component, output
     * through {@link ColourRows#h2v2ToRgb8}: then streamed, the planes holding one MCU row
     * (see {@link #output420}).
     */
    private boolean h2v2Streamed(int ns) {
        return precision == 8 && ns == 3 && nComp == 3 && colourTransformed && dstBytes != null && hMax == 2
                && vMax == 2 && compH[0] == 2 && compV[0] == 2 && compH[1] == 1 && compV[1] == 1
                && compH[2] == 1 && compV[2] == 1 && ceilDiv(width, 2) > 2;
    }

    /** 4:2:0 streamed (see h2v2Streamed): plane row 0 holds the previous MCU row's last row. */
    private boolean stream420;

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    // =========================================================================================
    // Scans (T.81 B.2.3)
    // =========================================================================================

    private void scan(int segEnd) {
        if (sof < 0) {
            throw bad("scan before the frame header");
        }
        int ns = u8(segEnd);
        if (ns < 1 || ns > 4 || ns > nComp) {
            throw bad("bad number of components in scan");
        }
        int[] sc = new int[ns];
        int[] td = new int[ns];
        int[] ta = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8(segEnd);
            int c = -1;
            for (int j = 0; j < nComp; j++) {
                if (compId[j] == id) {
                    c = j;
                    break;
                }
            }
            if (c < 0) {
                throw bad("scan names a component not in the frame");
            }
            for (int j = 0; j < i; j++) {
                if (sc[j] == c) {
                    throw bad("scan names a component twice");
                }
            }
            if (compDone[c]) {
                throw bad("component appears in more than one scan");
            }
            sc[i] = c;
            int t = u8(segEnd);
            td[i] = t >> 4;
            ta[i] = t & 0x0F;
            if (td[i] > 3 || ta[i] > 3) {
                throw bad("bad entropy table selector");
            }
        }
        int ss = u8(segEnd);
        int se = u8(segEnd);
        int ahal = u8(segEnd);
        pos = segEnd;
        if (sof == SOF3) {
            if (ss < 1 || ss > 7) {
                throw bad("bad lossless predictor");
            }
            int pt = ahal & 0x0F;
            if (pt >= precision) {
                throw bad("point transform not below the precision");
            }
            for (int i = 0; i < ns; i++) {
                if (dcTables[td[i]] == null) {
                    throw bad("scan uses an undefined Huffman table");
                }
            }
            initBits();
            new LosslessScan(this, sc, td, ss, pt).decode();
        } else {
            if (ss != 0 || se != 63 || ahal != 0) {
                // Baseline/extended sequential always codes the whole block; be lenient about
                // the values some encoders write, as libjpeg is.
                repair("sequential scan with non-standard spectral selection fields");
            }
            int blocksInMcu = 0;
            for (int i = 0; i < ns; i++) {
                if ((dcTables[td[i]] == null || acTables[ta[i]] == null) && precision == 8) {
                    // Motion-JPEG style streams leave the tables out and mean the Annex K ones.
                    boolean used = false;
                    if (dcTables[td[i]] == null && (dcTables[td[i]] = StandardHuffmanTables.dc(td[i])) != null) {
                        used = true;
                    }
                    if (acTables[ta[i]] == null && (acTables[ta[i]] = StandardHuffmanTables.ac(ta[i])) != null) {
                        used = true;
                    }
                    if (used) {
                        repair("Huffman table not defined; used the T.81 Annex K example table");
                    }
                }
                if (dcTables[td[i]] == null || acTables[ta[i]] == null) {
                    throw bad("scan uses an undefined Huffman table");
                }
                if (quant[compTq[sc[i]]] == null) {
                    throw bad("component uses an undefined quantisation table");
                }
                blocksInMcu += compH[sc[i]] * compV[sc[i]];
            }
            if (ns > 1 && blocksInMcu > 10) {
                throw bad("more than 10 blocks in an MCU");
            }
            if (planes == null && planes8 == null) {
                allocatePlanes(ns);
            }
            initBits();
            dctScan(sc, td, ta);
        }
        for (int c : sc) {
            compDone[c] = true;
        }
        scans++;
        finishEntropy();
    }

    // =========================================================================================
    // Entropy-coded data: bit reader (T.81 F.2.2.5, F.1.2.3 byte stuffing)
    // =========================================================================================

    private void initBits() {
        acc = 0;
        nbits = 0;
        atMarker = false;
        fillBytes = 0;
    }

    /**
     * Tops the bit buffer up to at least 57 bits. At a marker, or at the end of the data, it
     * feeds zero bytes (counted in {@link #fillBytes}) as libjpeg does, so decoding a premature
     * end gives deterministic samples; {@link #checkFill()} decides whether that is a repair or
     * an error.
     */
    void fill() {
        long a = acc;
        int n = nbits;
        int p = pos;
        final byte[] b = buf;
        final int e = end;
        while (n <= 56) {
            if (!atMarker && p <= e - 8) {
                // Whole bytes that fit: n + 8k <= 63, taken at once when none of them is 0xFF
                // (so they hold no stuffing and no marker). The test flags each byte of w that
                // is 0xFF, and may also flag a 0xFE just before a flagged byte (its borrow runs
                // only toward the more significant, earlier, bytes): so every byte before the
                // first flagged one is neither, and those are taken.
                long w = (long) BE_LONG.get(b, p);
                long m = (~w - 0x0101010101010101L) & w & 0x8080808080808080L;
                int k = (63 - n) >> 3;
                if (m != 0) {
                    k = Math.min(k, Long.numberOfLeadingZeros(m) >> 3);
                }
                if (k > 0) {
                    a = (a << (k << 3)) | (w >>> (64 - (k << 3)));
                    n += k << 3;
                    p += k;
                    continue;
                }
            }
            // One byte: the first of the 8 is flagged, or the data ends within 8 bytes.
            int v;
            if (atMarker || p >= e) {
                v = 0;
                fillBytes++;
            } else {
                v = b[p] & 0xFF;
                if (v == 0xFF) {
                    if (p + 1 < e && b[p + 1] == 0) {
                        p += 2; // stuffed zero byte (F.1.2.3)
                    } else {
                        atMarker = true; // pos stays on the marker's 0xFF
                        v = 0;
                        fillBytes++;
                    }
                } else {
                    p++;
                }
            }
            a = (a << 8) | v;
            n += 8;
        }
        acc = a;
        nbits = n;
        pos = p;
    }

    /** True when the bits consumed so far reached into zero bytes fed past a marker or the end. */
    private boolean consumedFill() {
        return fillBytes > 0 && nbits < fillBytes * 8;
    }

    /** Called after every MCU row: a premature end is a repair at a marker, an error at the end. */
    void checkFill() {
        if (consumedFill()) {
            if (atMarker && pos < end) {
                if (!endedEarly) {
                    endedEarly = true;
                    repair("entropy-coded data ended early; rest of the scan decoded from zeros");
                }
            } else {
                truncated = true;
                throw bad("entropy-coded data truncated");
            }
        }
    }

    private void finishEntropy() {
        checkFill();
        // pos is at (or before) the marker that ended the scan; nextMarker() finds it.
        acc = 0;
        nbits = 0;
    }

    /**
     * Handles a restart interval boundary (T.81 F.2.2.5): discards buffered bits and consumes
     * RSTn. A missing restart marker is tolerated with a repair.
     */
    void restart() {
        checkFill();
        acc = 0;
        nbits = 0;
        fillBytes = 0;
        atMarker = false;
        int p = pos;
        // skip to the marker: after the last entropy byte there must be 0xFF RSTn
        while (p < end && buf[p] == (byte) 0xFF && p + 1 < end && buf[p + 1] == (byte) 0xFF) {
            p++;
        }
        if (p + 1 < end && buf[p] == (byte) 0xFF && (buf[p + 1] & 0xFF) >= RST0
                && (buf[p + 1] & 0xFF) <= RST7) {
            pos = p + 2;
        } else {
            pos = p;
            repair("missing restart marker");
        }
    }

    /** Decodes one Huffman-coded symbol (T.81 F.2.2.3). The buffer must hold at least 16 bits. */
    int decodeSymbol(HuffmanDecodeTable t) {
        int e = t.lookup[(int) (acc >>> (nbits - HuffmanDecodeTable.LOOKAHEAD)) & ((1 << HuffmanDecodeTable.LOOKAHEAD) - 1)];
        if (e != 0) {
            nbits -= e & 0xFF;
            return e >>> 8;
        }
        return decodeSlow(t);
    }

    private int decodeSlow(HuffmanDecodeTable t) {
        for (int len = HuffmanDecodeTable.LOOKAHEAD + 1; len <= 16; len++) {
            int code = (int) (acc >>> (nbits - len)) & ((1 << len) - 1);
            if (code <= t.maxCode[len]) {
                nbits -= len;
                int idx = t.valOffset[len] + code;
                if (idx < 0 || idx >= t.values.length) {
                    throw bad("bad Huffman code");
                }
                return t.values[idx];
            }
        }
        throw bad("bad Huffman code");
    }

    /** Reads s (0..16) raw bits. The buffer must hold them. */
    int bits(int s) {
        if (s == 0) {
            return 0;
        }
        nbits -= s;
        return (int) (acc >>> nbits) & ((1 << s) - 1);
    }

    int nbits() {
        return nbits;
    }

    // Bit-state access for LosslessScan's inlined loop, which keeps the state in locals and
    // stores it back before calling any other method of this class.
    long acc() {
        return acc;
    }

    int pos() {
        return pos;
    }

    byte[] buf() {
        return buf;
    }

    int end() {
        return end;
    }

    boolean atMarker() {
        return atMarker;
    }

    void setBits(long acc, int nbits, int pos) {
        this.acc = acc;
        this.nbits = nbits;
        this.pos = pos;
    }

    /** T.81 F.2.2.1 EXTEND: the s-bit value v as a signed difference. */
    static int extend(int v, int s) {
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    // =========================================================================================
    // DCT scans (T.81 F.2)
    // =========================================================================================

    /** Natural index of zig-zag position k, padded so that a corrupt run past 63 lands on 63. */
    private static final int[] NATURAL = new int[64 + 16];

    static {
        System.arraycopy(JpegMarkers.ZIGZAG, 0, NATURAL, 0, 64);
        Arrays.fill(NATURAL, 64, NATURAL.length, 63);
    }

    /**
     * The store slots and quantisers of a component, by zig-zag position k (padded like
     * {@link #NATURAL}): {@code (q[NATURAL[k]] << 16) | slot[k]}, read back with {@code >>> 16}
     * and {@code & 0xFFFF} (quantisers are at most 16 bits, slots below 2^12). One load per
     * coefficient instead of three (natural index, slot, quantiser).
     */
    private static int[] slotQuant(int[] slot, int[] q) {
        int[] sq = new int[NATURAL.length];
        for (int k = 0; k < sq.length; k++) {
            sq[k] = (q[NATURAL[k]] << 16) | slot[k];
        }
        return sq;
    }

    private void dctScan(int[] sc, int[] td, int[] ta) {
        int ns = sc.length;
        int[] coef = new int[64 + 16];
        int[] ws = new int[64];
        int[] pred = new int[ns];
        int pass1 = precision == 8 ? 2 : 1;
        int maxVal = (1 << precision) - 1;
        int mcusToRestart = restartInterval;
        // 8-bit samples: blocks with AC coefficients are transformed in batches (see IdctBatch).
        IdctBatch batch = planes8 == null ? null : (idctBatch == null ? idctBatch = new IdctBatch() : idctBatch);
        if (ns == 1) {
            // Non-interleaved: one block per MCU over the component's own block grid (A.2.2).
            int c = sc[0];
            int compW = ceilDiv(width * compH[c], hMax);
            int compHt = ceilDiv(lines * compV[c], vMax);
            int bw = ceilDiv(compW, 8);
            int bh = ceilDiv(compHt, 8);
            HuffmanDecodeTable dc = dcTables[td[0]];
            HuffmanDecodeTable ac = acTables[ta[0]];
            int[] sq = slotQuant(batch != null ? IdctBatch.ZIGZAG_OFFSET : NATURAL, quant[compTq[c]]);
            short[] plane = planes == null ? null : planes[c];
            byte[] plane8 = planes8 == null ? null : planes8[c];
            int stride = planeStride[c];
            int outLines = Math.min(lines, image.rows());
            // Direct grey output: blocks wholly inside the image are written into the
            // destination (stride = width); the right and bottom edge blocks go through the plane.
            int fullBw = directGrey ? width >> 3 : 0;
            // Width not a multiple of 8: the right edge blocks of those rows go into a column
            // buffer (8 samples wide, every block row) copied out after the scan, so that those
            // rows need no flush either.
            byte[] edge = directGrey && batch != null && fullBw < bw ? new byte[bh * 64] : null;
            for (int by = 0; by < bh; by++) {
                boolean rowInside = directGrey && by * 8 + 8 <= outLines;
                int dstRow = dstOff + by * 8 * width;
                for (int bx = 0; bx < bw; bx++) {
                    if (restartInterval > 0) {
                        if (mcusToRestart == 0) {
                            restart();
                            pred[0] = 0;
                            mcusToRestart = restartInterval;
                        }
                        mcusToRestart--;
                    }
                    if (batch != null) {
                        pred[0] = decodeBlock(batch.coef, batch.count(), dc, ac, sq, pred[0]);
                        if (rowInside && bx < fullBw) {
                            block8(batch, dstBytes, dstRow + bx * 8, width);
                        } else if (rowInside && edge != null) {
                            block8(batch, edge, by * 64, 8);
                        } else {
                            block8(batch, plane8, (streaming ? 0 : by) * 8 * stride + bx * 8, stride);
                        }
                        continue;
                    }
                    pred[0] = decodeBlock(coef, 0, dc, ac, sq, pred[0]);
                    idct(coef, ws, plane, (streaming ? 0 : by) * 8 * stride + bx * 8, stride, pass1,
                            maxVal);
                }
                checkFill();
                if (streaming) {
                    // A row whose blocks all went straight into the destination needs no flush
                    // here: its queued blocks stay in the batch, which fills across rows (no
                    // partly empty batch transformed per block row). A row with blocks in the
                    // plane flushes before the plane is copied out and reused.
                    boolean deferred = rowInside && (fullBw == bw || edge != null);
                    if (batch != null && !deferred) {
                        batch.flush();
                    }
                    // one component, sampled 1x1: a block row is an MCU row of 8 lines
                    planeRow0 = by * 8;
                    int y1 = Math.min(by * 8 + 8, outLines);
                    if (deferred) {
                        continue;                 // written at the flush, edge columns below
                    }
                    if (rowInside) {
                        copyGreyColumns(by * 8, y1, fullBw * 8);
                    } else {
                        outputRows(by * 8, y1);
                    }
                }
            }
            if (batch != null) {
                batch.flush();
            }
            if (edge != null) {
                int x0 = fullBw * 8;
                for (int y = 0, y1 = (outLines >> 3) * 8; y < y1; y++) {
                    System.arraycopy(edge, y * 8, dstBytes, dstOff + y * width + x0, width - x0);
                }
            }
            return;
        }
        HuffmanDecodeTable[] dcs = new HuffmanDecodeTable[ns];
        HuffmanDecodeTable[] acs = new HuffmanDecodeTable[ns];
        int[][] qs = new int[ns][];
        for (int i = 0; i < ns; i++) {
            dcs[i] = dcTables[td[i]];
            acs[i] = acTables[ta[i]];
            qs[i] = slotQuant(batch != null ? IdctBatch.ZIGZAG_OFFSET : NATURAL, quant[compTq[sc[i]]]);
        }
        // 8-bit YCbCr 4:4:4 in one scan, streamed: decoded straight to RGB (see ColourBatch).
        ColourBatch cb = null;
        if (batch != null && streaming && ns == 3 && hMax == 1 && vMax == 1 && colourRows != null
                && dstBytes != null) {
            cb = new ColourBatch(batch, dstBytes, dstOff, width, Math.min(lines, image.rows()));
        }
        // 8-bit YCbCr 4:2:2 (h2v1 fancy upsampling) in one scan, streamed: likewise (see Colour422Batch).
        Colour422Batch c422 = null;
        if (batch != null && streaming && ns == 3 && hMax == 2 && vMax == 1 && compH[0] == 2 && compH[1] == 1
                && compH[2] == 1 && colourRows != null && dstBytes != null && ceilDiv(width, 2) > 2) {
            c422 = new Colour422Batch(batch, dstBytes, dstOff, width, Math.min(lines, image.rows()));
        }
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                if (restartInterval > 0) {
                    if (mcusToRestart == 0) {
                        restart();
                        Arrays.fill(pred, 0);
                        mcusToRestart = restartInterval;
                    }
                    mcusToRestart--;
                }
                if (c422 != null) {
                    int lane = c422.count();
                    boolean acY = false;
                    boolean acC = false;
                    for (int i = 0; i < ns; i++) {
                        int c = sc[i];
                        if (c == 0) {
                            pred[i] = decodeBlock(c422.coefY(), lane, dcs[i], acs[i], qs[i], pred[i]);
                            acY = blockHasAc;
                            pred[i] = decodeBlock(c422.coefY(), lane + Colour422Batch.M, dcs[i], acs[i], qs[i],
                                    pred[i]);
                            acY |= blockHasAc;
                        } else {
                            pred[i] = decodeBlock(c422.coefC(), c == 1 ? lane : lane + Colour422Batch.M, dcs[i],
                                    acs[i], qs[i], pred[i]);
                            acC |= blockHasAc;
                        }
                    }
                    if (!acY && !acC) {
                        c422.flat(mx, my);        // one colour per Y block: no lane taken
                        continue;
                    }
                    if (acY) {
                        c422.hasAc(true);
                    }
                    if (acC) {
                        c422.hasAc(false);
                    }
                    if (c422.add(mx, my)) {
                        c422.flush();
                    }
                    continue;
                }
                if (cb != null) {
                    int lane = cb.count();
                    boolean ac = false;
                    for (int i = 0; i < ns; i++) {
                        pred[i] = decodeBlock(cb.coef(sc[i]), lane, dcs[i], acs[i], qs[i], pred[i]);
                        if (blockHasAc) {
                            ac = true;
                            cb.hasAc(sc[i]);
                        }
                    }
                    if (!ac) {
                        cb.flat(mx, my);
                    } else if (cb.add(mx, my)) {
                        cb.flush();
                    }
                    continue;
                }
                for (int i = 0; i < ns; i++) {
                    int c = sc[i];
                    int h = compH[c];
                    int v = compV[c];
                    int stride = planeStride[c];
                    short[] plane = planes == null ? null : planes[c];
                    byte[] plane8 = planes8 == null ? null : planes8[c];
                    for (int y = 0; y < v; y++) {
                        int rowOff = (((streaming ? 0 : my) * v + y) * 8 + (stream420 ? 1 : 0)) * stride + mx * h * 8;
                        for (int x = 0; x < h; x++) {
                            if (batch != null) {
                                pred[i] = decodeBlock(batch.coef, batch.count(), dcs[i], acs[i], qs[i], pred[i]);
                                block8(batch, plane8, rowOff + x * 8, stride);
                            } else {
                                pred[i] = decodeBlock(coef, 0, dcs[i], acs[i], qs[i], pred[i]);
                                idct(coef, ws, plane, rowOff + x * 8, stride, pass1, maxVal);
                            }
                        }
                    }
                }
            }
            checkFill();
            if (cb != null || c422 != null) {
                continue;                 // the batches fill across MCU rows, flushed below
            }
            if (streaming) {
                if (batch != null) {
                    batch.flush();
                }
                if (stream420) {
                    output420(my);
                    continue;
                }
                int y0 = my * 8 * vMax;
                planeRow0 = y0;
                outputRows(y0, Math.min(y0 + 8 * vMax, Math.min(lines, image.rows())));
            }
        }
        if (cb != null) {
            cb.flush();
        }
        if (c422 != null) {
            c422.flush();
        }
        if (batch != null) {
            batch.flush();
        }
    }

    /** The batched 8-bit IDCT, created at the first 8-bit DCT scan. */
    private IdctBatch idctBatch;

    /**
     * Takes the 8-bit block that decodeBlock left in slot {@code batch.count()}: a block with only
     * its DC is flat and written at once (islow gives every sample ((dc << 2) + 16) >> 5, level
     * shifted and clamped); any other is queued for the batched IDCT (measured: also the blocks
     * whose terms all lie in the top-left 4x4, which a scalar 4x4 islow variant handled
     * 5% to 10% slower overall on 4:4:4 and mammography frames).
     */
    private void block8(IdctBatch batch, byte[] out, int off, int stride) {
        if (!blockHasAc) {
            int[] c = batch.coef;
            int b = batch.count();
            int v = (((c[b] << 2) + (1 << 4)) >> 5) + 128;
            c[b] = 0;
            // the sample in all 8 bytes of a long: one store per row
            long row = (v < 0 ? 0 : (v > 255 ? 255 : v)) * 0x0101010101010101L;
            for (int r = 0, o = off; r < 8; r++, o += stride) {
                BE_LONG.set(out, o, row);
            }
            return;
        }
        if (batch.add(out, off, stride)) {
            batch.flush();
        }
    }


    /**
     * Decodes one block's coefficients (F.2.2.1, F.2.2.2), dequantised into
     * {@code coef[base + slot]} with the slots and quantisers of {@link #slotQuant} (the rest
     * zero), and returns the new DC predictor. The bit buffer lives in
     * locals and goes back to the fields around every call out; AC symbols go through a
     * lookup that resolves run, size and value of one symbol, or of two (a coefficient and then
     * a coefficient or EOB), when they fit in AC_FAST bits (see HuffmanDecodeTable.acPair()).
     */
    private int decodeBlock(int[] coef, int base, HuffmanDecodeTable dc, HuffmanDecodeTable ac, int[] sq, int pred) {
        // coef is all zero here: the caller clears what the previous block set (see idct()).
        // The bit buffer is held left-aligned in a local (the next bit is bit 63, the n valid
        // bits are followed by zeros), so that a peek is one shift and consuming len bits is
        // one shift too: the dependency chain from one symbol to the next is shift, load,
        // shift. It goes back to the right-aligned fields around every call out.
        int n = nbits;
        long a;
        if (n >= 32) {
            a = acc << (64 - n);
        } else {
            // The refill of the AC loop below, inline (a call to fill() here took a tenth of
            // the decoding time): whole bytes when none of the next 8 is 0xFF.
            final byte[] b = buf;
            int p = pos;
            long w;
            if (p <= end - 8 && !atMarker
                    && ((~(w = (long) BE_LONG.get(b, p)) - 0x0101010101010101L) & w & 0x8080808080808080L) == 0) {
                int kb = (63 - n) >> 3;
                a = n == 0 ? 0 : acc << (64 - n);
                a |= (w >>> (64 - (kb << 3))) << (64 - n - (kb << 3));
                n += kb << 3;
                pos = p + kb;
                acc = a >>> (64 - n);     // the DC slow path reads the fields
                nbits = n;
            } else {
                fill();
                n = nbits;
                a = acc << (64 - n);
            }
        }
        // 32 <= n <= 64 here
        int e = dc.dcFast()[(int) (a >>> (64 - HuffmanDecodeTable.AC_FAST))];
        int s = 0;
        if (e != 0) {
            // code and extra bits in one lookup (n >= 32 > AC_FAST); the shift count is the low
            // 6 bits of e, the bits used (see the AC loop)
            n -= e & 0xFF;
            a <<= e;
            pred += e >> 8;
        } else if ((e = dc.lookup[(int) (a >>> (64 - HuffmanDecodeTable.LOOKAHEAD))]) != 0) {
            int len = e & 0xFF;
            n -= len;
            a <<= len;
            s = e >>> 8;
        } else {
            s = decodeSlow(dc);
            n = nbits;
            a = acc << (64 - n);          // n >= 32 - 16
        }
        if (s != 0) {
            if (s > 16) {
                nbits = n;
                throw bad("bad DC difference category");
            }
            // n >= 32 - 16 >= s: the buffer still holds the extra bits
            int v = (int) (a >>> (64 - s));
            n -= s;
            a <<= s;
            pred += v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
        }
        coef[base] = pred * (sq[0] >>> 16);
        lastPred = pred;                  // not kept live through the AC loop
        final int[] fast = ac.acFast();
        final int[] pair = ac.acPair();
        int k = 1;
        for (; k < 64; k++) {
            // The fast lookup needs AC_FAST bits (an entry uses at most that many); the slow
            // path below makes sure of its own 32.
            if (n < HuffmanDecodeTable.AC_FAST) {
                // Inline refill: 8 bytes without 0xFF hold no stuffing and no marker (see fill()).
                int p = pos;
                long w;
                if (p <= end - 8 && !atMarker
                        && ((~(w = (long) BE_LONG.get(buf, p)) - 0x0101010101010101L) & w & 0x8080808080808080L) == 0) {
                    // kb whole bytes fit: n + 8 kb <= 63, and kb >= 6 since n < 11; they go
                    // right below the n valid bits.
                    int kb = (63 - n) >> 3;
                    a |= (w >>> (64 - (kb << 3))) << (64 - n - (kb << 3));
                    n += kb << 3;
                    pos = p + kb;
                } else {
                    acc = n == 0 ? 0 : a >>> (64 - n);
                    nbits = n;
                    fill();
                    n = nbits;            // >= 57
                    a = acc << (64 - n);
                }
            }
            int g = pair[(int) (a >>> (64 - HuffmanDecodeTable.AC_FAST))];
            int k1 = k + (g >> 8 & 15);
            if (g != 0 && k1 < 63) {
                // One or two symbols (see acPair()); only when the first leaves room for a
                // second (k1 < 63), as the one-symbol path would read a second only then.
                n -= g & 0x3F;
                a <<= g;
                int k2 = k1 + (g >> 12 & 31);
                int sk = sq[k2];
                coef[(sk & 0xFFFF) + base] = (g << 8 >> 25) * (sk >>> 16);
                sk = sq[k1];
                coef[(sk & 0xFFFF) + base] = (g >> 24) * (sk >>> 16);
                k = k2;
                if ((g & HuffmanDecodeTable.END) != 0) {
                    break;
                }
                continue;
            }
            int f = fast[(int) (a >>> (64 - HuffmanDecodeTable.AC_FAST))];
            if (f != 0) {
                n -= f & 0xFF;
                // A long shift uses the low 6 bits of its count (JLS 15.19): here the bits
                // used (<= AC_FAST), as bits 6 and 7 of an entry are zero. One operation less
                // on the chain from one lookup to the next.
                a <<= f;
                int value = f >> 16;
                k += (f >> 8) & 0xFF;     // the run; 15 for ZRL, 0 for EOB
                if (value != 0) {
                    int sk = sq[k];
                    coef[(sk & 0xFFFF) + base] = value * (sk >>> 16);
                } else if ((f >>> 8) == 0) {
                    break;                // EOB
                }
                continue;
            }
            acc = n == 0 ? 0 : a >>> (64 - n);
            nbits = n;
            if (n < 32) {
                fill();                   // a code and its extra bits take up to 32
            }
            int rs = decodeSymbol(ac);
            n = nbits;                    // >= 16
            a = acc << (64 - n);
            int r = rs >> 4;
            s = rs & 15;
            if (s != 0) {
                k += r;
                int v = (int) (a >>> (64 - s));
                n -= s;
                a <<= s;
                int sk = sq[k];
                coef[(sk & 0xFFFF) + base] = (v < (1 << (s - 1)) ? v - (1 << s) + 1 : v) * (sk >>> 16);
            } else {
                if (r != 15) {
                    break;
                }
                k += 15;
            }
        }
        acc = n == 0 ? 0 : a >>> (64 - n);
        nbits = n;
        // Only an EOB as the first AC symbol leaves k at 1 and the block with its DC alone. (A
        // block that starts with ZRL and ends without a coefficient goes to the IDCT, which
        // gives the same samples for the DC of a valid stream.)
        blockHasAc = k != 1;
        return lastPred;
    }

    /** The DC predictor of the block being decoded, kept out of decodeBlock's AC loop. */
    private int lastPred;

    /** Whether the last decodeBlock set any AC coefficient (else only coef[base] may be non-zero). */
    private boolean blockHasAc;

    /**
     * Inverse-transforms the block decodeBlock left in coef into a short plane (12-bit samples;
     * 8-bit blocks go through {@link #block8}), then clears what it set. A block with only a DC
     * coefficient is flat: islow gives every sample ((dc << pass1) + 2^(pass1+2)) >> (pass1 + 3)
     * plus the level shift, exactly as its own DC shortcuts compute.
     */
    private void idct(int[] coef, int[] ws, short[] plane, int off, int stride, int pass1, int maxVal) {
        if (!blockHasAc) {
            int v = (((coef[0] << pass1) + (1 << (pass1 + 2))) >> (pass1 + 3)) + ((maxVal + 1) >> 1);
            short sv = (short) (v < 0 ? 0 : (v > maxVal ? maxVal : v));
            for (int r = 0, o = off; r < 8; r++, o += stride) {
                Arrays.fill(plane, o, o + 8, sv);
            }
            coef[0] = 0;
            return;
        }
        Idct.inverse(coef, ws, plane, off, stride, pass1, maxVal);
        Arrays.fill(coef, 0, 64, 0);
    }

    /** Copies columns [x0, width) of image rows [y0, y1) from the grey byte plane to the destination. */
    private void copyGreyColumns(int y0, int y1, int x0) {
        if (x0 >= width) {
            return;
        }
        byte[] plane = planes8[0];
        int stride = planeStride[0];
        for (int y = y0; y < y1; y++) {
            System.arraycopy(plane, (y - planeRow0) * stride + x0, dstBytes, dstOff + y * width + x0, width - x0);
        }
    }

    // =========================================================================================
    // Output: upsampling (libjpeg's "fancy" triangle filter for 2:1) and colour
    // =========================================================================================

    /** Decides the colour transform and allocates the row buffers (once per frame). */
    private void prepareOutput() {
        if (nComp == 3) {
            boolean transform;
            if (adobeTransform >= 0) {
                transform = adobeTransform != 0;
            } else {
                Photometric p = image.photometric();
                transform = p == Photometric.YBR_FULL || p == Photometric.YBR_FULL_422 || jfif;
            }
            colourTransformed = transform;
        }
        rowBuf = new int[nComp][width + 16];
        colour = colourTransformed ? ColourTables.of(precision) : null;
        colourRows = colourTransformed && precision == 8 ? new ColourRows(width) : null;
    }

    /** Output for the whole frame once every scan is decoded (unless it was streamed). */
    private void output() {
        int rows = image.rows();
        int outLines = Math.min(lines, rows);
        if (!streaming) {
            outputRows(0, outLines);
        }
        if (outLines < rows) {
            zeroRows(outLines);
        }
    }

    /**
     * 4:2:0 streamed, after MCU row my is decoded into plane rows 1 to 16 (Y) and 1 to 8
     * (chroma), plane row 0 holding the previous MCU row's last row: writes the previous MCU
     * row's last pixel row, whose far chroma row is this MCU row's first, and this MCU row's
     * pixel rows but its last (written with the next MCU row, or now if this is the last),
     * then moves the last rows up to plane row 0.
     */
    private void output420(int my) {
        int outLines = Math.min(lines, image.rows());
        int chromaHt = ceilDiv(lines, 2);
        int chromaW = ceilDiv(width, 2);
        int s0 = planeStride[0];
        int s1 = planeStride[1];
        int s2 = planeStride[2];
        int y0 = my * 16;
        int c0 = my * 8;
        int yEnd = Math.min(my == mcusY - 1 ? y0 + 16 : y0 + 15, outLines);
        if (my == 0) {
            colourRows.forgetRows();
        }
        for (int y = my > 0 ? y0 - 1 : y0; y < yEnd; y++) {
            int cy = y >> 1;
            int ny = (y & 1) == 0 ? Math.max(cy - 1, 0) : Math.min(cy + 1, chromaHt - 1);
            colourRows.h2v2ToRgb8(planes8[0], (1 + y - y0) * s0, planes8[1], s1, planes8[2], s2, 1 + cy - c0,
                    1 + ny - c0, chromaW, width, dstBytes, dstOff + y * width * 3);
        }
        System.arraycopy(planes8[0], 16 * s0, planes8[0], 0, s0);
        System.arraycopy(planes8[1], 8 * s1, planes8[1], 0, s1);
        System.arraycopy(planes8[2], 8 * s2, planes8[2], 0, s2);
        colourRows.moveRow(8, 0);         // the other plane rows will hold other chroma rows
    }

    /** Upsamples, converts and writes image rows [y0, y1) to the destination. */
    private void outputRows(int y0, int y1) {
        int nc = nComp;
        int[][] rowBuf = this.rowBuf;
        int maxVal = (1 << precision) - 1;
        ColourTables ct = colour;
        boolean direct = ct != null && dstBytes != null && planes8 != null && compH[0] == hMax && compV[0] == vMax;
        boolean grey8 = nc == 1 && dstBytes != null && planes8 != null && compH[0] == hMax && compV[0] == vMax;
        // The common cases, fused: 4:4:4 and 4:2:2 (libjpeg h2v1 fancy) straight from the planes.
        boolean chromaFull = direct && compH[1] == hMax && compH[2] == hMax && compV[1] == vMax && compV[2] == vMax;
        int chromaW = ceilDiv(width, 2);
        boolean h2v1 = direct && hMax == 2 && compH[1] == 1 && compH[2] == 1 && compV[1] == vMax
                && compV[2] == vMax && ceilDiv(width * compH[1], hMax) > 2;
        // 4:2:0 (libjpeg h2v2 fancy), fused; the frame is held whole (never streamed) then.
        boolean h2v2 = direct && hMax == 2 && vMax == 2 && compH[1] == 1 && compH[2] == 1 && compV[1] == 1
                && compV[2] == 1 && chromaW > 2 && !streaming;
        int chromaHt = ceilDiv(lines, 2);
        if (h2v2) {
            colourRows.forgetRows();
        }
        for (int y = y0; y < y1; y++) {
            int o = dstOff + y * width * nc;
            int pr = y - planeRow0;
            if (h2v2) {
                int cy = y >> 1;
                int ny = (y & 1) == 0 ? Math.max(cy - 1, 0) : Math.min(cy + 1, chromaHt - 1);
                int s1 = planeStride[1];
                int s2 = planeStride[2];
                colourRows.h2v2ToRgb8(planes8[0], y * planeStride[0], planes8[1], s1, planes8[2], s2, cy, ny,
                        chromaW, width, dstBytes, o);
                continue;
            }
            if (grey8) {
                System.arraycopy(planes8[0], pr * planeStride[0], dstBytes, o, width);
                continue;
            }
            if (chromaFull) {
                colourRows.fullToRgb8(planes8[0], pr * planeStride[0], planes8[1], pr * planeStride[1], planes8[2],
                        pr * planeStride[2], width, dstBytes, o);
                continue;
            }
            if (h2v1) {
                colourRows.h2v1ToRgb8(planes8[0], pr * planeStride[0], planes8[1], pr * planeStride[1], planes8[2],
                        pr * planeStride[2], chromaW, width, dstBytes, o);
                continue;
            }
            if (direct) {
                upsampleRow(1, y, rowBuf[1]);
                upsampleRow(2, y, rowBuf[2]);
                ct.toRgb8(planes8[0], (y - planeRow0) * planeStride[0], rowBuf[1], rowBuf[2], width, dstBytes, o);
                continue;
            }
            for (int c = 0; c < nc; c++) {
                upsampleRow(c, y, rowBuf[c]);
            }
            if (nc == 1) {
                int[] r0 = rowBuf[0];
                if (dstBytes != null) {
                    for (int x = 0; x < width; x++) {
                        dstBytes[o + x] = (byte) r0[x];
                    }
                } else {
                    for (int x = 0; x < width; x++) {
                        dstShorts[o + x] = (short) r0[x];
                    }
                }
            } else if (ct != null) {
                ct.toRgb(rowBuf[0], rowBuf[1], rowBuf[2], width, dstBytes, dstShorts, o, maxVal);
            } else {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < nc; c++) {
                        int v = rowBuf[c][x];
                        if (dstBytes != null) {
                            dstBytes[o + x * nc + c] = (byte) v;
                        } else {
                            dstShorts[o + x * nc + c] = (short) v;
                        }
                    }
                }
            }
        }
    }

    private void zeroRemainingRows() {
        zeroRows(lines);
    }

    private void zeroRows(int fromRow) {
        int from = dstOff + fromRow * width * nComp;
        int to = dstOff + image.samplesPerFrame();
        if (dstBytes != null) {
            Arrays.fill(dstBytes, from, to, (byte) 0);
        } else {
            Arrays.fill(dstShorts, from, to, (short) 0);
        }
    }

    /** Produces output row y of component c at full resolution into out[0..width). */
    private void upsampleRow(int c, int y, int[] out) {
        int stride = planeStride[c];
        int hf = hMax / compH[c];
        int vf = vMax / compV[c];
        int compW = ceilDiv(width * compH[c], hMax);
        int compHt = ceilDiv(lines * compV[c], vMax);
        if (hf == 1 && vf == 1) {
            planeRow(c, (y - planeRow0) * stride, out, width);
        } else if (hf == 2 && vf == 1 && compW > 2) {
            // libjpeg h2v1 fancy upsampling: each output is 3/4 nearer + 1/4 further input,
            // rounding alternately down and up.
            int[] plane = rowA;
            planeRow(c, (y - planeRow0) * stride, plane, compW);
            int o = 0;
            int n = compW;
            int v0 = plane[o];
            out[0] = v0;
            out[1] = (v0 * 3 + plane[o + 1] + 2) >> 2;
            for (int i = 1; i < n - 1; i++) {
                int v = plane[o + i] * 3;
                out[2 * i] = (v + plane[o + i - 1] + 1) >> 2;
                out[2 * i + 1] = (v + plane[o + i + 1] + 2) >> 2;
            }
            int vl = plane[o + n - 1];
            out[2 * n - 2] = (vl * 3 + plane[o + n - 2] + 1) >> 2;
            out[2 * n - 1] = vl;
        } else if (hf == 2 && vf == 2 && compW > 2) {
            // libjpeg h2v2 fancy upsampling: vertical 3:1 with the nearer neighbour row (edge
            // rows replicated), then horizontal 3:1, with the bias 8/7 alternating.
            int cy = y >> 1;
            int ny = (y & 1) == 0 ? cy - 1 : cy + 1;
            if (ny < 0) {
                ny = 0;
            } else if (ny > compHt - 1) {
                ny = compHt - 1;
            }
            planeRow(c, cy * stride, rowA, compW);
            planeRow(c, ny * stride, rowB, compW);
            int[] plane = rowA;
            int[] plane1 = rowB;
            int o0 = 0;
            int o1 = 0;
            int n = compW;
            int thisSum = plane[o0] * 3 + plane1[o1];
            int nextSum = plane[o0 + 1] * 3 + plane1[o1 + 1];
            out[0] = (thisSum * 4 + 8) >> 4;
            out[1] = (thisSum * 3 + nextSum + 7) >> 4;
            int lastSum = thisSum;
            thisSum = nextSum;
            for (int i = 1; i < n - 1; i++) {
                nextSum = plane[o0 + i + 1] * 3 + plane1[o1 + i + 1];
                out[2 * i] = (thisSum * 3 + lastSum + 8) >> 4;
                out[2 * i + 1] = (thisSum * 3 + nextSum + 7) >> 4;
                lastSum = thisSum;
                thisSum = nextSum;
            }
            out[2 * n - 2] = (thisSum * 3 + lastSum + 8) >> 4;
            out[2 * n - 1] = (thisSum * 4 + 7) >> 4;
        } else {
            // Replication (libjpeg int_upsample, h2v1_upsample, h2v2_upsample).
            int[] plane = rowA;
            planeRow(c, ((y - planeRow0) / vf) * stride, plane, compW);
            for (int x = 0; x < width; x++) {
                out[x] = plane[x / hf];
            }
        }
    }

    /** Copies n samples of component c's plane from index o into row as ints. */
    private void planeRow(int c, int o, int[] row, int n) {
        if (planes8 != null) {
            byte[] p = planes8[c];
            for (int x = 0; x < n; x++) {
                row[x] = p[o + x] & 0xFF;
            }
        } else {
            short[] p = planes[c];
            for (int x = 0; x < n; x++) {
                row[x] = p[o + x];
            }
        }
    }

    // =========================================================================================
    // Lossless output access for LosslessScan
    // =========================================================================================

    int precision() {
        return precision;
    }

    int width() {
        return width;
    }

    int lines() {
        return lines;
    }

    int components() {
        return nComp;
    }

    int restartInterval() {
        return restartInterval;
    }

    HuffmanDecodeTable dcTable(int i) {
        return dcTables[i];
    }

    byte[] dstBytes() {
        return dstBytes;
    }

    short[] dstShorts() {
        return dstShorts;
    }

    int dstOff() {
        return dstOff;
    }

    MalformedDataException badData(String reason) {
        return bad(reason);
    }
}
