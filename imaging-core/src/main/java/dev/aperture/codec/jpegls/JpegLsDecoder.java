// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one JPEG-LS frame (T.87 Annex C and D: SOI, SOF55, LSE, DRI, SOS, RSTm, EOI).
 *
 * <p>Stateless and thread-safe.
 *
 * <p>Markers handled: APPn and COM are skipped; LSE type 1 (preset coding parameters) applies
 * to the scans that follow; LSE type 4 (oversize dimensions) supplies a zero height or width of
 * SOF55; LSE types 2 and 3 (mapping tables and their continuations) define tables that a scan
 * selects per component (Tdi of SOS). Fill bytes 0xFF before a marker are skipped.
 *
 * <p>A component that selects a mapping table is output as the table's values, not as the
 * decoded indices (T.87 C.2.4.1.2; PS3.5 wants the Pixel Data after the palette is applied).
 * Entries may be one or two bytes (at most Bits Allocated); wider entries (several samples per
 * entry, a colour palette for a one-component frame) are rejected as unsupported. Peers differ:
 * DCMTK 3.6.7 ({@code dcmdjpls}) ignores the table and returns the indices, and GDCM 3.0.21
 * ({@code gdcmconv}) rejects such streams.
 *
 * <p>The HP colour transforms HP1, HP2 and HP3 (an APP8 segment "mrfx", the extension of HP's
 * LOCO-I that CharLS writes and reads) are undone after the last scan, for three-component
 * frames.
 *
 * <p>Streams written by the JAI-ImageIO CLib encoder above 12 bits used thresholds computed
 * without clamping MAXVAL to 4095 and wrote no LSE segment. When such a stream (P &gt; 12, no
 * preset parameters, lossless) does not decode with the standard defaults, the JAI thresholds
 * are tried and, if they decode the scan exactly, a {@link Repair} says so.
 */
final class JpegLsDecoder implements FrameDecoder {

    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DRI = 0xDD;

    private static final int NO_TAG = ApertureException.NO_TAG;

    /** True for the lossless transfer syntax, where a NEAR above zero is reported as a repair. */
    private final boolean losslessSyntax;

    JpegLsDecoder(boolean losslessSyntax) {
        this.losslessSyntax = losslessSyntax;
    }

    @Override
    public DecodedFrame decode(ByteBuffer encoded, ImageDescriptor image, Samples dst) {
        short[] outS = null;
        byte[] outB = null;
        int outOff;
        int need = image.samplesPerFrame();
        if (image.bitsAllocated() == 16) {
            if (!(dst instanceof ShortSamples s)) {
                throw new IllegalArgumentException("16-bit samples need ShortSamples");
            }
            if (s.length() < need) {
                throw new IllegalArgumentException("destination holds " + s.length() + " samples, frame has " + need);
            }
            outS = s.array();
            outOff = s.offset();
        } else if (image.bitsAllocated() == 8) {
            if (!(dst instanceof ByteSamples s)) {
                throw new IllegalArgumentException("8-bit samples need ByteSamples");
            }
            if (s.length() < need) {
                throw new IllegalArgumentException("destination holds " + s.length() + " samples, frame has " + need);
            }
            outB = s.array();
            outOff = s.offset();
        } else {
            throw new UnsupportedDataException("JPEG-LS needs Bits Allocated 8 or 16");
        }
        ByteBuffer in = encoded.duplicate();
        byte[] buf;
        int start;
        int end;
        if (in.hasArray()) {
            buf = in.array();
            start = in.arrayOffset() + in.position();
            end = in.arrayOffset() + in.limit();
        } else {
            buf = new byte[in.remaining()];
            in.get(buf);
            start = 0;
            end = buf.length;
        }
        Frame f = new Frame(buf, start, end, image, outS, outB, outOff, false);
        try {
            f.run();
        } catch (MalformedDataException standardFailure) {
            if (!f.jaiCandidate()) {
                throw standardFailure;
            }
            Frame jai = new Frame(buf, start, end, image, outS, outB, outOff, true);
            try {
                jai.run();
            } catch (ApertureException jaiFailure) {
                throw standardFailure;
            }
            jai.repairs.add(0, new Repair("JPEG-LS stream from the JAI-ImageIO encoder: decoded with its "
                    + "non-standard default thresholds above 12 bits", f.sofOffset - start, NO_TAG));
            f = jai;
        }
        if (losslessSyntax && f.maxNear > 0) {
            f.repairs.add(new Repair("near-lossless JPEG-LS scan under the lossless transfer syntax", -1, NO_TAG));
        }
        return new DecodedFrame(image.photometric(), f.precision, image.signed(), f.repairs);
    }

