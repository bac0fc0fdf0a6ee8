// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.nativ;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aperture.codec.Oracles;
import dev.aperture.codec.TestSamples;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.MalformedDataException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Native frames against pydicom and DCMTK ({@code dcmconv +te}, for big-endian 8-bit data,
 * where pydicom 2.3.1 does not swap OW pairs), every frame of every native test file;
 * 1-bit frames starting mid-byte; planar configuration 1; encoding back to the same bytes.
 */
class NativeFramesTest {

    @TempDir
    Path tmp;

    private static final String[] ALL = {"CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm", "MR_small_padded.dcm",
        "rtdose.dcm", "SC_rgb_small_odd.dcm", "examples_rgb_color.dcm", "SC_ybr_full_422_uncompressed.dcm",
        "examples_palette.dcm", "liver_1frame.dcm", "image_dfl.dcm", "SC_rgb_jpeg_dcmd.dcm", "MR_small_bigendian.dcm",
        "MR_small_expb.dcm", "rtdose_expb.dcm", "liver_expb_1frame.dcm", "SC_rgb_small_odd_big_endian.dcm",
        "ExplVR_BigEnd.dcm"};

    @ParameterizedTest
    @CsvSource({
        "CT_small.dcm, LITTLE_ENDIAN", "MR_small.dcm, LITTLE_ENDIAN", "MR_small_implicit.dcm, LITTLE_ENDIAN",
        "MR_small_padded.dcm, LITTLE_ENDIAN", "rtdose.dcm, LITTLE_ENDIAN", "SC_rgb_small_odd.dcm, LITTLE_ENDIAN",
        "examples_rgb_color.dcm, LITTLE_ENDIAN", "SC_ybr_full_422_uncompressed.dcm, LITTLE_ENDIAN", "examples_palette.dcm, LITTLE_ENDIAN",
        "liver_1frame.dcm, LITTLE_ENDIAN",
        "image_dfl.dcm, LITTLE_ENDIAN", "SC_rgb_jpeg_dcmd.dcm, LITTLE_ENDIAN",
        "MR_small_bigendian.dcm, BIG", "MR_small_expb.dcm, BIG",
        "rtdose_expb.dcm, BIG", "liver_expb_1frame.dcm, BIG"})
    void decodesLikePydicomAndEncodesBack(String name, String byteOrder) {
        Oracles.prefetch(ALL);
        Oracles.Dump d = Oracles.testFile(name);
        NativeLayout layout = layoutOf(d);
        assertEquals(byteOrder.startsWith("BIG"), layout.bigEndian(), name);
        ImageDescriptor image = d.image();
        int n = image.samplesPerFrame();
        byte[] all = new byte[0];
        for (int f = 0; f < image.frames(); f++) {
            Samples dst = Samples.allocate(image, 1);
            long bit = NativeFrames.frameBitOffset(image, f);
            long w = (bit >>> 3) & ~1L;
            ByteBuffer value = ByteBuffer.wrap(d.pixelData()).position((int) w);
            NativeFrames.decode(value, bit - 8 * w, image, dst, layout);
            assertEquals((int) w, value.position(), "position kept");
            Object expected = TestSamples.fromLittleEndian(d.array(), image.bitsAllocated(), f * n, n);
            assertSame(expected, TestSamples.contents(dst), name + " frame " + f);
            if (image.bitsAllocated() != 1) {
                byte[] enc = NativeFrames.encode(dst, image, layout);
                all = concat(all, enc);
            }
        }
        if (image.bitsAllocated() != 1) {
            assertArrayEquals(Arrays.copyOf(d.pixelData(), all.length), all, name + ": encoded bytes");
        } else {
            byte[] packed = new byte[d.pixelData().length];
            Samples dst = Samples.allocate(image, 1);
            NativeFrames.decode(ByteBuffer.wrap(d.pixelData()), 0, image, dst, layout);
            assertArrayEquals(d.pixelData(), layout == NativeLayout.LITTLE_ENDIAN
                    ? packInto(packed, (ByteSamples) dst) : NativeFrames.encode(dst, image, layout), name);
        }
    }

    @ParameterizedTest
    @CsvSource({"SC_rgb_small_odd_big_endian.dcm", "ExplVR_BigEnd.dcm"})
    void bigEndianEightBitOwDecodesLikeDcmtk(String name) {
        Path file = Oracles.testdata().resolve(name);
        Path le = tmp.resolve("le.dcm");
        Oracles.run("dcmconv", "+te", file.toString(), le.toString());
        Oracles.Dump big = Oracles.testFile(name);
        Oracles.Dump little = Oracles.dump(le, tmp);
        ImageDescriptor image = big.image();
        Samples a = Samples.allocate(image, 1);
        Samples b = Samples.allocate(image, 1);
        NativeFrames.decode(ByteBuffer.wrap(big.pixelData()), 0, image, a, layoutOf(big));
        NativeFrames.decode(ByteBuffer.wrap(little.pixelData()), 0, image, b, NativeLayout.LITTLE_ENDIAN);
        assertArrayEquals((byte[]) TestSamples.contents(b), (byte[]) TestSamples.contents(a), name);
        assertArrayEquals(Arrays.copyOf(big.pixelData(), big.pixelData().length),
                NativeFrames.encode(a, image, layoutOf(big)), name + " encoded");
    }

