// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameDecoderContract;
import dev.aperture.codec.jpegls.JlsTestSupport.Batch;
import dev.aperture.codec.jpegls.JlsTestSupport.Extracted;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The codec contract (STYLE.md section 7) on small real frames: three of pydicom's JPEG-LS files
 * (8-bit and 16-bit near-lossless, 8-bit RGB sample-interleaved near-lossless) with the samples
 * {@code dcmdjpls} decodes from them, MR_small lossless with its native samples, and two frames
 * Aperture encodes (12-bit signed with restart markers; RGB line-interleaved) with their sources.
 */
class JpegLsDecoderContractTest extends FrameDecoderContract {

    private static List<Case> cases;

    @Override
    protected FrameDecoder decoder() {
        return new JpegLsCodecProvider().decoder(JpegLsCodecProvider.NEAR_LOSSLESS).orElseThrow();
    }

    @Override
    protected synchronized List<Case> cases() {
        if (cases == null) {
            cases = build();
        }
        return cases;
    }

    private static List<Case> build() {
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "dcmdjpls");
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("jls-contract");
            Path data = JlsTestSupport.pydicomData();
            String[] names = {"JPEGLSNearLossless_08.dcm", "JPEGLSNearLossless_16.dcm", "SC_rgb_jls_lossy_sample.dcm"};
            Batch b = new Batch(tmp);
            List<Path[]> dirs = new ArrayList<>();
            for (String n : names) {
                Path dec = tmp.resolve(n + ".native.dcm");
                JlsTestSupport.run("dcmdjpls", data.resolve(n).toString(), dec.toString());
                dirs.add(new Path[] {b.extract(data.resolve(n)), b.extract(dec)});
            }
            Path mrEnc = b.extract(data.resolve("MR_small_jpeg_ls_lossless.dcm"));
            Path mrNat = b.extract(data.resolve("MR_small.dcm"));
            b.run();
            List<Case> list = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                Extracted enc = JlsTestSupport.read(dirs.get(i)[0]);
                Extracted nat = JlsTestSupport.read(dirs.get(i)[1]);
                list.add(new Case(names[i], enc.frames().get(0), enc.image(), nat.nativeFrame(0)));
            }
            Extracted mr = JlsTestSupport.read(mrEnc);
            list.add(new Case("MR_small_jpeg_ls_lossless.dcm", mr.frames().get(0), mr.image(),
                    JlsTestSupport.read(mrNat).nativeFrame(0)));

            Random rnd = new Random(7);
            ImageDescriptor s12 = ImageDescriptor.of(17, 23, 1, 16, 12, true, Photometric.MONOCHROME2);
            short[] v = new short[17 * 23];
            for (int i = 0; i < v.length; i++) {
                v[i] = (short) ((i % 23) < 6 ? -300 : rnd.nextInt(4096) - 2048);
            }
            list.add(new Case("aperture 12-bit signed, restart every 5 lines",
                    JpegLsEncoder.encode(JlsTestSupport.wrapArray(v), s12, 0, 0, null, false, 5), s12, v));
            ImageDescriptor rgb = ImageDescriptor.of(13, 19, 3, 8, 8, false, Photometric.RGB);
            byte[] c = new byte[13 * 19 * 3];
            for (int i = 0; i < c.length; i++) {
                c[i] = (byte) ((i / 3) % 19 < 9 ? 77 : rnd.nextInt(256));
            }
            list.add(new Case("aperture RGB line-interleaved",
                    JpegLsEncoder.encode(JlsTestSupport.wrapArray(c), rgb, 0, 1, null), rgb, c));
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            JlsTestSupport.deleteTree(tmp);
        }
    }
}
