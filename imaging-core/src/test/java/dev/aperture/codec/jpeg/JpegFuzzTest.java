// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random corruption of stream kinds the contract corpus does not hold: restart intervals,
 * one scan per component, 4:2:0 (h2v2 upsampling, from a GDCM-made pydicom file), 12-bit DCT and
 * multi-component lossless with restarts. Only an {@link ApertureException} may escape, and
 * nothing may be written outside the destination window.
 */
class JpegFuzzTest {

    private static final int ROUNDS = Integer.getInteger("aperture.jpeg.fuzzRounds", 400);

    record Stream(String name, byte[] bytes, ImageDescriptor image) {
    }

    private static byte[] rgb(int rows, int cols, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[rows * cols * 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ((i / 3 % cols) * 4 + r.nextInt(40));
        }
        return b;
    }

    /** The first JPEG codestream (SOI..EOI) inside a single-frame DICOM file. */
    private static byte[] embedded(String file) throws IOException {
        byte[] all = Files.readAllBytes(JpegTestSupport.pydicomData().resolve(file));
        int soi = -1;
        for (int i = 0; i + 2 < all.length; i++) {
            if ((all[i] & 0xFF) == 0xFF && (all[i + 1] & 0xFF) == 0xD8 && (all[i + 2] & 0xFF) == 0xFF) {
                soi = i;
                break;
            }
        }
        int eoi = -1;
        for (int i = all.length - 2; i > soi; i--) {
            if ((all[i] & 0xFF) == 0xFF && (all[i + 1] & 0xFF) == 0xD9) {
                eoi = i + 2;
                break;
            }
        }
        assertTrue(soi >= 0 && eoi > soi, file);
        return Arrays.copyOfRange(all, soi, eoi);
    }

    private static List<Stream> streams() throws IOException {
        List<Stream> list = new ArrayList<>();
        ImageDescriptor rgb = ImageDescriptor.of(24, 37, 3, 8, 8, false, Photometric.RGB);
        EncodeOptions d = EncodeOptions.DEFAULT;
        list.add(new Stream("baseline 4:2:2 restart", new DctEncoder(false, 2, false, false)
                .encode(ByteSamples.of(rgb(24, 37, 1)), rgb, d).bytes(), rgb.withPhotometric(Photometric.YBR_FULL_422)));
        list.add(new Stream("baseline three scans restart", new DctEncoder(false, 3, true, true)
                .encode(ByteSamples.of(rgb(24, 37, 2)), rgb, d).bytes(), rgb.withPhotometric(Photometric.YBR_FULL_422)));
        list.add(new Stream("lossless rgb restart", new LosslessEncoder(false, 3)
                .encode(ByteSamples.of(rgb(24, 37, 3)), rgb, d.withPredictor(6)).bytes(), rgb));
        ImageDescriptor ybr = ImageDescriptor.of(100, 100, 3, 8, 8, false, Photometric.YBR_FULL);
        list.add(new Stream("gdcm 4:2:0", embedded("SC_rgb_jpeg_lossy_gdcm.dcm"), ybr));
        ImageDescriptor ext = ImageDescriptor.of(1024, 256, 1, 16, 12, false, Photometric.MONOCHROME2);
        list.add(new Stream("extended 12-bit", embedded("JPGExtended.dcm"), ext));
        // Aperture's own 12-bit SOF1 stream with 16-bit DQT entries (quality 10) and restarts
        ImageDescriptor e12 = ImageDescriptor.of(20, 27, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] ct = JpegExtendedEncoderTest.ctLike(20, 27, 5, false);
        list.add(new Stream("aperture extended 12-bit", new DctEncoder(true, 2, false, false)
                .encode(dev.aperture.image.ShortSamples.of(ct), e12, d.withQuality(10)).bytes(), e12));
        return list;
    }

    @Test
    void corruptedStreamsGiveOnlyTheLibrarysException() throws IOException {
        JpegDecoder decoder = new JpegDecoder(true, true);
        Random rnd = new Random(0x1FE2);
        for (Stream s : streams()) {
            int n = s.image().samplesPerFrame();
            int rounds = s.bytes().length > 20000 ? ROUNDS / 8 : ROUNDS;
            for (int i = 0; i < rounds; i++) {
                byte[] bad = s.bytes().clone();
                int flips = 1 + rnd.nextInt(6);
                for (int f = 0; f < flips; f++) {
                    int at = rnd.nextInt(bad.length);
                    int kind = rnd.nextInt(5);
                    bad[at] = kind == 0 ? (byte) 0xFF : kind == 1 ? 0 : (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(4) == 0) {
                    bad = Arrays.copyOf(bad, rnd.nextInt(bad.length + 1));
                }
                Samples dst = s.image().bitsAllocated() == 8
                        ? new ByteSamples(new byte[n + 6], 3, n) : new ShortSamples(new short[n + 6], 3, n);
                try {
                    decoder.decode(ByteBuffer.wrap(bad), s.image(), dst);
                } catch (ApertureException expected) {
                    assertTrue(!expected.getMessage().isEmpty());
                } catch (RuntimeException | Error e) {
                    fail(s.name() + ", round " + i + ": " + e, e);
                }
                for (int k = 0; k < 3; k++) {
                    if (dst instanceof ByteSamples b) {
                        assertTrue(b.array()[k] == 0 && b.array()[n + 3 + k] == 0, s.name() + ": wrote outside");
                    } else {
                        ShortSamples sh = (ShortSamples) dst;
                        assertTrue(sh.array()[k] == 0 && sh.array()[n + 3 + k] == 0, s.name() + ": wrote outside");
                    }
                }
            }
        }
    }
}
