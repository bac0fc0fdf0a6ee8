// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart intervals from {@link EncodeOptions#restartInterval()} (T.81 B.2.4.4 DRI, RSTm markers)
 * in the DCT encoders (baseline, extended 8/12-bit, grey and colour) and the lossless encoders.
 *
 * <p>Each stream carries DRI with the requested Ri and exactly ceil(MCUs / Ri) - 1 RST markers,
 * numbered RST0..RST7 cyclically. Lossless streams decode bit-exactly to the source with DCMTK
 * ({@code dcmdjpeg}), GDCM ({@code gdcmconv --raw}) and our decoder. A DCT stream with restarts
 * holds the same quantised coefficients as the stream without, so each decoder must give exactly
 * the samples it gives for the stream without restarts: libjpeg (inside dcmdjpeg) expects RSTm
 * after exactly Ri MCUs and resynchronises (losing data) otherwise, so a marker at a wrong MCU
 * count shows as a difference.
 */
class JpegRestartIntervalTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path tmp;

    private static final JpegCodecProvider PROVIDER = new JpegCodecProvider();

    @BeforeAll
    static void tools() {
        JpegTestSupport.requireTools(JpegTestSupport.PYTHON, "dcmdjpeg", "gdcmconv");
    }

    /** One frame, its encoder options, and the MCU count of its scan. */
    record Case(String name, String ts, ImageDescriptor image, Object source, EncodeOptions options, int mcus) {
    }

    private static ImageDescriptor image(int rows, int cols, int spp, int bits, int stored) {
        return new ImageDescriptor(rows, cols, spp, bits, stored, false,
                spp == 3 ? Photometric.RGB : Photometric.MONOCHROME2, 0, 1);
    }

    private static Case dct(String name, String ts, ImageDescriptor image, EncodeOptions options, long seed) {
        int hMax = image.samplesPerPixel() == 3 ? 2 : 1; // RGB goes to 4:2:2: MCU 16 x 8
        int mcus = ((image.columns() + 8 * hMax - 1) / (8 * hMax)) * ((image.rows() + 7) / 8);
        return new Case(name, ts, image, JpegEncoderTest.synth(image, seed), options, mcus);
    }

    private static Case lossless(String name, String ts, ImageDescriptor image, EncodeOptions options, long seed) {
        // one MCU per pixel in an interleaved lossless scan with every sampling factor 1 (A.2.3, H.1.1)
        return new Case(name, ts, image, JpegEncoderTest.synth(image, seed), options, image.rows() * image.columns());
    }

    @Test
    void restartIntervalsAreWrittenWhereT81PutsThemAndDecodeWithDcmtkGdcmAndOurs() throws IOException {
        EncodeOptions d = EncodeOptions.DEFAULT;
        String base = JpegCodecProvider.BASELINE;
        String ext = JpegCodecProvider.EXTENDED;
        String ll = JpegCodecProvider.LOSSLESS;
        String sv1 = JpegCodecProvider.LOSSLESS_SV1;
        List<Case> cases = new ArrayList<>();
        cases.add(dct("base-grey-5", base, image(37, 45, 1, 8, 8), d.withRestartInterval(5), 1));
        cases.add(dct("base-rgb-4", base, image(37, 45, 3, 8, 8), d.withRestartInterval(4), 2));
        cases.add(dct("base-grey-1-fixed", base, image(24, 80, 1, 8, 8),
                d.withRestartInterval(1).withOptimisedHuffman(false), 3));
        cases.add(dct("ext-grey12-7", ext, image(40, 40, 1, 16, 12), d.withRestartInterval(7), 4));
        cases.add(dct("ext-grey12-1", ext, image(33, 17, 1, 16, 12), d.withRestartInterval(1).withQuality(60), 5));
        cases.add(dct("ext-rgb12-2", ext, image(21, 50, 3, 16, 12), d.withRestartInterval(2), 6));
        cases.add(dct("ext-rgb8-100", ext, image(30, 30, 3, 8, 8), d.withRestartInterval(100), 7)); // > MCUs: none
        cases.add(lossless("ll-12-3rows", ll, image(30, 20, 1, 16, 12), d.withPredictor(4).withRestartInterval(60), 8));
        cases.add(lossless("ll-rgb8-5rows", ll, image(23, 41, 3, 8, 8), d.withPredictor(7).withRestartInterval(205), 9));
        cases.add(lossless("sv1-16-1row", sv1, image(19, 27, 1, 16, 16), d.withRestartInterval(27), 10));
        cases.add(lossless("sv1-8-9rows", sv1, image(64, 7, 1, 8, 8), d.withRestartInterval(63), 11));

        List<String> wrap = new ArrayList<>();
        List<EncodedFrame[]> encoded = new ArrayList<>();
        for (Case c : cases) {
            FrameEncoder enc = PROVIDER.encoder(c.ts()).orElseThrow();
            EncodedFrame with = enc.encode(JpegEncoderTest.wrap(c.source()), c.image(), c.options());
            EncodedFrame without = enc.encode(JpegEncoderTest.wrap(c.source()), c.image(), c.options().withRestartInterval(0));
            encoded.add(new EncodedFrame[] {with, without});
            checkMarkers(c, with.bytes());
            assertEquals(0, markers(without.bytes()).size(), c.name() + ": no RST without an interval");
            assertEquals(-1, dri(without.bytes()), c.name() + ": no DRI without an interval");
            ImageDescriptor declared = c.image().withPhotometric(with.photometric());
            String[] kinds = {"r", "n"};
            for (int k = 0; k < 2; k++) {
                Path jpg = tmp.resolve(c.name() + "." + kinds[k] + ".jpg");
                Files.write(jpg, encoded.get(encoded.size() - 1)[k].bytes());
                wrap.addAll(List.of("wrap", tmp.resolve(c.name() + "." + kinds[k] + ".dcm").toString(), c.ts(),
                        String.valueOf(declared.rows()), String.valueOf(declared.columns()),
                        String.valueOf(declared.samplesPerPixel()), String.valueOf(declared.bitsAllocated()),
                        String.valueOf(declared.bitsStored()), "0", declared.photometric().code(), jpg.toString(), ";;"));
            }
        }
        JpegTestSupport.py(tmp, wrap);
        List<String> extract = new ArrayList<>();
        for (Case c : cases) {
            for (String k : new String[] {"r", "n"}) {
                String stem = c.name() + "." + k;
                Path dcm = tmp.resolve(stem + ".dcm");
                JpegTestSupport.run(tmp, "dcmdjpeg", "+px", dcm.toString(), tmp.resolve(stem + ".dcmtk.dcm").toString());
                JpegTestSupport.run(tmp, "gdcmconv", "--raw", dcm.toString(), tmp.resolve(stem + ".gdcm.dcm").toString());
                extract.addAll(JpegTestSupport.rawCommand(tmp.resolve(stem + ".dcmtk.dcm"), tmp.resolve(stem + ".dcmtk.raw")));
                extract.addAll(JpegTestSupport.rawCommand(tmp.resolve(stem + ".gdcm.dcm"), tmp.resolve(stem + ".gdcm.raw")));
            }
        }
        JpegTestSupport.py(tmp, extract);
        for (int j = 0; j < cases.size(); j++) {
            Case c = cases.get(j);
            EncodedFrame with = encoded.get(j)[0];
            ImageDescriptor declared = c.image().withPhotometric(with.photometric());
            Object own = JpegEncoderTest.decodeOwn(with.bytes(), declared, c.ts());
            Object ownWithout = JpegEncoderTest.decodeOwn(encoded.get(j)[1].bytes(), declared, c.ts());
            Object dcmtk = JpegTestSupport.readRaw(tmp.resolve(c.name() + ".r.dcmtk.raw")).frame(0);
            Object dcmtkWithout = JpegTestSupport.readRaw(tmp.resolve(c.name() + ".n.dcmtk.raw")).frame(0);
            Object gdcm = JpegTestSupport.readRaw(tmp.resolve(c.name() + ".r.gdcm.raw")).frame(0);
            Object gdcmWithout = JpegTestSupport.readRaw(tmp.resolve(c.name() + ".n.gdcm.raw")).frame(0);
            if (with.lossy()) {
                JpegEncoderTest.assertSameSamples(ownWithout, own, c.name() + ": ours, with vs without restarts");
                JpegEncoderTest.assertSameSamples(dcmtkWithout, dcmtk, c.name() + ": dcmdjpeg, with vs without restarts");
                JpegEncoderTest.assertSameSamples(gdcmWithout, gdcm, c.name() + ": gdcmconv, with vs without restarts");
                int m = JpegTestSupport.maxDiff(own, dcmtk, declared.bitsStored());
                assertTrue(m <= 1, c.name() + ": dcmdjpeg differs from ours by " + m);
            } else {
                JpegEncoderTest.assertSameSamples(c.source(), own, c.name() + ": ours");
                JpegEncoderTest.assertSameSamples(c.source(), dcmtk, c.name() + ": dcmdjpeg");
                JpegEncoderTest.assertSameSamples(c.source(), gdcm, c.name() + ": gdcmconv");
            }
        }
    }

    /** DRI holds Ri; RSTm follow in order, one after every Ri MCUs but the last interval. */
    private static void checkMarkers(Case c, byte[] b) {
        int ri = c.options().restartInterval();
        assertEquals(ri, dri(b), c.name() + ": DRI");
        List<Integer> rst = markers(b);
        int intervals = (c.mcus() + ri - 1) / ri;
        assertEquals(intervals - 1, rst.size(), c.name() + ": RST markers for " + c.mcus() + " MCUs, Ri " + ri);
        for (int i = 0; i < rst.size(); i++) {
            assertEquals(0xD0 + (i & 7), rst.get(i), c.name() + ": RST number " + i);
        }
    }

    /** Ri of the DRI segment before the first SOS, or -1. */
    private static int dri(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            int m = b[i + 1] & 0xFF;
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (m == 0xDA) {
                return -1;
            }
            if (m == 0xDD) {
                assertEquals(4, len, "DRI length");
                return ((b[i + 4] & 0xFF) << 8) | (b[i + 5] & 0xFF);
            }
            i += 2 + len;
        }
        throw new AssertionError("no SOS");
    }

    /** The RSTm marker codes in the entropy-coded data, in order (0xFF00 is a stuffed 0xFF). */
    private static List<Integer> markers(byte[] b) {
        int i = 2;
        while ((b[i + 1] & 0xFF) != 0xDA) {
            i += 2 + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF));
        }
        i += 2 + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF));
        List<Integer> out = new ArrayList<>();
        for (; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF) {
                int m = b[i + 1] & 0xFF;
                if (m >= 0xD0 && m <= 0xD7) {
                    out.add(m);
                } else {
                    assertTrue(m == 0 || m == 0xD9, "unexpected marker " + Integer.toHexString(m) + " in scan");
                }
                i++;
            }
        }
        return out;
    }

    @Test
    void losslessIntervalsMustBeWholeRowsAndTheOptionIsChecked() {
        FrameEncoder ll = PROVIDER.encoder(JpegCodecProvider.LOSSLESS).orElseThrow();
        ImageDescriptor img = image(8, 10, 1, 16, 12);
        ShortSamples src = ShortSamples.of(new short[80]);
        assertThrows(UnsupportedDataException.class,
                () -> ll.encode(src, img, EncodeOptions.DEFAULT.withRestartInterval(15)));
        assertEquals(20, dri(ll.encode(src, img, EncodeOptions.DEFAULT.withRestartInterval(20)).bytes()));
        assertThrows(IllegalArgumentException.class, () -> EncodeOptions.DEFAULT.withRestartInterval(-1));
        assertThrows(IllegalArgumentException.class, () -> EncodeOptions.DEFAULT.withRestartInterval(65536));
        // the constructors that predate the option keep working and mean "no restarts"
        assertEquals(0, new EncodeOptions(0, 90, 1, 0, true, -1, null).restartInterval());
        assertEquals(0, EncodeOptions.DEFAULT.restartInterval());
        assertEquals(7, EncodeOptions.DEFAULT.withRestartInterval(7).withQuality(50).withPredictor(3)
                .withOptimisedHuffman(false).withNearLossless(2).withJpegLsInterleave(1).restartInterval());
    }
}
