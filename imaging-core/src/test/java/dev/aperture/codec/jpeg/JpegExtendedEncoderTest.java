// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extended (SOF1) encoder for transfer syntax 1.2.840.10008.1.2.4.51: frames it encodes,
 * wrapped into DICOM by the pydicom helper, decode with DCMTK ({@code dcmdjpeg}, libjpeg's
 * accurate integer IDCT) and GDCM ({@code gdcmconv --raw}) within one per sample of our own
 * decoder, and stay close to the source.
 *
 * <p>Documented bounds (12-bit, PSNR with peak 4095; measured values in brackets): quality 90,
 * PSNR &ge; 58 dB [60.4..62.1] and max error &le; 24 [14..18]; quality 95, &ge; 64 dB [66.1..67.0]
 * and &le; 12 [6..7]; quality 100 (every quantiser 1, the error is rounding only), &ge; 80 dB
 * [82.9] and &le; 2 [1]. Quality 10 (16-bit DQT): &ge; 44 dB [46.6], &le; 96 [70]. 8-bit q90:
 * mono &ge; 30 dB [36.5]; RGB through YCbCr 4:2:2 mean error &lt; 12 [8.2], as the baseline test.
 * 12-bit RGB through YCbCr 4:2:2 (the noisy synthetic colour image, whose chroma detail the 2:1
 * subsampling removes): PSNR &ge; 25 dB [28.1..28.4, 8-bit: 26.7], mean error &lt; 192 [100..103],
 * the 8-bit bound scaled by 16.
 * dcmdjpeg and gdcmconv decode every stream here exactly as our decoder does (difference 0; the
 * assertion allows 1).
 */
class JpegExtendedEncoderTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path tmp;

    private static final FrameEncoder EXTENDED = new JpegCodecProvider().encoder(JpegCodecProvider.EXTENDED).orElseThrow();
    private static final String TS = JpegCodecProvider.EXTENDED;

    @BeforeAll
    static void tools() {
        JpegTestSupport.requireTools(JpegTestSupport.PYTHON, "dcmdjpeg", "gdcmconv");
    }

    /** One image: source frames, options, and the bounds the decoded frames must meet. */
    record Case(String name, ImageDescriptor image, List<Object> frames, EncodeOptions options, double minPsnr,
                int maxError) {
    }

    /** The pydicom CT (Pixel Representation 1, values 128..2191) as one 16-bit frame. */
    static short[] ctSmall() throws IOException {
        JpegTestSupport.Raw raw = JpegTestSupport.raw(JpegTestSupport.pydicomData().resolve("CT_small.dcm"), tmp);
        assertEquals(128, raw.image().rows());
        return (short[]) raw.frame(0);
    }

    static ImageDescriptor mono(int rows, int cols, int bits, int stored, boolean signed, int frames) {
        return new ImageDescriptor(rows, cols, 1, bits, stored, signed, Photometric.MONOCHROME2, 0, frames);
    }

    /** CT-like noise: a body disc, bone ring, air outside, Gaussian noise; 12-bit range. */
    static short[] ctLike(int rows, int cols, long seed, boolean signed) {
        Random r = new Random(seed);
        short[] s = new short[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dx = x - cols / 2.0;
                double dy = y - rows / 2.0;
                double d = Math.sqrt(dx * dx + dy * dy) / (Math.min(rows, cols) / 2.0);
                double hu = d > 0.9 ? -1000 : d > 0.8 ? 900 : 40 + 30 * Math.sin(x / 4.0) * Math.cos(y / 7.0);
                hu += r.nextGaussian() * 15;
                int v = (int) Math.round(hu) + 1024; // stored = HU + 1024, as CT with intercept -1024
                v = Math.max(0, Math.min(4095, v));
                s[y * cols + x] = (short) (signed ? v - 2048 : v);
            }
        }
        return s;
    }

    @Test
    void twelveBitFramesDecodeWithDcmtkAndGdcmLikeOursAndStayCloseToTheSource() throws IOException {
        EncodeOptions q90 = EncodeOptions.DEFAULT;
        List<Case> cases = new ArrayList<>();
        short[] ct = ctSmall();
        // Real data: the CT's values (128..2191) as 12-bit unsigned samples
        cases.add(new Case("ct-q90", mono(128, 128, 16, 12, false, 1), List.of(ct), q90, 58, 24));
        cases.add(new Case("ct-q95-fixed", mono(128, 128, 16, 12, false, 1), List.of(ct),
                q90.withQuality(95).withOptimisedHuffman(false), 64, 12));
        cases.add(new Case("ct-q100", mono(128, 128, 16, 12, false, 1), List.of(ct), q90.withQuality(100), 80, 2));
        // ... and signed, centred on zero (Pixel Representation 1): coded with the value offset
        short[] ctSigned = ct.clone();
        for (int i = 0; i < ctSigned.length; i++) {
            ctSigned[i] -= 1024;
        }
        cases.add(new Case("ct-signed-q90", mono(128, 128, 16, 12, true, 1), List.of(ctSigned), q90, 58, 24));
        // As stored in the file: 16 bits stored, signed, values fitting 12 bits
        cases.add(new Case("ct-16stored", mono(128, 128, 16, 16, true, 1), List.of(ct), q90, 58, 24));
        // Multi-frame CT-like noise, odd size (partial MCUs), 10 bits stored signed
        List<Object> multi = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            multi.add(ctLike(37, 51, 100 + f, false));
        }
        cases.add(new Case("ctlike-3frames", mono(37, 51, 16, 12, false, 3), multi, q90, 58, 24));
        List<Object> multiSigned = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            multiSigned.add(ctLike(40, 24, 200 + f, true));
        }
        cases.add(new Case("ctlike-signed-2frames", mono(40, 24, 16, 12, true, 2), multiSigned,
                q90.withQuality(95), 64, 12));
        // Full-range ramp plus noise, and a low quality whose tables need 16-bit DQT entries
        short[] ramp = new short[64 * 96];
        Random rnd = new Random(7);
        for (int i = 0; i < ramp.length; i++) {
            int v = (i % 96) * 4095 / 95 + (int) (rnd.nextGaussian() * 20);
            ramp[i] = (short) Math.max(0, Math.min(4095, v));
        }
        cases.add(new Case("ramp-q90", mono(64, 96, 16, 12, false, 1), List.of(ramp), q90, 58, 24));
        cases.add(new Case("ramp-q10", mono(64, 96, 16, 12, false, 1), List.of(ramp), q90.withQuality(10), 44, 96));
        // 8-bit SOF1, mono and three components (RGB -> YBR_FULL_422)
        ImageDescriptor grey8 = mono(37, 45, 8, 8, false, 2);
        cases.add(new Case("grey8-q90", grey8, List.of(JpegEncoderTest.synth(grey8, 1), JpegEncoderTest.synth(grey8, 2)),
                q90, 30, 255));
        // (one frame: gdcmconv refuses to write a multi-frame colour Secondary Capture)
        ImageDescriptor rgb8 = new ImageDescriptor(37, 45, 3, 8, 8, false, Photometric.RGB, 0, 1);
        cases.add(new Case("rgb8-q90", rgb8, List.of(JpegEncoderTest.synth(rgb8, 3)), q90, 25, 255));
        ImageDescriptor ybr8 = new ImageDescriptor(24, 20, 3, 8, 8, false, Photometric.YBR_FULL, 0, 1);
        cases.add(new Case("ybr8-q90-fixed", ybr8, List.of(JpegEncoderTest.synth(ybr8, 5)),
                q90.withOptimisedHuffman(false), 30, 255));
        run(cases);
    }

    @Test
    void twelveBitColourDecodesWithDcmtkAndGdcmLikeOurs() throws IOException {
        EncodeOptions q90 = EncodeOptions.DEFAULT;
        List<Case> cases = new ArrayList<>();
        // 12-bit RGB -> YCbCr 4:2:2, YBR_FULL_422 (as dcmcjpeg +ee writes it); odd size, partial MCUs
        ImageDescriptor rgb12 = new ImageDescriptor(37, 45, 3, 16, 12, false, Photometric.RGB, 0, 1);
        cases.add(new Case("rgb12-q90", rgb12, List.of(JpegEncoderTest.synth(rgb12, 21)), q90, 25, 4095));
        cases.add(new Case("rgb12-q95-fixed-restart", rgb12, List.of(JpegEncoderTest.synth(rgb12, 22)),
                q90.withQuality(95).withOptimisedHuffman(false).withRestartInterval(3), 25, 4095));
        // 10 bits stored, full range of the stored bits
        ImageDescriptor rgb10 = new ImageDescriptor(16, 24, 3, 16, 10, false, Photometric.RGB, 0, 1);
        cases.add(new Case("rgb10-q90", rgb10, List.of(JpegEncoderTest.synth(rgb10, 23)), q90, 25, 4095));
        // YBR_FULL 12-bit coded as it is at 4:4:4 (agreement only: decoders hand it back as RGB)
        ImageDescriptor ybr12 = new ImageDescriptor(24, 20, 3, 16, 12, false, Photometric.YBR_FULL, 0, 1);
        cases.add(new Case("ybr12-q90", ybr12, List.of(JpegEncoderTest.synth(ybr12, 24)), q90, 0, 4095));
        run(cases);
    }

    private void run(List<Case> cases) throws IOException {
        List<String> wrap = new ArrayList<>();
        List<List<EncodedFrame>> encoded = new ArrayList<>();
        for (Case c : cases) {
            ImageDescriptor one = c.image().withFrames(1);
            List<EncodedFrame> frames = new ArrayList<>();
            for (int i = 0; i < c.frames().size(); i++) {
                EncodedFrame e = EXTENDED.encode(JpegEncoderTest.wrap(c.frames().get(i)), one, c.options());
                assertTrue(e.lossy(), c.name());
                assertEquals(0xC1, e.bytes()[findSof(e.bytes()) + 1] & 0xFF, c.name() + ": SOF1");
                frames.add(e);
                Files.write(tmp.resolve(c.name() + "." + i + ".jpg"), e.bytes());
            }
            encoded.add(frames);
            ImageDescriptor declared = declared(c.image(), frames.get(0));
            wrap.addAll(List.of("wrap", tmp.resolve(c.name() + ".dcm").toString(), TS,
                    String.valueOf(declared.rows()), String.valueOf(declared.columns()),
                    String.valueOf(declared.samplesPerPixel()), String.valueOf(declared.bitsAllocated()),
                    String.valueOf(declared.bitsStored()), declared.signed() ? "1" : "0", declared.photometric().code()));
            for (int i = 0; i < frames.size(); i++) {
                wrap.add(tmp.resolve(c.name() + "." + i + ".jpg").toString());
            }
            wrap.add(";;");
        }
        JpegTestSupport.py(tmp, wrap);
        List<String> extract = new ArrayList<>();
        for (Case c : cases) {
            Path dcm = tmp.resolve(c.name() + ".dcm");
            JpegTestSupport.run(tmp, "dcmdjpeg", "+px", dcm.toString(), tmp.resolve(c.name() + ".dcmtk.dcm").toString());
            JpegTestSupport.run(tmp, "gdcmconv", "--raw", dcm.toString(), tmp.resolve(c.name() + ".gdcm.dcm").toString());
            extract.addAll(JpegTestSupport.rawCommand(tmp.resolve(c.name() + ".dcmtk.dcm"), tmp.resolve(c.name() + ".dcmtk.raw")));
            extract.addAll(JpegTestSupport.rawCommand(tmp.resolve(c.name() + ".gdcm.dcm"), tmp.resolve(c.name() + ".gdcm.raw")));
        }
        JpegTestSupport.py(tmp, extract);
        for (int j = 0; j < cases.size(); j++) {
            Case c = cases.get(j);
            JpegTestSupport.Raw dcmtk = JpegTestSupport.readRaw(tmp.resolve(c.name() + ".dcmtk.raw"));
            JpegTestSupport.Raw gdcm = JpegTestSupport.readRaw(tmp.resolve(c.name() + ".gdcm.raw"));
            boolean colour = c.image().samplesPerPixel() == 3;
            for (int i = 0; i < c.frames().size(); i++) {
                String what = c.name() + " frame " + i;
                EncodedFrame e = encoded.get(j).get(i);
                ImageDescriptor declared = declared(c.image(), e).withFrames(1);
                Object own = JpegEncoderTest.decodeOwn(e.bytes(), declared, TS);
                int bits = declared.bitsStored();
                int m1 = JpegTestSupport.maxDiff(own, dcmtk.frame(i), bits);
                Object ownForGdcm = own;
                if (colour && gdcm.image().photometric() == Photometric.YBR_FULL) {
                    // gdcmconv --raw upsamples but keeps YCbCr (see JpegEncoderTest)
                    ownForGdcm = JpegEncoderTest.decodeOwn(e.bytes(), declared.withPhotometric(Photometric.RGB), TS);
                }
                int m2 = JpegTestSupport.maxDiff(ownForGdcm, gdcm.frame(i), bits);
                assertTrue(m1 <= 1 && m2 <= 1, what + ": dcmdjpeg/gdcmconv differ from ours by " + m1 + "/" + m2);
                if (c.image().photometric() == Photometric.YBR_FULL) {
                    continue; // decoders hand YBR_FULL back as RGB (PS3.5 8.2.1): agreement only
                }
                // Against the source (shifted by the value offset for signed input).
                int precision = c.image().bitsAllocated() == 8 ? 8 : 12;
                double[] err = error(c.frames().get(i), own, e.valueOffset(), c.image());
                double psnr = 10 * Math.log10(Math.pow((1 << precision) - 1, 2) / Math.max(1e-12, err[1]));
                assertTrue(psnr >= c.minPsnr(), what + ": PSNR " + psnr + " dB");
                assertTrue(err[0] <= c.maxError(), what + ": max error " + err[0]);
                if (colour) {
                    // the 8-bit bound, scaled to the precision
                    assertTrue(err[2] < 12 << (precision - 8), what + ": mean error " + err[2]);
                }
            }
        }
    }

    /** The descriptor the dataset declares for the encoded frame (PS3.5 8.2.1; see EncodedFrame). */
    static ImageDescriptor declared(ImageDescriptor source, EncodedFrame e) {
        ImageDescriptor d = source.withPhotometric(e.photometric());
        if (e.valueOffset() == 0) {
            return d;
        }
        int bits = Math.max(source.bitsStored(), 32 - Integer.numberOfLeadingZeros(2 * e.valueOffset() - 1));
        return new ImageDescriptor(d.rows(), d.columns(), d.samplesPerPixel(), d.bitsAllocated(), bits, false,
                d.photometric(), 0, d.frames());
    }

    /** {max abs error, mean squared error, mean abs error} of decoded against source + offset. */
    static double[] error(Object source, Object decoded, int offset, ImageDescriptor image) {
        int n = image.samplesPerFrame();
        double max = 0;
        double sq = 0;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            int s;
            int d;
            if (source instanceof byte[] b) {
                s = b[i] & 0xFF;
                d = ((byte[]) decoded)[i] & 0xFF;
            } else {
                short v = ((short[]) source)[i];
                s = (image.signed() ? v : v & 0xFFFF) + offset;
                d = ((short[]) decoded)[i] & 0xFFFF;
            }
            double e = Math.abs(s - d);
            max = Math.max(max, e);
            sq += e * e;
            abs += e;
        }
        if (image.samplesPerPixel() == 3) {
            // RGB went through YCbCr 4:2:2: compare as a whole, not per-sample maximum
            max = 0;
        }
        return new double[] {max, sq / n, abs / n};
    }

    private static int findSof(byte[] b) {
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && ((b[i + 1] & 0xFF) == 0xC0 || (b[i + 1] & 0xFF) == 0xC1)) {
                return i;
            }
        }
        throw new AssertionError("no SOF");
    }

    @Test
    void optimisedHuffmanTablesGiveSmallerStreamsAndTheSameSamples() throws IOException {
        short[] ct = ctSmall();
        ImageDescriptor ct12 = mono(128, 128, 16, 12, false, 1);
        ImageDescriptor rgb8 = new ImageDescriptor(48, 64, 3, 8, 8, false, Photometric.RGB, 0, 1);
        ImageDescriptor grey8 = mono(48, 64, 8, 8, false, 1);
        Object rgb = JpegEncoderTest.synth(rgb8, 11);
        Object grey = JpegEncoderTest.synth(grey8, 12);
        FrameEncoder baseline = new JpegCodecProvider().encoder(JpegCodecProvider.BASELINE).orElseThrow();
        record Pair(String name, FrameEncoder enc, ImageDescriptor image, Object src, String ts) {
        }
        for (Pair p : List.of(new Pair("ext-ct12", EXTENDED, ct12, ct, TS),
                new Pair("ext-rgb8", EXTENDED, rgb8, rgb, TS),
                new Pair("base-rgb8", baseline, rgb8, rgb, JpegCodecProvider.BASELINE),
                new Pair("base-grey8", baseline, grey8, grey, JpegCodecProvider.BASELINE))) {
            for (int q : new int[] {50, 90, 100}) {
                EncodeOptions o = EncodeOptions.DEFAULT.withQuality(q);
                EncodedFrame opt = p.enc().encode(JpegEncoderTest.wrap(p.src()), p.image(), o);
                EncodedFrame fix = p.enc().encode(JpegEncoderTest.wrap(p.src()), p.image(), o.withOptimisedHuffman(false));
                String what = p.name() + " q" + q;
                assertTrue(opt.bytes().length < fix.bytes().length,
                        what + ": optimised " + opt.bytes().length + " vs fixed " + fix.bytes().length);
                ImageDescriptor d = p.image().withPhotometric(opt.photometric());
                Object a = JpegEncoderTest.decodeOwn(opt.bytes(), d, p.ts());
                Object b = JpegEncoderTest.decodeOwn(fix.bytes(), d, p.ts());
                JpegEncoderTest.assertSameSamples(a, b, what);
            }
        }
        // ... and DCMTK decodes the fixed-table 8-bit baseline stream (Annex K.3 tables) like ours
        EncodedFrame fix = baseline.encode(ByteSamples.of((byte[]) grey), grey8,
                EncodeOptions.DEFAULT.withOptimisedHuffman(false));
        Files.write(tmp.resolve("fixed.jpg"), fix.bytes());
        JpegTestSupport.py(tmp, "wrap", tmp.resolve("fixed.dcm").toString(), JpegCodecProvider.BASELINE, "48", "64",
                "1", "8", "8", "0", "MONOCHROME2", tmp.resolve("fixed.jpg").toString());
        JpegTestSupport.run(tmp, "dcmdjpeg", "+px", tmp.resolve("fixed.dcm").toString(), tmp.resolve("fixed.dj.dcm").toString());
        JpegTestSupport.Raw dj = JpegTestSupport.raw(tmp.resolve("fixed.dj.dcm"), tmp);
        Object own = JpegEncoderTest.decodeOwn(fix.bytes(), grey8, JpegCodecProvider.BASELINE);
        assertTrue(JpegTestSupport.maxDiff(own, dj.frame(0), 8) <= 1);
    }

    @Test
    void quantisationTablesUseSixteenBitEntriesOnlyWhereNeeded() {
        ImageDescriptor ct12 = mono(16, 16, 16, 12, false, 1);
        short[] src = ctLike(16, 16, 3, false);
        // q10: 12-bit entries above 255 need Pq = 1 (B.2.4.1): Lq = 2 + 1 + 128 = 131
        byte[] low = EXTENDED.encode(ShortSamples.of(src), ct12, EncodeOptions.DEFAULT.withQuality(10)).bytes();
        assertEquals(0x10, dqtHeader(low) & 0xF0);
        byte[] high = EXTENDED.encode(ShortSamples.of(src), ct12, EncodeOptions.DEFAULT.withQuality(90)).bytes();
        assertEquals(0x00, dqtHeader(high) & 0xF0);
        // 8-bit tables stay 8-bit (Pq = 1 is not allowed at P = 8) even at quality 1
        ImageDescriptor grey8 = mono(16, 16, 8, 8, false, 1);
        byte[] b8 = EXTENDED.encode(ByteSamples.of(new byte[256]), grey8, EncodeOptions.DEFAULT.withQuality(1)).bytes();
        assertEquals(0x00, dqtHeader(b8) & 0xF0);
    }

    private static int dqtHeader(byte[] b) {
        for (int i = 2; i + 4 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDB) {
                int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
                int pq = (b[i + 4] & 0xF0) >> 4;
                assertEquals(pq == 1 ? 131 : 67, len);
                return b[i + 4] & 0xFF;
            }
        }
        throw new AssertionError("no DQT");
    }

    @Test
    void signedSamplesAreShiftedByHalfTheRangeAndOutOfRangeFramesRefused() {
        ImageDescriptor s12 = mono(8, 8, 16, 12, true, 1);
        short[] zeros = new short[64];
        EncodedFrame e = EXTENDED.encode(ShortSamples.of(zeros), s12, EncodeOptions.DEFAULT);
        assertEquals(2048, e.valueOffset());
        short[] back = (short[]) JpegEncoderTest.decodeOwn(e.bytes(), declared(s12, e), TS);
        for (short v : back) {
            assertEquals(2048, v);
        }
        ImageDescriptor u12 = mono(8, 8, 16, 12, false, 1);
        assertEquals(0, EXTENDED.encode(ShortSamples.of(zeros), u12, EncodeOptions.DEFAULT).valueOffset());
        // 16 bits stored: accepted per frame when the values fit 12 bits, refused otherwise
        ImageDescriptor s16 = mono(8, 8, 16, 16, true, 1);
        short[] neg = new short[64];
        neg[5] = -2000;
        assertEquals(2048, EXTENDED.encode(ShortSamples.of(neg), s16, EncodeOptions.DEFAULT).valueOffset());
        short[] wide = new short[64];
        wide[3] = 5000;
        assertThrows(UnsupportedDataException.class, () -> EXTENDED.encode(ShortSamples.of(wide), s16, EncodeOptions.DEFAULT));
        // colour: unsigned and at most 12 bits stored
        ImageDescriptor rgb12s = new ImageDescriptor(8, 8, 3, 16, 12, true, Photometric.RGB, 0, 1);
        assertThrows(UnsupportedDataException.class,
                () -> EXTENDED.encode(ShortSamples.of(new short[192]), rgb12s, EncodeOptions.DEFAULT));
        ImageDescriptor rgb16 = new ImageDescriptor(8, 8, 3, 16, 16, false, Photometric.RGB, 0, 1);
        assertThrows(UnsupportedDataException.class,
                () -> EXTENDED.encode(ShortSamples.of(new short[192]), rgb16, EncodeOptions.DEFAULT));
        ImageDescriptor rgb12 = new ImageDescriptor(8, 8, 3, 16, 12, false, Photometric.RGB, 0, 1);
        assertEquals(Photometric.YBR_FULL_422,
                EXTENDED.encode(ShortSamples.of(new short[192]), rgb12, EncodeOptions.DEFAULT).photometric());
        ImageDescriptor s8 = mono(8, 8, 8, 8, true, 1);
        FrameEncoder baseline = new JpegCodecProvider().encoder(JpegCodecProvider.BASELINE).orElseThrow();
        assertThrows(UnsupportedDataException.class,
                () -> baseline.encode(ByteSamples.of(new byte[64]), s8, EncodeOptions.DEFAULT));
        assertEquals(128, EXTENDED.encode(ByteSamples.of(new byte[64]), s8, EncodeOptions.DEFAULT).valueOffset());
    }

    @Test
    void scaledForwardDctMatchesTheDefinition() {
        // T.81 A.3.3: F(v,u) = 1/4 C(u) C(v) sum_x sum_y f(y,x) cos((2x+1)u pi/16) cos((2y+1)v pi/16)
        Random r = new Random(42);
        float[] block = new float[64];
        double[] ws = new double[64];
        double[] aan = new double[8];
        aan[0] = 1;
        for (int k = 1; k < 8; k++) {
            aan[k] = Math.sqrt(2) * Math.cos(k * Math.PI / 16);
        }
        for (int trial = 0; trial < 200; trial++) {
            for (int i = 0; i < 64; i++) {
                block[i] = trial % 2 == 0 ? r.nextInt(4096) - 2048 : (r.nextBoolean() ? 2047 : -2048);
            }
            DctEncoder.fdct(block, 8, 0, 0, ws);
            for (int v = 0; v < 8; v++) {
                for (int u = 0; u < 8; u++) {
                    double s = 0;
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            s += block[y * 8 + x] * Math.cos((2 * x + 1) * u * Math.PI / 16)
                                    * Math.cos((2 * y + 1) * v * Math.PI / 16);
                        }
                    }
                    double f = 0.25 * (u == 0 ? Math.sqrt(0.5) : 1) * (v == 0 ? Math.sqrt(0.5) : 1) * s;
                    double ours = ws[v * 8 + u] / (8 * aan[u] * aan[v]);
                    assertEquals(f, ours, 1e-7, "trial " + trial + " (" + v + "," + u + ")");
                }
            }
        }
    }

    @Test
    void sameInputSameBytes() {
        short[] src = ctLike(33, 40, 9, false);
        ImageDescriptor d = mono(33, 40, 16, 12, false, 1);
        assertArrayEquals(EXTENDED.encode(ShortSamples.of(src), d, EncodeOptions.DEFAULT).bytes(),
                EXTENDED.encode(ShortSamples.of(src.clone()), d, EncodeOptions.DEFAULT).bytes());
    }
}
