// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.codec.Oracles;
import dev.aperture.codec.TestSamples;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RLE Lossless bit-exact against DCMTK ({@code dcmcrle}, {@code dcmdrle}) and GDCM
 * ({@code gdcmconv --rle}, {@code gdcmconv --raw}): the RLE files of the pydicom test set, RLE
 * files the peers make from native test files, and files Aperture's encoder writes.
 */
class RleOracleTest {

    private static final FrameDecoder DECODER = new RleDecoder();
    private static final FrameEncoder ENCODER = new RleEncoder();

    @TempDir
    Path tmp;

    /** Every RLE file of the test set decodes as dcmdrle and gdcmconv --raw decode it. */
    @ParameterizedTest
    @ValueSource(strings = {"MR_small_RLE.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_2frame.dcm", "SC_rgb_rle_16bit.dcm",
        "SC_rgb_rle_16bit_2frame.dcm", "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_32bit_2frame.dcm", "rtdose_rle.dcm",
        "rtdose_rle_1frame.dcm"})
    void decodesTheTestFilesLikeDcmtkAndGdcm(String name) {
        Path file = Oracles.testdata().resolve(name);
        Path dcmtk = tmp.resolve("dcmtk.dcm");
        Oracles.run("dcmdrle", file.toString(), dcmtk.toString());
        Oracles.Dump enc = Oracles.dump(file, tmp);
        assertDecodesTo(enc, Oracles.dump(dcmtk, tmp), name + " vs dcmdrle");
        // GDCM 3.0.21 mis-decodes 16- and 32-bit RGB RLE (its output puts 0x0000 where DCMTK and
        // pydicom both find 0xFFFF, and it fails to write the 2-frame files), so it is an oracle
        // only for 8-bit or single-sample files.
        ImageDescriptor image = enc.image();
        if (image.bitsAllocated() == 8 || image.samplesPerPixel() == 1) {
            Path gdcm = tmp.resolve("gdcm.dcm");
            Oracles.run("gdcmconv", "--raw", file.toString(), gdcm.toString());
            assertDecodesTo(enc, Oracles.dump(gdcm, tmp), name + " vs gdcmconv");
        }
    }

    /** Files DCMTK and GDCM compress from native test files decode to the original samples. */
    @ParameterizedTest
    @ValueSource(strings = {"CT_small.dcm", "MR_small.dcm", "rtdose.dcm", "SC_rgb_small_odd.dcm",
        "examples_rgb_color.dcm", "examples_palette.dcm", "SC_rgb_jpeg_dcmd.dcm"})
    void decodesWhatDcmtkAndGdcmEncode(String name) {
        Path file = Oracles.testdata().resolve(name);
        Oracles.Dump original = Oracles.dump(file, tmp);
        Path dcmtk = tmp.resolve("dcmtk.dcm");
        Oracles.run("dcmcrle", file.toString(), dcmtk.toString());
        assertDecodesTo(Oracles.dump(dcmtk, tmp), original, name + " dcmcrle");
        // GDCM 3.0.21's RLE encoder asserts (image_len % MaxNumSegments) on an odd-length frame
        // padded to even (the 3x3 RGB file), so it makes only the others.
        if (original.image().nativeFrameLength() % 2 == 0) {
            Path gdcm = tmp.resolve("gdcm.dcm");
            Oracles.run("gdcmconv", "--rle", file.toString(), gdcm.toString());
            assertDecodesTo(Oracles.dump(gdcm, tmp), original, name + " gdcmconv --rle");
        }
    }

