// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.FrameDecoderContract.Case;
import dev.aperture.codec.Oracles;
import dev.aperture.codec.TestSamples;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deflated Image Frame Compression: the encoder's output is raw RFC 1951 (checked with
 * Python's zlib at {@code wbits=-15}, which rejects a zlib header), it inflates to the native
 * little-endian frame, deflate bombs and short streams are rejected, a zlib-wrapped frame is
 * accepted with a repair. DCMTK 3.6.7, GDCM 3.0.21 and pydicom 2.3.1 predate this transfer
 * syntax, so Python's zlib is the peer.
 */
class DeflatedFrameTest {

    private static final DeflatedFrameDecoder DECODER = new DeflatedFrameDecoder();
    private static final DeflatedFrameEncoder ENCODER = new DeflatedFrameEncoder(Deflater.DEFAULT_COMPRESSION);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"CT_small.dcm", "SC_rgb_small_odd.dcm", "rtdose_1frame.dcm", "liver_1frame.dcm",
        "examples_rgb_color.dcm"})
    void encodesRawDeflateOfTheNativeFrame(String name) throws Exception {
        Oracles.prefetch("CT_small.dcm", "SC_rgb_small_odd.dcm", "rtdose_1frame.dcm", "liver_1frame.dcm",
                "examples_rgb_color.dcm");
        Case c = NativeCases.fromFile(name, tmp);
        Samples samples = TestSamples.wrap(c.expected());
        byte[] enc = ENCODER.encode(samples, c.image(), EncodeOptions.DEFAULT).bytes();
        Path in = tmp.resolve("frame.deflate");
        Path out = tmp.resolve("frame.raw");
        Files.write(in, enc);
        Oracles.run("/usr/bin/python3", "-c", "import sys, zlib; d = open(sys.argv[1], 'rb').read(); "
                + "open(sys.argv[2], 'wb').write(zlib.decompress(d, -15))", in.toString(), out.toString());
        assertArrayEquals(c.encoded(), Files.readAllBytes(out), name + ": python zlib raw inflate");
        Samples back = dev.aperture.image.Samples.allocate(c.image(), 1);
        DECODER.decode(ByteBuffer.wrap(enc), c.image(), back);
        dev.aperture.codec.rle.RleOracleTestAccess.assertArrayEqualsAny(c.expected(), TestSamples.contents(back), name);
    }

    @Test
    void pythonRawDeflateDecodes() throws Exception {
        // 60,000 bytes: two 32 KiB chunks, the second partial.
        ImageDescriptor image = ImageDescriptor.of(150, 200, 1, 16, 16, false, Photometric.MONOCHROME2);
        Path in = tmp.resolve("native.raw");
        Path out = tmp.resolve("frame.deflate");
        byte[] raw = new byte[60000];
        new java.util.Random(3).nextBytes(raw);
        for (int i = 0; i < raw.length; i += 7) {
            raw[i] = 0;
        }
        Files.write(in, raw);
        Oracles.run("/usr/bin/python3", "-c", "import sys, zlib; c = zlib.compressobj(9, zlib.DEFLATED, -15); "
                + "d = open(sys.argv[1], 'rb').read(); open(sys.argv[2], 'wb').write(c.compress(d) + c.flush())",
                in.toString(), out.toString());
        short[] dst = new short[30000];
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(Files.readAllBytes(out)), image, ShortSamples.of(dst));
        assertTrue(r.repairs().isEmpty());
        ByteBuffer expected = ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < dst.length; i++) {
            assertEquals(expected.getShort(), dst[i]);
        }
        // The same bytes as 32-bit RGB, 50 x 100 pixels, and as doubles.
        ImageDescriptor rgb32 = ImageDescriptor.of(50, 100, 3, 32, 32, false, Photometric.RGB);
        int[] ints = new int[15000];
        DECODER.decode(ByteBuffer.wrap(Files.readAllBytes(out)), rgb32, dev.aperture.image.IntSamples.of(ints));
        expected.rewind();
        for (int v : ints) {
            assertEquals(expected.getInt(), v);
        }
        ImageDescriptor dbl = ImageDescriptor.of(75, 100, 1, 64, 64, true, Photometric.MONOCHROME2);
        double[] ds = new double[7500];
        DECODER.decode(ByteBuffer.wrap(Files.readAllBytes(out)), dbl, dev.aperture.image.DoubleSamples.of(ds));
        expected.rewind();
        for (double v : ds) {
            assertEquals(Double.doubleToRawLongBits(expected.getDouble()), Double.doubleToRawLongBits(v));
        }
    }

    @Test
    void deflateBombStopsAtTheFrameSize() {
        // 64 MiB of zeros deflate to about 64 KiB; the frame holds 16 KiB.
        ImageDescriptor image = ImageDescriptor.of(128, 128, 1, 8, 8, false, Photometric.MONOCHROME2);
        Deflater d = new Deflater(9, true);
        d.setInput(new byte[1 << 20]);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        for (int i = 0; i < 64; i++) {
            d.setInput(new byte[1 << 20]);
            while (!d.needsInput()) {
                bomb.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            bomb.write(buf, 0, d.deflate(buf));
        }
        d.end();
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> DECODER.decode(ByteBuffer.wrap(bomb.toByteArray()), image, ByteSamples.of(new byte[128 * 128])));
        assertTrue(e.getMessage().contains("past the expected size"), e.getMessage());
        // One byte more than the frame is already too much.
        byte[] oneMore = DeflatedFrameEncoder.deflate(new byte[128 * 128 + 1], 6);
        assertThrows(MalformedDataException.class,
                () -> DECODER.decode(ByteBuffer.wrap(oneMore), image, ByteSamples.of(new byte[128 * 128])));
        byte[] oneLess = DeflatedFrameEncoder.deflate(new byte[128 * 128 - 1], 6);
        assertThrows(MalformedDataException.class,
                () -> DECODER.decode(ByteBuffer.wrap(oneLess), image, ByteSamples.of(new byte[128 * 128])));
    }

    @Test
    void zlibWrappedFrameIsAcceptedWithARepair() throws Exception {
        ImageDescriptor image = ImageDescriptor.of(10, 10, 1, 16, 12, false, Photometric.MONOCHROME2);
        byte[] raw = new byte[200];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 37);
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
            out.write(raw);
        }
        short[] dst = new short[100];
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(z.toByteArray()), image, ShortSamples.of(dst));
        assertEquals(1, r.repairs().size());
        ByteBuffer expected = ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (short s : dst) {
            assertEquals(expected.getShort(), s);
        }
    }
}
