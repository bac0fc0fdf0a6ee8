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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes real and generated JPEG files and compares with DCMTK ({@code dcmdjpeg}) and GDCM
 * ({@code gdcmconv --raw}): bit-exact for lossless, within one per sample for DCT (both sides use
 * libjpeg's accurate integer IDCT arithmetic). Generated files come from {@code dcmcjpeg} applied
 * to synthetic native images (noise plus structure); lossless ones must also give back the
 * source samples exactly.
 *
 * <p>All oracle work runs once, batched, in {@link #prepare()}, to keep the suite fast.
 */
class JpegDecoderOracleTest {

    @TempDir
    static Path tmp;

    static final JpegCodecProvider PROVIDER = new JpegCodecProvider();

    /** pydicom's JPEG test files (every file in the set whose transfer syntax is a JPEG one of ours). */
    static final List<String> PYDICOM = List.of(
            "JPEG-lossy.dcm", "JPGExtended.dcm", "SC_jpeg_no_color_transform.dcm",
            "SC_jpeg_no_color_transform_2.dcm", "SC_rgb_dcmtk_+eb+cr.dcm", "SC_rgb_dcmtk_+eb+cy+n1.dcm",
            "SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm",
            "SC_rgb_dcmtk_+eb+cy+s4.dcm", "SC_rgb_jpeg.dcm", "SC_rgb_jpeg_app14_dcmd.dcm",
            "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm", "SC_rgb_jpeg_lossy_gdcm.dcm",
            "SC_rgb_small_odd_jpeg.dcm", "examples_ybr_color.dcm");

    /**
     * pydicom's SC_rgb_jpeg.dcm has a malformed dataset (a bogus element after (0008,0008)) that
     * dcmdjpeg refuses; GDCM reads it and, like DCMTK, decodes with libjpeg's integer IDCT.
     */
    static final String DCMTK_CANNOT_PARSE = "SC_rgb_jpeg.dcm";

    /**
     * Generated inputs: {@code rows cols spp bits stored signed frames} of the synthetic source,
     * then the dcmcjpeg options.
     */
    static final String[][] GENERATED = {
        {"37 45 1 8 8 0 2", "+eb"},
        {"37 45 3 8 8 0 1", "+eb"},
        {"37 45 3 8 8 0 1", "+eb +n2"},
        {"37 45 3 8 8 0 1", "+eb +n1"},
        {"37 45 3 8 8 0 1", "+eb +np"},
        {"41 603 3 8 8 0 1", "+eb +np +q 80"},
        {"23 1030 3 8 8 0 1", "+eb +s2 +q 85"},
        {"37 45 3 8 8 0 1", "+eb +s4 +q 75"},
        {"37 45 3 8 8 0 1", "+eb +cr"},
        {"33 40 1 16 12 0 2", "+ee +q 95"},
        {"33 40 1 16 12 0 1", "+ee -ho"},
        {"37 45 1 8 8 0 1", "+e1"},
        {"37 45 3 8 8 0 2", "+e1"},
        {"37 45 1 16 12 0 1", "+el +sv 1"},
        {"37 45 1 16 12 0 1", "+el +sv 2"},
        {"37 45 1 16 12 0 1", "+el +sv 3"},
        {"37 45 1 16 12 0 1", "+el +sv 4"},
        {"37 45 1 16 12 0 1", "+el +sv 5"},
        {"37 45 1 16 12 1 1", "+el +sv 6"},
        {"37 45 1 16 12 0 1", "+el +sv 7"},
        {"37 45 1 16 16 0 2", "+e1"},
        {"37 45 1 16 16 1 1", "+el +sv 7"},
        {"37 45 1 16 16 0 1", "+el +sv 4 +pt 3"},
        {"37 45 3 8 8 0 1", "+el +sv 5 +pt 2"},
        {"37 45 3 16 16 0 1", "+el +sv 6"},
        {"17 19 1 8 8 0 1", "+el +sv 3"},
        {"21 23 1 16 10 0 1", "+el +sv 1"},
    };

    @BeforeAll
    static void prepare() throws IOException {
        JpegTestSupport.requireTools(JpegTestSupport.PYTHON, "dcmdjpeg", "dcmcjpeg", "gdcmconv");
        List<String> synth = new ArrayList<>();
        for (int g = 0; g < GENERATED.length; g++) {
            String[] s = GENERATED[g][0].split(" ");
            synth.add("synth");
            synth.add(tmp.resolve("g" + g + ".src.dcm").toString());
            for (String v : s) {
                synth.add(v);
            }
            synth.add(String.valueOf(g + 1));
            synth.add(";;");
        }
        JpegTestSupport.py(tmp, synth);
        List<String> extract = new ArrayList<>();
        for (int g = 0; g < GENERATED.length; g++) {
            String[] opts = GENERATED[g][1].split(" ");
            List<String> cmd = new ArrayList<>();
            cmd.add("dcmcjpeg");
            cmd.addAll(List.of(opts));
            cmd.add(tmp.resolve("g" + g + ".src.dcm").toString());
            cmd.add(tmp.resolve("g" + g + ".dcm").toString());
            JpegTestSupport.run(tmp, cmd.toArray(new String[0]));
            extract.addAll(JpegTestSupport.rawCommand(tmp.resolve("g" + g + ".src.dcm"),
                    tmp.resolve("g" + g + ".src.raw")));
            extract.addAll(oracleWork(tmp.resolve("g" + g + ".dcm"), "g" + g, GENERATED[g][1].startsWith("+e1")
                    || GENERATED[g][1].startsWith("+el")));
        }
        for (String name : PYDICOM) {
            extract.addAll(oracleWork(JpegTestSupport.pydicomData().resolve(name), name,
                    name.equals("SC_rgb_jpeg_gdcm.dcm")));
        }
        JpegTestSupport.py(tmp, extract);
    }

    /** Runs the oracles on one file and returns the helper commands that extract their output. */
    static List<String> oracleWork(Path file, String key, boolean lossless) throws IOException {
        List<String> extract = new ArrayList<>(JpegTestSupport.framesCommand(file, tmp.resolve(key + ".frames")));
        Path g = tmp.resolve(key + ".gdcm.dcm");
        if (lossless || key.equals(DCMTK_CANNOT_PARSE)) {
            JpegTestSupport.run(tmp, "gdcmconv", "--raw", file.toString(), g.toString());
            extract.addAll(JpegTestSupport.rawCommand(g, tmp.resolve(key + ".gdcm.raw")));
        }
        if (!key.equals(DCMTK_CANNOT_PARSE)) {
            Path d = tmp.resolve(key + ".dcmtk.dcm");
            JpegTestSupport.run(tmp, "dcmdjpeg", "+px", file.toString(), d.toString());
            extract.addAll(JpegTestSupport.rawCommand(d, tmp.resolve(key + ".dcmtk.raw")));
        }
        return extract;
    }

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

    /** Compares every frame of a prepared file with dcmdjpeg, and for lossless also with gdcmconv. */
    static JpegTestSupport.Frames compareWithOracles(String key) throws IOException {
        JpegTestSupport.Frames f = JpegTestSupport.readFrames(tmp.resolve(key + ".frames"));
        boolean lossless = lossless(f.transferSyntax());
        JpegTestSupport.Raw expected = JpegTestSupport.readRaw(tmp.resolve(key
                + (key.equals(DCMTK_CANNOT_PARSE) ? ".gdcm.raw" : ".dcmtk.raw")));
        JpegTestSupport.Raw gdcm = lossless ? JpegTestSupport.readRaw(tmp.resolve(key + ".gdcm.raw")) : null;
        for (int i = 0; i < f.frames().size(); i++) {
            Decoded d = decode(f, i);
            String what = key + " frame " + i;
            assertEquals(expected.image().photometric(), d.result().photometric(), what + ": photometric");
            if (lossless) {
                assertSame(expected.frame(i), d.samples(), what + " vs dcmdjpeg");
                assertSame(gdcm.frame(i), d.samples(), what + " vs gdcmconv");
            } else {
                int m = JpegTestSupport.maxDiff(expected.frame(i), d.samples(), f.image().bitsStored());
                assertTrue(m <= 1, what + ": differs from the oracle by " + m);
            }
        }
        return f;
    }

    static void assertSame(Object expected, Object actual, String what) {
        if (expected instanceof byte[] e) {
            assertArrayEquals(e, (byte[]) actual, what);
        } else {
            assertArrayEquals((short[]) expected, (short[]) actual, what);
        }
    }

    static Stream<String> pydicomFiles() {
        return PYDICOM.stream();
    }

    @ParameterizedTest
    @MethodSource("pydicomFiles")
    void pydicomFilesAgreeWithDcmtkAndGdcm(String name) throws IOException {
        compareWithOracles(name);
    }

    static Stream<Arguments> generated() {
        List<Arguments> list = new ArrayList<>();
        for (int g = 0; g < GENERATED.length; g++) {
            list.add(Arguments.of(g, GENERATED[g][0], GENERATED[g][1]));
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{1} dcmcjpeg {2}")
    @MethodSource("generated")
    void dcmcjpegOutputAgreesWithDcmtkAndGdcm(int g, String spec, String options) throws IOException {
        JpegTestSupport.Frames f = compareWithOracles("g" + g);
        if (lossless(f.transferSyntax()) && !options.contains("+pt")) {
            JpegTestSupport.Raw original = JpegTestSupport.readRaw(tmp.resolve("g" + g + ".src.raw"));
            for (int i = 0; i < f.frames().size(); i++) {
                assertSame(original.frame(i), decode(f, i).samples(), "g" + g + " frame " + i + " vs source");
            }
        }
    }
}
