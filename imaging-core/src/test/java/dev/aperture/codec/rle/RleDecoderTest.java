// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

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
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Hand-made RLE frames: the header checks, the repairs, and the byte layout of Annex G. */
class RleDecoderTest {

    private static final RleDecoder DECODER = new RleDecoder();
    private static final ImageDescriptor GREY8 = ImageDescriptor.of(2, 3, 1, 8, 8, false, Photometric.MONOCHROME2);

    /** A header with the given segment count and offsets, then the segment bytes. */
    private static byte[] frame(int count, int[] offsets, byte[]... segments) {
        ByteBuffer b = ByteBuffer.allocate(64 + java.util.Arrays.stream(segments).mapToInt(s -> s.length).sum())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(count);
        for (int i = 0; i < 15; i++) {
            b.putInt(i < offsets.length ? offsets[i] : 0);
        }
        for (byte[] s : segments) {
            b.put(s);
        }
        return b.array();
    }

    @Test
    void decodesLiteralAndReplicateRunsAndNoOps() {
        // literal 2 bytes (1, 2), no-op (-128), replicate 4 x 9
        byte[] seg = {1, 1, 2, (byte) -128, (byte) -3, 9};
        byte[] out = new byte[6];
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(frame(1, new int[] {64}, seg)), GREY8, ByteSamples.of(out));
        assertArrayEquals(new byte[] {1, 2, 9, 9, 9, 9}, out);
        assertTrue(r.repairs().isEmpty());
    }

    @Test
    void runPastTheSegmentEndAndTrailingBytesAreRepairs() {
        byte[] seg = {(byte) -6, 5, 0, 0, 0}; // 7 x 5 for a 6-pixel plane, then three junk bytes
        byte[] out = new byte[6];
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(frame(1, new int[] {64}, seg)), GREY8, ByteSamples.of(out));
        assertArrayEquals(new byte[] {5, 5, 5, 5, 5, 5}, out);
        assertEquals(1, r.repairs().size());
        byte[] seg2 = {(byte) -5, 5, 0, 0, 0}; // exactly 6, then three junk bytes
        r = DECODER.decode(ByteBuffer.wrap(frame(1, new int[] {64}, seg2)), GREY8, ByteSamples.of(out));
        assertEquals(1, r.repairs().size());
        byte[] seg3 = {(byte) -5, 5, 0}; // exactly 6, then one pad byte: no repair
        r = DECODER.decode(ByteBuffer.wrap(frame(1, new int[] {64}, seg3)), GREY8, ByteSamples.of(out));
        assertTrue(r.repairs().isEmpty());
    }

    @Test
    void eightBitSegmentsUnderASixteenBitDescriptorAreFollowed() {
        ImageDescriptor grey16 = ImageDescriptor.of(2, 3, 1, 16, 16, false, Photometric.MONOCHROME2);
        byte[] seg = {5, 1, 2, 3, (byte) 200, (byte) 255, 0};
        short[] out = new short[6];
        java.util.Arrays.fill(out, (short) -1);
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(frame(1, new int[] {64}, seg)), grey16, ShortSamples.of(out));
        assertArrayEquals(new short[] {1, 2, 3, 200, 255, 0}, out);
        assertEquals(8, r.bitsStored());
        assertEquals(1, r.repairs().size());
    }

    @Test
    void ybrFull422IsReportedAsFullYbr() {
        ImageDescriptor ybr = ImageDescriptor.of(1, 2, 3, 8, 8, false, Photometric.YBR_FULL_422);
        byte[] px = {10, 20, 30, 40, 50, 60};
        var enc = new RleEncoder().encode(ByteSamples.of(px), ybr, EncodeOptions.DEFAULT);
        assertEquals(Photometric.YBR_FULL, enc.photometric());
        byte[] out = new byte[6];
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(enc.bytes()), ybr, ByteSamples.of(out));
        assertArrayEquals(px, out);
        assertEquals(Photometric.YBR_FULL, r.photometric());
    }

    @Test
    void badHeadersAreMalformed() {
        byte[] seg = {(byte) -5, 5};
        byte[] out = new byte[6];
        // more segments than one 8-bit sample allows
        assertThrows(MalformedDataException.class, () -> DECODER.decode(
                ByteBuffer.wrap(frame(2, new int[] {64, 65}, seg)), GREY8, ByteSamples.of(out)));
        // offset past the end
        assertThrows(MalformedDataException.class, () -> DECODER.decode(
                ByteBuffer.wrap(frame(1, new int[] {400}, seg)), GREY8, ByteSamples.of(out)));
        // offset inside the header
        assertThrows(MalformedDataException.class, () -> DECODER.decode(
                ByteBuffer.wrap(frame(1, new int[] {8}, seg)), GREY8, ByteSamples.of(out)));
        // segment too short
        assertThrows(MalformedDataException.class, () -> DECODER.decode(
                ByteBuffer.wrap(frame(1, new int[] {64}, new byte[] {(byte) -3, 5})), GREY8, ByteSamples.of(out)));
        // huge segment count
        assertThrows(MalformedDataException.class, () -> DECODER.decode(
                ByteBuffer.wrap(frame(-1, new int[] {64}, seg)), GREY8, ByteSamples.of(out)));
    }

    @Test
    void encoderLayoutIsAnnexG() {
        ImageDescriptor rgb16 = ImageDescriptor.of(1, 2, 3, 16, 16, false, Photometric.RGB);
        short[] px = {0x0102, 0x0304, 0x0506, 0x0708, 0x090A, 0x0B0C};
        byte[] enc = new RleEncoder().encode(ShortSamples.of(px), rgb16, EncodeOptions.DEFAULT).bytes();
        ByteBuffer b = ByteBuffer.wrap(enc).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(6, b.getInt(0));
        // segment 0: high bytes of R (01, 07) as one literal run of 2, padded to 4 bytes
        int s0 = b.getInt(4);
        assertEquals(64, s0);
        assertArrayEquals(new byte[] {1, 1, 7, 0}, java.util.Arrays.copyOfRange(enc, s0, s0 + 4));
        // segment 1: low bytes of R (02, 08)
        int s1 = b.getInt(8);
        assertArrayEquals(new byte[] {1, 2, 8, 0}, java.util.Arrays.copyOfRange(enc, s1, s1 + 4));
        assertThrows(UnsupportedDataException.class, () -> new RleEncoder().encode(
                dev.aperture.image.IntSamples.of(new int[4]),
                ImageDescriptor.of(1, 1, 4, 32, 32, false, Photometric.ARGB), EncodeOptions.DEFAULT));
    }
}
