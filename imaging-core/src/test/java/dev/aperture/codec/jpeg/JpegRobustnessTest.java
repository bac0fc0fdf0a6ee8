// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.imaging.UnsupportedDataException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Non-conforming streams that real encoders wrote and the major toolkits accept (each accepted
 * with a {@link Repair}), and malformed ones (only the library's exceptions).
 */
class JpegRobustnessTest {

    private static final JpegDecoder DECODER = new JpegDecoder(true, true);
    private static final ImageDescriptor IMAGE = ImageDescriptor.of(30, 20, 1, 16, 12, false, Photometric.MONOCHROME2);

    private static short[] source() {
        Random rnd = new Random(42);
        short[] s = new short[IMAGE.samplesPerFrame()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (2000 + (i % 20) * 40 + rnd.nextInt(64));
        }
        return s;
    }

    private static byte[] losslessStream() {
        return new LosslessEncoder(true, 0).encode(ShortSamples.of(source()), IMAGE, EncodeOptions.DEFAULT).bytes();
    }

    private static DecodedFrame decode(byte[] stream, ImageDescriptor image, short[] out) {
        return DECODER.decode(ByteBuffer.wrap(stream), image, ShortSamples.of(out));
    }

    private static boolean hasRepair(DecodedFrame f, String text) {
        return f.repairs().stream().anyMatch(r -> r.description().contains(text));
    }

    /** Index of the first 0xFF marker byte followed by code, searching marker segments from the start. */
    private static int find(byte[] s, int code) {
        for (int i = 0; i + 1 < s.length; i++) {
            if ((s[i] & 0xFF) == 0xFF && (s[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void missingEoiIsRepaired() {
        byte[] s = losslessStream();
        byte[] cut = Arrays.copyOf(s, s.length - 2);
        short[] out = new short[IMAGE.samplesPerFrame()];
        DecodedFrame f = decode(cut, IMAGE, out);
        assertArrayEquals(source(), out);
        assertTrue(hasRepair(f, "missing EOI"), f.repairs().toString());
    }

    @Test
    void bytesAfterEoiAreIgnoredAndAPadByteIsNormal() {
        short[] out = new short[IMAGE.samplesPerFrame()];
        DecodedFrame padded = decode(concat(losslessStream(), new byte[] {0}), IMAGE, out);
        assertArrayEquals(source(), out);
        assertTrue(padded.repairs().isEmpty(), padded.repairs().toString());
        DecodedFrame junk = decode(concat(losslessStream(), new byte[] {1, 2, 3, (byte) 0xFF, (byte) 0xD9}), IMAGE, out);
        assertArrayEquals(source(), out);
        assertTrue(hasRepair(junk, "after EOI"), junk.repairs().toString());
    }

    @Test
    void zeroLinesWithDnlUseRows() {
        byte[] s = losslessStream();
        int sof = find(s, JpegMarkers.SOF3);
        s[sof + 5] = 0;
        s[sof + 6] = 0;
        int eoi = s.length - 2;
        byte[] dnl = {(byte) 0xFF, (byte) JpegMarkers.DNL, 0, 4, 0, 30};
        byte[] withDnl = concat(Arrays.copyOf(s, eoi), dnl, new byte[] {(byte) 0xFF, (byte) 0xD9});
        short[] out = new short[IMAGE.samplesPerFrame()];
        DecodedFrame f = decode(withDnl, IMAGE, out);
        assertArrayEquals(source(), out);
        assertTrue(hasRepair(f, "0 lines"), f.repairs().toString());
    }

    @Test
    void moreLinesThanRowsKeepsTheFirstRows() {
        ImageDescriptor shorter = ImageDescriptor.of(25, 20, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] out = new short[shorter.samplesPerFrame()];
        DecodedFrame f = decode(losslessStream(), shorter, out);
        assertArrayEquals(Arrays.copyOf(source(), out.length), out);
        assertTrue(hasRepair(f, "more lines than Rows"), f.repairs().toString());
    }

    @Test
    void fewerLinesThanRowsZeroFillsTheRest() {
        ImageDescriptor taller = ImageDescriptor.of(33, 20, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] out = new short[taller.samplesPerFrame()];
        Arrays.fill(out, (short) 7);
        DecodedFrame f = decode(losslessStream(), taller, out);
        assertArrayEquals(source(), Arrays.copyOf(out, IMAGE.samplesPerFrame()));
        for (int i = IMAGE.samplesPerFrame(); i < out.length; i++) {
            assertEquals(0, out[i]);
        }
        assertTrue(hasRepair(f, "fewer lines"), f.repairs().toString());
    }

    @Test
    void scanEndingEarlyAtAMarkerIsRepairedButTruncationIsNot() {
        byte[] s = losslessStream();
        int sos = find(s, JpegMarkers.SOS);
        int dataStart = sos + 2 + 8;
        int mid = dataStart + (s.length - dataStart) / 2;
        byte[] early = concat(Arrays.copyOf(s, mid), new byte[] {(byte) 0xFF, (byte) 0xD9});
        short[] out = new short[IMAGE.samplesPerFrame()];
        DecodedFrame f = decode(early, IMAGE, out);
        assertTrue(hasRepair(f, "ended early"), f.repairs().toString());
        assertThrows(MalformedDataException.class, () -> decode(Arrays.copyOf(s, mid), IMAGE, out));
    }

    @Test
    void missingHuffmanTablesMeanTheAnnexKOnes() {
        int w = 40;
        int h = 24;
        byte[] src = new byte[w * h * 3];
        Random rnd = new Random(1);
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) ((i * 5 / 3 + rnd.nextInt(20)) & 0xFF);
        }
        ImageDescriptor rgb = ImageDescriptor.of(h, w, 3, 8, 8, false, Photometric.RGB);
        byte[] full = new DctEncoder(false, 0, true, false).encode(ByteSamples.of(src), rgb, EncodeOptions.DEFAULT).bytes();
        ImageDescriptor image = rgb.withPhotometric(Photometric.YBR_FULL_422);
        byte[] expected = new byte[src.length];
        DECODER.decode(ByteBuffer.wrap(full), image, ByteSamples.of(expected));
        // Remove every DHT segment.
        ByteArrayOutputStream stripped = new ByteArrayOutputStream();
        int i = 2;
        stripped.write(full, 0, 2);
        while (true) {
            int code = full[i + 1] & 0xFF;
            int len = ((full[i + 2] & 0xFF) << 8) | (full[i + 3] & 0xFF);
            if (code == JpegMarkers.SOS) {
                stripped.write(full, i, full.length - i);
                break;
            }
            if (code != JpegMarkers.DHT) {
                stripped.write(full, i, 2 + len);
            }
            i += 2 + len;
        }
        byte[] out = new byte[src.length];
        DecodedFrame f = DECODER.decode(ByteBuffer.wrap(stripped.toByteArray()), image, ByteSamples.of(out));
        assertArrayEquals(expected, out);
        assertTrue(hasRepair(f, "Annex K"), f.repairs().toString());
    }

    @Test
    void dcTableListingUnusableCategoriesIsAccepted() {
        // Append symbols 17.. at length 16 to the lossless table, in the code space left free
        // above the longest code (existing codes keep their values, T.81 Annex C).
        byte[] s = losslessStream();
        int dht = find(s, JpegMarkers.DHT);
        int len = ((s[dht + 2] & 0xFF) << 8) | (s[dht + 3] & 0xFF);
        int countsAt = dht + 5;
        int maxLen = 0;
        int total = 0;
        for (int i = 0; i < 16; i++) {
            int n = s[countsAt + i] & 0xFF;
            total += n;
            if (n > 0) {
                maxLen = i + 1;
            }
        }
        assertTrue(maxLen < 16, "test needs room at length 16");
        int extra = Math.min(256 - total, Math.min(239, 1 << (16 - maxLen)) - 1);
        byte[] out = new byte[s.length + extra];
        System.arraycopy(s, 0, out, 0, dht + 2 + len);
        int newLen = len + extra;
        out[dht + 2] = (byte) (newLen >> 8);
        out[dht + 3] = (byte) newLen;
        out[countsAt + 15] = (byte) ((s[countsAt + 15] & 0xFF) + extra);
        for (int i = 0; i < extra; i++) {
            out[dht + 2 + len + i] = (byte) (17 + i);
        }
        System.arraycopy(s, dht + 2 + len, out, dht + 2 + len + extra, s.length - dht - 2 - len);
        short[] samples = new short[IMAGE.samplesPerFrame()];
        DecodedFrame f = decode(out, IMAGE, samples);
        assertArrayEquals(source(), samples);
        assertTrue(hasRepair(f, "categories above 16"), f.repairs().toString());
    }

    @Test
    void flatImagesEncodeWithOneSymbolTables() {
        // A single used symbol gives a one-code table (K.2 with the reserved code point).
        ImageDescriptor mono = ImageDescriptor.of(9, 13, 1, 16, 16, false, Photometric.MONOCHROME2);
        short[] flat = new short[mono.samplesPerFrame()];
        Arrays.fill(flat, (short) 32768);
        byte[] ll = new LosslessEncoder(false, 0).encode(ShortSamples.of(flat), mono, EncodeOptions.DEFAULT).bytes();
        short[] out = new short[flat.length];
        DecodedFrame f = DECODER.decode(ByteBuffer.wrap(ll), mono, ShortSamples.of(out));
        assertArrayEquals(flat, out);
        assertTrue(f.repairs().isEmpty());
        ImageDescriptor rgb = ImageDescriptor.of(16, 16, 3, 8, 8, false, Photometric.RGB);
        byte[] grey = new byte[rgb.samplesPerFrame()];
        Arrays.fill(grey, (byte) 128);
        var e = new DctEncoder(false, 0, false, false).encode(ByteSamples.of(grey), rgb, EncodeOptions.DEFAULT);
        byte[] got = new byte[grey.length];
        DECODER.decode(ByteBuffer.wrap(e.bytes()), rgb.withPhotometric(e.photometric()), ByteSamples.of(got));
        assertArrayEquals(grey, got);
    }

    // ---- malformed ---------------------------------------------------------------------------

    private static final byte FF = (byte) 0xFF;

    /** A 1x1 8-bit lossless frame whose only Huffman code is "0" (symbol 0), with the given data. */
    private static byte[] tinyLossless(byte[] dht, byte[] data) {
        byte[] head = {FF, (byte) 0xD8,
            FF, (byte) 0xC3, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0};
        byte[] sos = {FF, (byte) 0xDA, 0, 8, 1, 1, 0, 1, 0, 0};
        return concat(head, dht, sos, data, new byte[] {FF, (byte) 0xD9});
    }

    private static byte[] dht(int... countsThenSymbols) {
        byte[] b = new byte[5 + countsThenSymbols.length];
        b[0] = FF;
        b[1] = (byte) 0xC4;
        b[2] = (byte) ((3 + countsThenSymbols.length) >> 8);
        b[3] = (byte) (3 + countsThenSymbols.length);
        b[4] = 0;
        for (int i = 0; i < countsThenSymbols.length; i++) {
            b[5 + i] = (byte) countsThenSymbols[i];
        }
        return b;
    }

    private static final ImageDescriptor ONE = ImageDescriptor.of(1, 1, 1, 8, 8, false, Photometric.MONOCHROME2);

    @Test
    void tinyValidStreamDecodes() {
        byte[] ok = tinyLossless(dht(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), new byte[] {0x00});
        byte[] out = new byte[1];
        DECODER.decode(ByteBuffer.wrap(ok), ONE, ByteSamples.of(out));
        assertEquals((byte) 128, out[0]); // 2^(P-1) plus a zero difference
    }

    @Test
    void badHuffmanCodeIsMalformed() {
        byte[] bad = tinyLossless(dht(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), new byte[] {(byte) 0xFE});
        assertThrows(MalformedDataException.class, () -> DECODER.decode(ByteBuffer.wrap(bad), ONE, ByteSamples.of(new byte[1])));
    }

    @Test
    void overfullHuffmanTableIsMalformed() {
        byte[] bad = tinyLossless(dht(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2), new byte[] {0});
        assertThrows(MalformedDataException.class, () -> DECODER.decode(ByteBuffer.wrap(bad), ONE, ByteSamples.of(new byte[1])));
    }

    @Test
    void markerLengthPastTheEndIsMalformed() {
        byte[] bad = {FF, (byte) 0xD8, FF, (byte) 0xDB, 0x7F, FF, 1, 2};
        assertThrows(MalformedDataException.class, () -> DECODER.decode(ByteBuffer.wrap(bad), ONE, ByteSamples.of(new byte[1])));
        byte[] shortLen = {FF, (byte) 0xD8, FF, (byte) 0xC4, 0, 1};
        assertThrows(MalformedDataException.class, () -> DECODER.decode(ByteBuffer.wrap(shortLen), ONE, ByteSamples.of(new byte[1])));
    }

    @Test
    void noSoiIsMalformedAndProgressiveIsUnsupported() {
        assertThrows(MalformedDataException.class,
                () -> DECODER.decode(ByteBuffer.wrap(new byte[] {1, 2, 3}), ONE, ByteSamples.of(new byte[1])));
        byte[] progressive = {FF, (byte) 0xD8, FF, (byte) 0xC2, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0};
        assertThrows(UnsupportedDataException.class,
                () -> DECODER.decode(ByteBuffer.wrap(progressive), ONE, ByteSamples.of(new byte[1])));
    }

    @Test
    void lossyDecoderRejectsLosslessFramesAndViceVersa() {
        byte[] ll = losslessStream();
        JpegDecoder lossyOnly = new JpegDecoder(true, false);
        assertThrows(UnsupportedDataException.class,
                () -> lossyOnly.decode(ByteBuffer.wrap(ll), IMAGE, ShortSamples.of(new short[IMAGE.samplesPerFrame()])));
    }

    @Test
    void wrongGeometryIsMalformed() {
        ImageDescriptor wider = ImageDescriptor.of(30, 21, 1, 16, 12, false, Photometric.MONOCHROME2);
        assertThrows(MalformedDataException.class,
                () -> decode(losslessStream(), wider, new short[wider.samplesPerFrame()]));
        ImageDescriptor rgb = ImageDescriptor.of(30, 20, 3, 16, 12, false, Photometric.RGB);
        assertThrows(MalformedDataException.class,
                () -> decode(losslessStream(), rgb, new short[rgb.samplesPerFrame()]));
    }
}
