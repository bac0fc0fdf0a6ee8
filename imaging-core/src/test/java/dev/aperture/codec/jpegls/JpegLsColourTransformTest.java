// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static dev.aperture.codec.jpegls.JlsTestSupport.allocate;
import static dev.aperture.codec.jpegls.JlsTestSupport.array;
import static dev.aperture.codec.jpegls.JlsTestSupport.assertSameLowBits;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aperture.codec.jpegls.JlsTestSupport.Batch;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.UnsupportedDataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HP colour transforms (APP8 "mrfx", transforms 1 to 3) in streams CharLS 2.4.1 wrote (see
 * {@code hp/make_hp_streams.c} beside the streams): decoded to the computed source image, and
 * equal to what GDCM (CharLS) decodes.
 */
class JpegLsColourTransformTest {

    @TempDir
    Path tmp;

    private static final JpegLsDecoder DECODER = new JpegLsDecoder(false);

    /** The image of make_hp_streams.c: samples interleaved R G B. */
    static Object image(int w, int h, int bits) {
        int max = (1 << bits) - 1;
        short[] s = bits > 8 ? new short[w * h * 3] : null;
        byte[] b = bits > 8 ? null : new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int v = c == 0 ? x * 13 + y * 7 : (c == 1 ? x * 5 + y * 11 + (x * y) % 17 : max - x * 3 - y);
                    if (bits > 8) {
                        v = v * 251 + (x % 3) * 977;
                    }
                    v &= max;
                    int i = (y * w + x) * 3 + c;
                    if (s != null) {
                        s[i] = (short) v;
                    } else {
                        b[i] = (byte) v;
                    }
                }
            }
        }
        return s != null ? s : b;
    }

    private static byte[] stream(String name) {
        try (InputStream in = JpegLsColourTransformTest.class.getResourceAsStream("hp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test stream " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object decode(byte[] jls, ImageDescriptor d) {
        Samples dst = allocate(d);
        DECODER.decode(ByteBuffer.wrap(jls), d, dst);
        return array(dst);
    }

    @Test
    void hpTransformsDecodeToTheSourceAndAsGdcmDoes() {
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "gdcmconv");
        ImageDescriptor d8 = ImageDescriptor.of(17, 23, 3, 8, 8, false, Photometric.RGB);
        ImageDescriptor d16 = ImageDescriptor.of(9, 13, 3, 16, 16, false, Photometric.RGB);
        Path template = JlsTestSupport.pydicomData().resolve("CT_small.dcm");
        Batch b = new Batch(tmp);
        String[] names = new String[9];
        Path[] files = new Path[9];
        int k = 0;
        for (int t = 1; t <= 3; t++) {
            for (String v : new String[] {"ilv1_8bit", "ilv2_8bit", "ilv2_16bit"}) {
                String name = "hp" + t + "_" + v + ".jls";
                ImageDescriptor d = v.endsWith("16bit") ? d16 : d8;
                Object want = image(d.columns(), d.rows(), d.bitsStored());
                byte[] jls = stream(name);
                assertSameLowBits(name, want, decode(jls, d), d.bitsStored());
                names[k] = name;
                files[k] = b.wrap(template, tmp.resolve(name + ".dcm"), JpegLsCodecProvider.LOSSLESS, d, List.of(jls));
                k++;
            }
        }
        b.run();
        Path[] dirs = new Path[9];
        for (int i = 0; i < 9; i++) {
            Path out = tmp.resolve(names[i] + ".gdcm.dcm");
            JlsTestSupport.run("gdcmconv", "--raw", files[i].toString(), out.toString());
            dirs[i] = b.extract(out);
        }
        b.run();
        for (int i = 0; i < 9; i++) {
            ImageDescriptor d = names[i].endsWith("16bit.jls") ? d16 : d8;
            assertSameLowBits(names[i] + " vs GDCM", JlsTestSupport.read(dirs[i]).nativeFrame(0),
                    decode(stream(names[i]), d), d.bitsStored());
        }
    }

    @Test
    void unknownTransformsAndTransformsOfOtherShapesAreUnsupported() {
        ImageDescriptor d8 = ImageDescriptor.of(17, 23, 3, 8, 8, false, Photometric.RGB);
        byte[] jls = stream("hp1_ilv1_8bit.jls");
        byte[] four = jls.clone();
        four[10] = 4; // the transform byte of FF E8 00 07 'm' 'r' 'f' 'x' t
        assertThrows(UnsupportedDataException.class, () -> decode(four, d8));
        ImageDescriptor mono = ImageDescriptor.of(8, 8, 1, 8, 8, false, Photometric.MONOCHROME2);
        byte[] grey = JpegLsEncoder.encode(JlsTestSupport.wrapArray(new byte[64]), mono, 0, 0, null);
        byte[] withHp = new byte[grey.length + 9];
        System.arraycopy(grey, 0, withHp, 0, 2);
        System.arraycopy(jls, 2, withHp, 2, 9);
        System.arraycopy(grey, 2, withHp, 11, grey.length - 2);
        assertThrows(UnsupportedDataException.class, () -> decode(withHp, mono));
    }
}
