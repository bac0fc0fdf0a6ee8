// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static dev.aperture.codec.jpegls.JlsTestSupport.allocate;
import static dev.aperture.codec.jpegls.JlsTestSupport.array;
import static dev.aperture.codec.jpegls.JlsTestSupport.assertSameLowBits;
import static dev.aperture.codec.jpegls.JlsTestSupport.extract;
import static dev.aperture.codec.jpegls.JlsTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.jpegls.JlsTestSupport.Extracted;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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

    @TempDir
    static Path tmp;

    @BeforeAll
    static void tools() {
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "dcmdjpls", "gdcmconv");
    }

    /** Decodes every frame of {@code compressed} and compares with both native oracles. */
    static void assertDecodesLikeCharLs(Path compressed, Path tmp) {
        Extracted enc = extract(compressed, tmp);
        ImageDescriptor d = enc.image();
        Path viaDcmtk = tmp.resolve(compressed.getFileName() + ".dcmtk.dcm");
        run("dcmdjpls", compressed.toString(), viaDcmtk.toString());
        Path viaGdcm = tmp.resolve(compressed.getFileName() + ".gdcm.dcm");
        run("gdcmconv", "--raw", compressed.toString(), viaGdcm.toString());
        Extracted dcmtk = extract(viaDcmtk, tmp);
        Extracted gdcm = extract(viaGdcm, tmp);
        JpegLsDecoder decoder = new JpegLsDecoder(false);
        for (int f = 0; f < enc.frames().size(); f++) {
            Samples dst = allocate(d);
            DecodedFrame r = decoder.decode(ByteBuffer.wrap(enc.frames().get(f)), d, dst);
            Object ours = array(dst);
            String what = compressed.getFileName() + " frame " + f;
            assertSameLowBits(what + " vs dcmdjpls", dcmtk.nativeFrame(f), ours, r.bitsStored());
            assertSameLowBits(what + " vs gdcmconv --raw", gdcm.nativeFrame(f), ours, r.bitsStored());
        }
        assertFalse(enc.frames().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JPEGLSNearLossless_08.dcm", "JPEGLSNearLossless_16.dcm", "MR_small_jpeg_ls_lossless.dcm",
        "SC_rgb_jls_lossy_line.dcm", "SC_rgb_jls_lossy_sample.dcm"})
    void pydicomFilesDecodeBitExact(String name) {
        assertDecodesLikeCharLs(JlsTestSupport.pydicomData().resolve(name), tmp);
    }
}
