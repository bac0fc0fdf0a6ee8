// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static dev.aperture.codec.jpegls.JlsTestSupport.allocate;
import static dev.aperture.codec.jpegls.JlsTestSupport.array;
import static dev.aperture.codec.jpegls.JlsTestSupport.assertSameLowBits;
import static dev.aperture.codec.jpegls.JlsTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.jpegls.JlsTestSupport.Batch;
import dev.aperture.codec.jpegls.JlsTestSupport.Extracted;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding is bit-exact with CharLS, through DCMTK ({@code dcmdjpls}, its bundled CharLS) and
 * GDCM ({@code gdcmconv --raw}, Debian's CharLS 2.4), on every JPEG-LS file in the shared
 * pydicom test data.
 */
class JpegLsCharLsDecodeTest {

    private static final String[] FILES = {"JPEGLSNearLossless_08.dcm", "JPEGLSNearLossless_16.dcm",
        "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_jls_lossy_line.dcm", "SC_rgb_jls_lossy_sample.dcm"};

    @TempDir
    static Path tmp;

    /** Per file: the encoded frames, what dcmdjpls decodes and what gdcmconv --raw decodes. */
    private static final Map<String, Path[]> DIRS = new HashMap<>();

    @BeforeAll
    static void decodeWithTheOracles() {
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "dcmdjpls", "gdcmconv");
        Path data = JlsTestSupport.pydicomData();
        Batch b = new Batch(tmp);
        for (String name : FILES) {
            Path src = data.resolve(name);
            Path viaDcmtk = tmp.resolve(name + ".dcmtk.dcm");
            Path viaGdcm = tmp.resolve(name + ".gdcm.dcm");
            run("dcmdjpls", src.toString(), viaDcmtk.toString());
            run("gdcmconv", "--raw", src.toString(), viaGdcm.toString());
            DIRS.put(name, new Path[] {b.extract(src), b.extract(viaDcmtk), b.extract(viaGdcm)});
        }
        b.run();
    }

    @ParameterizedTest
    @ValueSource(strings = {"JPEGLSNearLossless_08.dcm", "JPEGLSNearLossless_16.dcm", "MR_small_jpeg_ls_lossless.dcm",
        "SC_rgb_jls_lossy_line.dcm", "SC_rgb_jls_lossy_sample.dcm"})
    void pydicomFilesDecodeBitExact(String name) {
        Path[] d = DIRS.get(name);
        Extracted enc = JlsTestSupport.read(d[0]);
        Extracted dcmtk = JlsTestSupport.read(d[1]);
        Extracted gdcm = JlsTestSupport.read(d[2]);
        ImageDescriptor image = enc.image();
        JpegLsDecoder decoder = new JpegLsDecoder(false);
        assertFalse(enc.frames().isEmpty());
        for (int f = 0; f < enc.frames().size(); f++) {
            Samples dst = allocate(image);
            DecodedFrame r = decoder.decode(ByteBuffer.wrap(enc.frames().get(f)), image, dst);
            Object ours = array(dst);
            String what = name + " frame " + f;
            assertSameLowBits(what + " vs dcmdjpls", dcmtk.nativeFrame(f), ours, r.bitsStored());
            assertSameLowBits(what + " vs gdcmconv --raw", gdcm.nativeFrame(f), ours, r.bitsStored());
        }
    }
}
