// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.ShortSamples;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes real and generated JPEG files and compares with DCMTK ({@code dcmdjpeg}) and GDCM
 * ({@code gdcmconv --raw}): bit-exact for lossless, within one per sample for DCT (both sides use
 * libjpeg's accurate integer IDCT arithmetic).
 */
class JpegDecoderOracleTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void tools() {
        JpegTestSupport.requireTools(JpegTestSupport.PYTHON, "dcmdjpeg", "dcmcjpeg", "gdcmconv");
    }

    static final JpegCodecProvider PROVIDER = new JpegCodecProvider();

    record Decoded(Object samples, DecodedFrame result) {
    }

    static Decoded decode(JpegTestSupport.Frames f, int i) {
        FrameDecoder d = PROVIDER.decoder(f.transferSyntax()).orElseThrow();
        ImageDescriptor image = f.image();
        int n = image.samplesPerFrame();
        if (image.bitsAllocated() == 8) {
            byte[] out = new byte[n];
            DecodedFrame r = d.decode(ByteBuffer.wrap(f.frames().get(i)), image, ByteSamples.of(out));
            return new Decoded(out, r);
        }
        short[] out = new short[n];
        DecodedFrame r = d.decode(ByteBuffer.wrap(f.frames().get(i)), image, ShortSamples.of(out));
        return new Decoded(out, r);
    }

    static boolean lossless(String ts) {
        return ts.equals(JpegCodecProvider.LOSSLESS) || ts.equals(JpegCodecProvider.LOSSLESS_SV1);
    }

    /** Compares every frame of a JPEG file with dcmdjpeg, and for lossless also with gdcmconv. */
    static void compareWithOracles(Path file, Path dir) throws IOException {
        JpegTestSupport.Frames f = JpegTestSupport.frames(file, dir);
        JpegTestSupport.Raw expected;
        JpegTestSupport.Raw gdcm = null;
        boolean lossless = lossless(f.transferSyntax());
        if (DCMTK_CANNOT_PARSE.equals(file.getFileName().toString())) {
            Path g = dir.resolve(file.getFileName() + ".gdcm.dcm");
            JpegTestSupport.run(dir, "gdcmconv", "--raw", file.toString(), g.toString());
            expected = JpegTestSupport.raw(g, dir);
        } else {
            Path dcmtk = dir.resolve(file.getFileName() + ".dcmtk.dcm");
            JpegTestSupport.run(dir, "dcmdjpeg", "+px", file.toString(), dcmtk.toString());
            expected = JpegTestSupport.raw(dcmtk, dir);
        }
        if (lossless) {
            Path g = dir.resolve(file.getFileName() + ".gdcm.dcm");
            JpegTestSupport.run(dir, "gdcmconv", "--raw", file.toString(), g.toString());
            gdcm = JpegTestSupport.raw(g, dir);
        }
        for (int i = 0; i < f.frames().size(); i++) {
            Decoded d = decode(f, i);
            String what = file.getFileName() + " frame " + i;
            assertEquals(expected.image().photometric(), d.result().photometric(), what + ": photometric");
            if (lossless) {
                assertSame(expected.frame(i), d.samples(), what + " vs dcmdjpeg");
                assertSame(gdcm.frame(i), d.samples(), what + " vs gdcmconv");
            } else {
                int m = JpegTestSupport.maxDiff(expected.frame(i), d.samples(), f.image().bitsStored());
                assertTrue(m <= 1, what + ": differs from dcmdjpeg by " + m);
            }
        }
    }

    /**
     * pydicom's SC_rgb_jpeg.dcm has a malformed dataset (a bogus element after (0008,0008)) that
     * dcmdjpeg refuses; GDCM reads it and, like DCMTK, decodes with libjpeg's integer IDCT.
     */
    static final String DCMTK_CANNOT_PARSE = "SC_rgb_jpeg.dcm";

    static void assertSame(Object expected, Object actual, String what) {
        if (expected instanceof byte[] e) {
            assertArrayEquals(e, (byte[]) actual, what);
        } else {
            assertArrayEquals((short[]) expected, (short[]) actual, what);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "JPEG-lossy.dcm", "JPGExtended.dcm", "SC_jpeg_no_color_transform.dcm",
        "SC_jpeg_no_color_transform_2.dcm", "SC_rgb_dcmtk_+eb+cr.dcm", "SC_rgb_dcmtk_+eb+cy+n1.dcm",
        "SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm",
        "SC_rgb_dcmtk_+eb+cy+s4.dcm", "SC_rgb_jpeg.dcm", "SC_rgb_jpeg_app14_dcmd.dcm",
        "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm", "SC_rgb_jpeg_lossy_gdcm.dcm",
        "SC_rgb_small_odd_jpeg.dcm", "examples_ybr_color.dcm",
    })
    void pydicomFilesAgreeWithDcmtkAndGdcm(String name) throws IOException {
        compareWithOracles(JpegTestSupport.pydicomData().resolve(name), tmp);
    }

    /**
     * Generated inputs: {@code rows cols spp bits stored signed frames} for the synthetic source,
     * then the dcmcjpeg options.
     */
    static Stream<Arguments> generated() {
        return Stream.of(
            Arguments.of("37 45 1 8 8 0 2", "+eb"),
            Arguments.of("37 45 3 8 8 0 1", "+eb"),
            Arguments.of("37 45 3 8 8 0 1", "+eb +n2"),
            Arguments.of("37 45 3 8 8 0 1", "+eb +s4 +q 75"),
            Arguments.of("37 45 3 8 8 0 1", "+eb +cr"),
            Arguments.of("33 40 1 16 12 0 2", "+ee +q 95"),
            Arguments.of("33 40 1 16 12 0 1", "+ee -ho"),
            Arguments.of("37 45 1 8 8 0 1", "+e1"),
            Arguments.of("37 45 3 8 8 0 2", "+e1"),
            Arguments.of("37 45 1 16 12 0 1", "+el +sv 1"),
            Arguments.of("37 45 1 16 12 0 1", "+el +sv 2"),
            Arguments.of("37 45 1 16 12 0 1", "+el +sv 3"),
            Arguments.of("37 45 1 16 12 0 1", "+el +sv 4"),
            Arguments.of("37 45 1 16 12 0 1", "+el +sv 5"),
            Arguments.of("37 45 1 16 12 1 1", "+el +sv 6"),
            Arguments.of("37 45 1 16 12 0 1", "+el +sv 7"),
            Arguments.of("37 45 1 16 16 0 2", "+e1"),
            Arguments.of("37 45 1 16 16 1 1", "+el +sv 7"),
            Arguments.of("37 45 1 16 16 0 1", "+el +sv 4 +pt 3"),
            Arguments.of("37 45 3 8 8 0 1", "+el +sv 5 +pt 2"),
            Arguments.of("37 45 3 16 16 0 1", "+el +sv 6"),
            Arguments.of("17 19 1 8 8 0 1", "+el +sv 3"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("generated")
    void dcmcjpegOutputAgreesWithDcmtkAndGdcm(String spec, String options) throws IOException {
        String[] s = spec.split(" ");
        String base = "g" + String.join("_", s) + options.replace(" ", "").replace("+", "_");
        Path src = tmp.resolve(base + ".src.dcm");
        Path enc = tmp.resolve(base + ".jpg.dcm");
        String[] synth = new String[11];
        synth[0] = "synth";
        synth[1] = src.toString();
        System.arraycopy(s, 0, synth, 2, 7);
        synth[9] = "1";                              // frames already given; seed next
        synth[9] = s[6];
        synth[10] = String.valueOf(Math.abs(base.hashCode()) % 1000);
        JpegTestSupport.py(tmp, synth);
        String[] cmd = new String[3 + options.split(" ").length];
        cmd[0] = "dcmcjpeg";
        System.arraycopy(options.split(" "), 0, cmd, 1, options.split(" ").length);
        cmd[cmd.length - 2] = src.toString();
        cmd[cmd.length - 1] = enc.toString();
        JpegTestSupport.run(tmp, cmd);
        compareWithOracles(enc, tmp);
        if (options.startsWith("+el") || options.startsWith("+e1")) {
            // Lossless: also exactly the source samples (after the point transform's loss).
            JpegTestSupport.Raw original = JpegTestSupport.raw(src, tmp);
            JpegTestSupport.Frames f = JpegTestSupport.frames(enc, tmp);
            if (!options.contains("+pt")) {
                for (int i = 0; i < f.frames().size(); i++) {
                    assertSame(original.frame(i), decode(f, i).samples(), base + " vs source");
                }
            }
        }
    }
}