    /** What Aperture encodes, DCMTK and GDCM decode to the original samples. */
    @ParameterizedTest
    @ValueSource(strings = {"CT_small.dcm", "MR_small.dcm", "rtdose.dcm", "SC_rgb_small_odd.dcm",
        "examples_rgb_color.dcm", "examples_palette.dcm", "SC_rgb_jpeg_dcmd.dcm"})
    void dcmtkAndGdcmDecodeWhatApertureEncodes(String name) {
        Path file = Oracles.testdata().resolve(name);
        Oracles.Dump original = Oracles.dump(file, tmp);
        ImageDescriptor image = original.image();
        List<byte[]> frames = new ArrayList<>();
        for (int f = 0; f < image.frames(); f++) {
            Samples s = Samples.allocate(image, 1);
            NativeFrames.decode(ByteBuffer.wrap(original.pixelData()), NativeFrames.frameBitOffset(image, f),
                    image, s, NativeLayout.LITTLE_ENDIAN);
            byte[] enc = ENCODER.encode(s, image, EncodeOptions.DEFAULT).bytes();
            assertEquals(0, enc.length % 2, "segments are even, so is the frame");
            frames.add(enc);
        }
        Path ours = Oracles.wrap(file, RleCodecProvider.RLE_LOSSLESS, frames, tmp);
        // Native bytes interleaved (dcmdrle and gdcm write planar configuration 0 or keep it).
        ImageDescriptor interleaved = image.withPlanarConfiguration(0);
        byte[] expected = interleavedNative(original, interleaved);
        Path dcmtk = tmp.resolve("dcmtk.dcm");
        Oracles.run("dcmdrle", ours.toString(), dcmtk.toString());
        assertArrayEquals(expected, interleavedNative(Oracles.dump(dcmtk, tmp), interleaved), name + " dcmdrle");
        Path gdcm = tmp.resolve("gdcm.dcm");
        Oracles.run("gdcmconv", "--raw", ours.toString(), gdcm.toString());
        assertArrayEquals(expected, interleavedNative(Oracles.dump(gdcm, tmp), interleaved), name + " gdcmconv");
    }

    /** Every frame of a native dump, as interleaved little-endian bytes. */
    private static byte[] interleavedNative(Oracles.Dump d, ImageDescriptor target) {
        ImageDescriptor image = d.image();
        byte[] all = new byte[(int) (target.nativeFrameLength() * image.frames())];
        for (int f = 0; f < image.frames(); f++) {
            Samples s = Samples.allocate(image, 1);
            NativeFrames.decode(ByteBuffer.wrap(d.pixelData()), NativeFrames.frameBitOffset(image, f), image, s,
                    NativeLayout.LITTLE_ENDIAN);
            byte[] b = NativeFrames.encode(s, target, NativeLayout.LITTLE_ENDIAN);
            System.arraycopy(b, 0, all, f * b.length, b.length);
        }
        return all;
    }

    private static void assertDecodesTo(Oracles.Dump enc, Oracles.Dump nat, String what) {
        ImageDescriptor image = enc.image();
        assertEquals(image.frames(), enc.frames().size(), what + ": frames");
        ImageDescriptor natImage = nat.image();
        for (int f = 0; f < image.frames(); f++) {
            Samples dst = Samples.allocate(image, 1);
            DecodedFrame r = DECODER.decode(ByteBuffer.wrap(enc.frames().get(f)), image, dst);
            assertTrue(r.repairs().isEmpty(), what + ": unexpected repairs " + r.repairs());
            Samples expected = Samples.allocate(natImage, 1);
            NativeFrames.decode(ByteBuffer.wrap(nat.pixelData()), NativeFrames.frameBitOffset(natImage, f),
                    natImage, expected, NativeLayout.LITTLE_ENDIAN);
            assertArrayEqualsAny(TestSamples.contents(expected), TestSamples.contents(dst), what + " frame " + f);
        }
    }

    static void assertArrayEqualsAny(Object expected, Object actual, String what) {
        if (expected instanceof byte[] e) {
            assertArrayEquals(e, (byte[]) actual, what);
        } else if (expected instanceof short[] e) {
            assertArrayEquals(e, (short[]) actual, what);
        } else if (expected instanceof int[] e) {
            assertArrayEquals(e, (int[]) actual, what);
        } else {
            assertArrayEquals((double[]) expected, (double[]) actual, what);
        }
    }
}