    /** One mapping table (T.87 C.2.4.1.2): entries of {@code width} bytes, big-endian. */
    private static final class MappingTable {
        /** Indices are samples of at most 16 bits. */
        static final int MAX_ENTRIES = 1 << 16;

        final int width;
        int[] values = new int[0];
        int count;

        MappingTable(int width) {
            this.width = width;
        }

        void add(byte[] b, int at, int entries) {
            if (count + entries > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(count + entries, Math.min(MAX_ENTRIES, 2 * values.length)));
            }
            for (int i = 0; i < entries; i++) {
                int v = 0;
                for (int j = 0; j < width; j++) {
                    v = (v << 8) | (b[at + i * width + j] & 0xFF);
                }
                values[count + i] = v;
            }
            count += entries;
        }

        /** A copy that later continuations of the same table ID do not change. */
        MappingTable frozen() {
            MappingTable t = new MappingTable(width);
            t.values = java.util.Arrays.copyOf(values, count);
            t.count = count;
            return t;
        }
    }

    /** The parse of one frame. */
    private static final class Frame {
        private final byte[] buf;
        private final int start;
        private final int end;
        private final ImageDescriptor image;
        private final short[] outS;
        private final byte[] outB;
        private final int outOff;
        private final boolean jai;
        final List<Repair> repairs = new ArrayList<>();

        int pos;
        int sofOffset = -1;
        int precision;
        int height;
        int width;
        int components;
        int[] componentIds;
        /** Preset values of the last LSE type 1 (0 = default), or null. */
        int[] preset;
        int restart;
        int maxNear;
        boolean[] done;
        boolean sawPreset;
        /** HP colour transform of the APP8 "mrfx" segment: 0 none, 1..3 HP1..HP3. */
        int transform;
        int transformAt;
        /** Mapping tables by table ID (1..255), or null before the first. */
        MappingTable[] tables;
        /** The tables the current scan's components select (by scan index), or null. */
        MappingTable[] maps;

        Frame(byte[] buf, int start, int end, ImageDescriptor image, short[] outS, byte[] outB, int outOff,
              boolean jai) {
            this.buf = buf;
            this.start = start;
            this.end = end;
            this.image = image;
            this.outS = outS;
            this.outB = outB;
            this.outOff = outOff;
            this.jai = jai;
        }

        /** Whether a failure may be the JAI encoder's thresholds (T.87 defaults differ only above 12 bits). */
        boolean jaiCandidate() {
            return sofOffset >= 0 && precision > 12 && !sawPreset && maxNear == 0;
        }

        private MalformedDataException malformed(String reason, int at) {
            return new MalformedDataException(reason, at - start, NO_TAG);
        }

        private int u8(int at) {
            if (at >= end) {
                throw malformed("JPEG-LS data truncated", at);
            }
            return buf[at] & 0xFF;
        }

        private int u16(int at) {
            return (u8(at) << 8) | u8(at + 1);
        }

        void run() {
            pos = start;
            if (u8(pos) != 0xFF || u8(pos + 1) != SOI) {
                throw malformed("JPEG-LS data do not start with SOI", pos);
            }
            pos += 2;
            while (true) {
                int at = pos;
                if (pos >= end && done != null && allDone()) {
                    // every sample decoded, but EOI is missing (seen from truncated fragments)
                    repairs.add(new Repair("JPEG-LS data end without EOI after the last scan", at - start, NO_TAG));
                    inverseColourTransform();
                    return;
                }
                if (u8(pos) != 0xFF) {
                    throw malformed("JPEG-LS marker expected", pos);
                }
                while (u8(pos + 1) == 0xFF) {
                    pos++; // fill bytes
                }
                int marker = u8(pos + 1);
                pos += 2;
                switch (marker) {
                    case EOI -> {
                        finish(at);
                        inverseColourTransform();
                        return;
                    }
                    case SOF55 -> startOfFrame(at);
                    case LSE -> lse(at);
                    case DRI -> restartInterval(at);
                    case SOS -> scan(at);
                    case SOI -> {
                        // a SPIFF header (APP8) ends with an end-of-directory entry followed by
                        // the image's own SOI (T.87 Annex G); any other second SOI is an error
                        if (sofOffset >= 0) {
                            throw malformed("JPEG-LS data have a second SOI", at);
                        }
                    }
                    default -> {
                        if ((marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE) {
                            int len = u16(pos);
                            if (len < 2) {
                                throw malformed("JPEG-LS segment length too small", pos);
                            }
                            if (marker == 0xE8 && len >= 7 && u8(pos + 2) == 'm' && u8(pos + 3) == 'r'
                                    && u8(pos + 4) == 'f' && u8(pos + 5) == 'x') {
                                // HP colour transform (the HP/CharLS extension): 0 none, 1..3 HP1..HP3
                                int t = u8(pos + 6);
                                if (t > 3) {
                                    throw new UnsupportedDataException("JPEG-LS colour transform other than HP1..HP3",
                                            at - start, NO_TAG);
                                }
                                transform = t;
                                transformAt = at;
                            }
                            skip(len);
                        } else if ((marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8
                                && marker != 0xCC) {
                            throw new UnsupportedDataException("not a JPEG-LS frame (other SOF)", at - start, NO_TAG);
                        } else {
                            throw malformed("JPEG-LS data have an unexpected marker", at);
                        }
                    }
                }
            }
        }

        private void skip(int len) {
            if ((long) pos + len > end) {
                throw malformed("JPEG-LS segment runs past the end", pos);
            }
            pos += len;
        }

        private void startOfFrame(int at) {
            if (sofOffset >= 0) {
                throw malformed("JPEG-LS data have a second SOF55", at);
            }
            sofOffset = at;
            int len = u16(pos);
            precision = u8(pos + 2);
            height = u16(pos + 3);
            width = u16(pos + 5);
            components = u8(pos + 7);
            if (components < 1 || components > 4 || len != 8 + 3 * components) {
                throw malformed("JPEG-LS SOF55 malformed", at);
            }
            if (precision < 2 || precision > 16) {
                throw malformed("JPEG-LS precision outside 2..16", at);
            }
            componentIds = new int[components];
            int sampling = u8(pos + 9);
            for (int i = 0; i < components; i++) {
                componentIds[i] = u8(pos + 8 + 3 * i);
                for (int j = 0; j < i; j++) {
                    if (componentIds[j] == componentIds[i]) {
                        throw malformed("JPEG-LS SOF55 repeats a component", at);
                    }
                }
                if (u8(pos + 9 + 3 * i) != sampling) {
                    throw new UnsupportedDataException("JPEG-LS subsampled components", at - start, NO_TAG);
                }
            }
            skip(len);
            done = new boolean[components];
            if (components != image.samplesPerPixel()) {
                throw malformed("JPEG-LS component count differs from Samples per Pixel", at);
            }
            if (precision > image.bitsAllocated()) {
                throw malformed("JPEG-LS precision exceeds Bits Allocated", at);
            }
            if (precision != image.bitsStored()) {
                repairs.add(new Repair("JPEG-LS precision differs from Bits Stored; samples decoded at the "
                        + "codestream's precision", at - start, NO_TAG));
            }
        }

        private void checkDimensions(int at) {
            if (height == 0 || width == 0) {
                throw malformed("JPEG-LS frame dimensions missing", at);
            }
            if (height != image.rows() || width != image.columns()) {
                throw malformed("JPEG-LS frame dimensions differ from Rows and Columns", at);
            }
        }

        private void lse(int at) {
            int len = u16(pos);
            if (len < 3) {
                throw malformed("JPEG-LS LSE segment length too small", at);
            }
            int id = u8(pos + 2);
            switch (id) {
                case 1 -> {
                    if (len != 13) {
                        throw malformed("JPEG-LS LSE preset parameters malformed", at);
                    }
                    preset = new int[] {u16(pos + 3), u16(pos + 5), u16(pos + 7), u16(pos + 9), u16(pos + 11)};
                    sawPreset = true;
                }
                case 2, 3 -> mappingTable(id, len, at);
                case 4 -> {
                    if (sofOffset < 0) {
                        throw malformed("JPEG-LS oversize dimensions before SOF55", at);
                    }
                    int wxy = u8(pos + 3);
                    if (wxy < 2 || wxy > 4 || len != 4 + 2 * wxy) {
                        throw malformed("JPEG-LS LSE oversize dimensions malformed", at);
                    }
                    long h = 0;
                    long w = 0;
                    for (int i = 0; i < wxy; i++) {
                        h = (h << 8) | u8(pos + 4 + i);
                        w = (w << 8) | u8(pos + 4 + wxy + i);
                    }
                    if (h > 0xFFFF || w > 0xFFFF) {
                        throw malformed("JPEG-LS frame dimensions differ from Rows and Columns", at);
                    }
                    height = (int) h;
                    width = (int) w;
                }
                default -> throw malformed("JPEG-LS LSE segment of unknown type", at);
            }
            skip(len);
        }

        /**
         * LSE type 2 (mapping table specification) or 3 (its continuation), T.87 C.2.4.1.2 and
         * C.2.4.1.3: TID, Wt, then entries of Wt bytes each, appended for a continuation.
         */
        private void mappingTable(int id, int len, int at) {
            if (len < 5) {
                throw malformed("JPEG-LS LSE mapping table malformed", at);
            }
            int tid = u8(pos + 3);
            int wt = u8(pos + 4);
            int bytes = len - 5;
            if (tid == 0 || wt == 0 || bytes % wt != 0) {
                throw malformed("JPEG-LS LSE mapping table malformed", at);
            }
            if ((long) pos + len > end) {
                throw malformed("JPEG-LS segment runs past the end", pos);
            }
            if (tables == null) {
                tables = new MappingTable[256];
            }
            MappingTable t = tables[tid];
            if (id == 2) {
                t = new MappingTable(wt);
                tables[tid] = t;
            } else if (t == null || t.width != wt) {
                throw malformed("JPEG-LS LSE mapping table continuation without its table", at);
            }
            int entries = bytes / wt;
            if (t.count + entries > MappingTable.MAX_ENTRIES) {
                throw malformed("JPEG-LS LSE mapping table too large", at);
            }
            t.add(buf, pos + 5, entries);
        }

        private void restartInterval(int at) {
            int len = u16(pos);
            if (len < 4 || len > 6) {
                throw malformed("JPEG-LS DRI segment malformed", at);
            }
            int ri = 0;
            for (int i = 2; i < len; i++) {
                ri = (ri << 8) | u8(pos + i);
            }
            if (ri < 0) {
                throw malformed("JPEG-LS DRI segment malformed", at);
            }
            restart = ri;
            skip(len);
        }

        private void scan(int at) {
            if (sofOffset < 0) {
                throw malformed("JPEG-LS SOS before SOF55", at);
            }
            checkDimensions(at);
            int len = u16(pos);
            int ns = u8(pos + 2);
            if (ns < 1 || ns > components || len != 6 + 2 * ns) {
                throw malformed("JPEG-LS SOS malformed", at);
            }
            int[] comps = new int[ns];
            for (int i = 0; i < ns; i++) {
                int id = u8(pos + 3 + 2 * i);
                int idx = -1;
                for (int j = 0; j < components; j++) {
                    if (componentIds[j] == id) {
                        idx = j;
                    }
                }
                if (idx < 0 || done[idx]) {
                    throw malformed("JPEG-LS SOS names an unknown or repeated component", at);
                }
                for (int j = 0; j < i; j++) {
                    if (comps[j] == idx) {
                        throw malformed("JPEG-LS SOS names an unknown or repeated component", at);
                    }
                }
                comps[i] = idx;
                int tdi = u8(pos + 4 + 2 * i);
                if (tdi != 0) {
                    MappingTable t = tables == null ? null : tables[tdi];
                    if (t == null) {
                        throw malformed("JPEG-LS SOS selects a mapping table that was not specified", at);
                    }
                    if (8 * t.width > image.bitsAllocated()) {
                        // entries of several samples (a colour palette) would change the
                        // number of samples per pixel, which the descriptor fixes
                        throw new UnsupportedDataException("JPEG-LS mapping table entries wider than Bits Allocated",
                                at - start, NO_TAG);
                    }
                    if (maps == null) {
                        maps = new MappingTable[ns];
                    }
                    maps[i] = t.frozen();
                }
            }
            int near = u8(pos + 3 + 2 * ns);
            int ilv = u8(pos + 4 + 2 * ns);
            int pt = u8(pos + 5 + 2 * ns);
            if (ilv > 2 || (ilv == 0 && ns != 1)) {
                throw malformed("JPEG-LS SOS interleave mode invalid", at);
            }
            if ((pt & 0x0F) != 0) {
                throw new UnsupportedDataException("JPEG-LS point transform", at - start, NO_TAG);
            }
            skip(len);
            JlsParams params = params(near, at);
            maxNear = Math.max(maxNear, near);
            // mapped samples are the table's values, taken as they are: indices are never
            // sign-extended
            int signShift = image.signed() && outS != null && maps == null ? 32 - precision : 0;
            ScanDecoder sd = new ScanDecoder(params, near, buf, pos, end, width, components, outS, outB, outOff,
                    signShift);
            try {
                pos = sd.decode(comps, ilv, height, restart);
            } catch (MalformedDataException e) {
                throw new MalformedDataException(e.reason(), e.offset() - start, NO_TAG);
            }
            if (maps != null) {
                for (int i = 0; i < ns; i++) {
                    if (maps[i] != null) {
                        applyMapping(maps[i], comps[i], at);
                    }
                }
                maps = null;
            }
            for (int c : comps) {
                done[c] = true;
            }
        }

        /**
         * Replaces each decoded sample of component {@code comp} by its table entry (T.87
         * C.2.4.1.2: the output of a component with a mapping table is the table's value for
         * the decoded index), which is what PS3.5 wants in Pixel Data.
         */
        private void applyMapping(MappingTable t, int comp, int at) {
            int[] values = t.values;
            int n = t.count;
            int stride = components;
            int samples = height * width;
            if (outS != null) {
                short[] o = outS;
                for (int i = 0, d = outOff + comp; i < samples; i++, d += stride) {
                    int v = o[d] & 0xFFFF;
                    if (v >= n) {
                        throw malformed("JPEG-LS sample lies outside its mapping table", at);
                    }
                    o[d] = (short) values[v];
                }
            } else {
                byte[] o = outB;
                for (int i = 0, d = outOff + comp; i < samples; i++, d += stride) {
                    int v = o[d] & 0xFF;
                    if (v >= n) {
                        throw malformed("JPEG-LS sample lies outside its mapping table", at);
                    }
                    o[d] = (byte) values[v];
                }
            }
        }

        private JlsParams params(int near, int at) {
            int fullMax = (1 << precision) - 1;
            if (near > Math.min(255, fullMax / 2)) {
                throw malformed("JPEG-LS NEAR too large", at);
            }
            if (preset == null) {
                return jai ? JlsParams.jai(fullMax, near) : JlsParams.defaults(fullMax, near);
            }
            JlsParams p = JlsParams.resolve(precision, near, preset[0], preset[1], preset[2], preset[3], preset[4]);
            if (p == null) {
                throw malformed("JPEG-LS preset coding parameters out of range", at);
            }
            return p;
        }

        /**
         * Undoes the HP colour transform of the APP8 "mrfx" segment (HP Labs' LOCO-I extension,
         * as CharLS writes and reads it) once every component is decoded. With range = 2^P and
         * all arithmetic modulo range, the decoded components (v1, v2, v3) give:
         * HP1: R = v1 + v2 - range/2, G = v2, B = v3 + v2 - range/2;
         * HP2: R and G as HP1, B = v3 + ((R + G) >> 1) - range/2;
         * HP3: G = v1 - ((v2 + v3) >> 2) + range/4, R = v3 + G - range/2, B = v2 + G - range/2.
         */
        private void inverseColourTransform() {
            if (transform == 0) {
                return;
            }
            if (components != 3) {
                throw new UnsupportedDataException("JPEG-LS colour transform of a frame without three components",
                        transformAt - start, NO_TAG);
            }
            int mask = (1 << precision) - 1;
            int half = (mask + 1) >> 1;
            int quarter = (mask + 1) >> 2;
            int pixels = height * width;
            int t = transform;
            for (int i = 0, d = outOff; i < pixels; i++, d += 3) {
                int v1;
                int v2;
                int v3;
                if (outS != null) {
                    v1 = outS[d] & mask;
                    v2 = outS[d + 1] & mask;
                    v3 = outS[d + 2] & mask;
                } else {
                    v1 = outB[d] & mask;
                    v2 = outB[d + 1] & mask;
                    v3 = outB[d + 2] & mask;
                }
                int r;
                int g;
                int b;
                if (t == 3) {
                    g = (v1 - ((v2 + v3) >> 2) + quarter) & mask;
                    r = (v3 + g - half) & mask;
                    b = (v2 + g - half) & mask;
                } else {
                    g = v2;
                    r = (v1 + v2 - half) & mask;
                    b = t == 1 ? (v3 + v2 - half) & mask : (v3 + ((r + g) >> 1) - half) & mask;
                }
                if (outS != null) {
                    outS[d] = (short) r;
                    outS[d + 1] = (short) g;
                    outS[d + 2] = (short) b;
                } else {
                    outB[d] = (byte) r;
                    outB[d + 1] = (byte) g;
                    outB[d + 2] = (byte) b;
                }
            }
        }

        private boolean allDone() {
            for (boolean d : done) {
                if (!d) {
                    return false;
                }
            }
            return true;
        }

        private void finish(int at) {
            if (sofOffset < 0) {
                throw malformed("JPEG-LS data have no SOF55", at);
            }
            for (boolean d : done) {
                if (!d) {
                    throw malformed("JPEG-LS data end before every component was decoded", at);
                }
            }
        }
    }
}