    @Test
    void planarConfigurationOneIsInterleaved() {
        ImageDescriptor image = ImageDescriptor.of(2, 2, 3, 16, 16, false, Photometric.RGB).withPlanarConfiguration(1);
        // R plane 1 2 3 4, G plane 11 .. 14, B plane 21 .. 24, little endian
        ByteBuffer b = ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int plane = 0; plane < 3; plane++) {
            for (int p = 0; p < 4; p++) {
                b.putShort((short) (plane * 10 + p + 1));
            }
        }
        short[] out = new short[12];
        NativeFrames.decode(b.flip(), 0, image, dev.aperture.image.ShortSamples.of(out), NativeLayout.LITTLE_ENDIAN);
        assertArrayEquals(new short[] {1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24}, out);
        assertArrayEquals(b.array(), NativeFrames.encode(dev.aperture.image.ShortSamples.of(out), image,
                NativeLayout.LITTLE_ENDIAN));
    }

    /** Frames of 7 x 9 1-bit pixels (63 bits) packed back to back: most start mid-byte. */
    @Test
    void oneBitFramesStartingMidByte() {
        ImageDescriptor image = new ImageDescriptor(7, 9, 1, 1, 1, false, Photometric.MONOCHROME2, 0, 11);
        java.util.Random rnd = new java.util.Random(7);
        byte[] value = new byte[(63 * 11 + 7) / 8 + 1];
        rnd.nextBytes(value);
        for (NativeLayout layout : NativeLayout.values()) {
            for (int f = 0; f < image.frames(); f++) {
                long bit = NativeFrames.frameBitOffset(image, f);
                long w = (bit >>> 3) & ~1L;
                byte[] dst = new byte[63];
                NativeFrames.decode(ByteBuffer.wrap(value).position((int) w), bit - 8 * w, image, ByteSamples.of(dst),
                        layout);
                for (int k = 0; k < 63; k++) {
                    long b = bit + k;
                    int at = (int) (b >>> 3);
                    if (layout == NativeLayout.BIG_ENDIAN_OW) {
                        at ^= 1;
                    }
                    assertEquals((value[at] >> (b & 7)) & 1, dst[k], layout + " frame " + f + " pixel " + k);
                }
                // and packing the frame back at its offset reproduces the bits (little endian)
                if (layout == NativeLayout.LITTLE_ENDIAN) {
                    byte[] copy = value.clone();
                    for (int k = 0; k < 63; k++) {
                        long b = bit + k;
                        copy[(int) (b >>> 3)] ^= (byte) (1 << (b & 7)); // scramble the frame's bits
                    }
                    NativeFrames.packBits(ByteSamples.of(dst), copy, bit);
                    assertArrayEquals(value, copy, "frame " + f + " packed back");
                }
            }
        }
    }

    @Test
    void shortFrameIsMalformed() {
        ImageDescriptor image = ImageDescriptor.of(3, 3, 3, 8, 8, false, Photometric.RGB);
        assertThrows(MalformedDataException.class, () -> NativeFrames.decode(ByteBuffer.allocate(26), 0, image,
                ByteSamples.of(new byte[27]), NativeLayout.LITTLE_ENDIAN));
        // OW pairs: sample 26 lives in byte 27, so 27 bytes are not enough
        assertThrows(MalformedDataException.class, () -> NativeFrames.decode(ByteBuffer.allocate(27), 0, image,
                ByteSamples.of(new byte[27]), NativeLayout.BIG_ENDIAN_OW));
    }

    /** The layout a reader picks: the transfer syntax's byte order, and OB or OW from the VR. */
    static NativeLayout layoutOf(Oracles.Dump d) {
        if (!d.meta().get("ts").equals("1.2.840.10008.1.2.2")) {
            return NativeLayout.LITTLE_ENDIAN;
        }
        return d.meta().get("pixelVr").equals("OW") ? NativeLayout.BIG_ENDIAN_OW : NativeLayout.BIG_ENDIAN_OB;
    }

    private static byte[] packInto(byte[] packed, ByteSamples s) {
        NativeFrames.packBits(s, packed, 0);
        return packed;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void assertSame(Object expected, Object actual, String what) {
        dev.aperture.codec.rle.RleOracleTestAccess.assertArrayEqualsAny(expected, actual, what);
    }
}
