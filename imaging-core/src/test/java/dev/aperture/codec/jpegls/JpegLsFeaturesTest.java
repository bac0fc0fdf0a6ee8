// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static dev.aperture.codec.jpegls.JlsTestSupport.allocate;
import static dev.aperture.codec.jpegls.JlsTestSupport.array;
import static dev.aperture.codec.jpegls.JlsTestSupport.assertSameLowBits;
import static dev.aperture.codec.jpegls.JlsTestSupport.maxError;
import static dev.aperture.codec.jpegls.JlsTestSupport.run;
import static dev.aperture.codec.jpegls.JlsTestSupport.wrapArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.jpegls.JlsTestSupport.Batch;
import dev.aperture.codec.jpegls.JlsTestSupport.Extracted;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart intervals, preset parameters, the JAI-ImageIO thresholds, oversize dimensions, fill
 * bytes, skipped and rejected segments, descriptor disagreements and the provider.
 */
class JpegLsFeaturesTest {

    @TempDir
    Path tmp;

    private static final JpegLsDecoder DECODER = new JpegLsDecoder(false);

    private static short[] ctLike(int rows, int cols, int bits, boolean signed, long seed) {
        Random rnd = new Random(seed);
        short[] v = new short[rows * cols];
        int max = (1 << bits) - 1;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double r = Math.hypot(x - cols / 2.0, y - rows / 2.0);
                int base = r < cols / 3.0 ? max / 2 + (int) (max / 20 * Math.sin(x / 5.0)) : max / 20;
                int s = Math.max(0, Math.min(max, base + rnd.nextInt(max / 64 + 2)));
                v[y * cols + x] = (short) (signed ? s - (max + 1) / 2 : s);
            }
        }
        return v;
    }

    private static byte[] rgbNoise(int n, long seed) {
        Random rnd = new Random(seed);
        byte[] v = new byte[n * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) ((i / 3) % 29 < 10 ? 200 : 100 + rnd.nextInt(40));
        }
        return v;
    }

    private static Object decode(byte[] jls, ImageDescriptor d) {
        Samples dst = allocate(d);
        DECODER.decode(ByteBuffer.wrap(jls), d, dst);
        return array(dst);
    }

    @Test
    void restartIntervalsDecodeLikeCharLs() {
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "dcmdjpls", "gdcmconv");
        Path template = JlsTestSupport.pydicomData().resolve("CT_small.dcm");
        ImageDescriptor mono = ImageDescriptor.of(37, 29, 1, 16, 12, false, Photometric.MONOCHROME2);
        ImageDescriptor rgb = ImageDescriptor.of(21, 33, 3, 8, 8, false, Photometric.RGB);
        short[] m = ctLike(37, 29, 12, false, 1);
        byte[] c = rgbNoise(21 * 33, 2);
        record Item(ImageDescriptor d, Object src, int near, byte[] jls, Path file) {
        }
        List<Item> items = new ArrayList<>();
        Batch b = new Batch(tmp);
        int i = 0;
        for (int restart : new int[] {1, 3, 8}) {
            for (int near : new int[] {0, 2}) {
                for (int ilv : new int[] {0, 1, 2}) {
                    ImageDescriptor d = ilv == 0 && restart == 3 ? mono : rgb;
                    Object src = d == mono ? m : c;
                    byte[] jls = JpegLsEncoder.encode(wrapArray(src), d, near, ilv, null, false, restart);
                    Path f = b.wrap(template, tmp.resolve("rst" + i++ + ".dcm"),
                            near == 0 ? JpegLsCodecProvider.LOSSLESS : JpegLsCodecProvider.NEAR_LOSSLESS, d, List.of(jls));
                    items.add(new Item(d, src, near, jls, f));
                }
            }
        }
        b.run();
        List<Path[]> dirs = new ArrayList<>();
        for (Item it : items) {
            Path dt = tmp.resolve(it.file().getFileName() + ".dcmtk.dcm");
            Path gd = tmp.resolve(it.file().getFileName() + ".gdcm.dcm");
            // DCMTK 3.6.7's bundled CharLS rejects DRI ("does not support this JPEG-LS image");
            // GDCM's CharLS 2.4 is the oracle here, DCMTK is compared when it copes
            boolean dcmtk = JlsTestSupport.tryRun("dcmdjpls", it.file().toString(), dt.toString());
            run("gdcmconv", "--raw", it.file().toString(), gd.toString());
            dirs.add(new Path[] {dcmtk ? b.extract(dt) : null, b.extract(gd)});
        }
        b.run();
        for (int k = 0; k < items.size(); k++) {
            Item it = items.get(k);
            assertTrue(JlsStreamInfo.parse(it.jls()).scans().get(0).length > 0);
            Object ours = decode(it.jls(), it.d());
            int bits = it.d().bitsStored();
            if (dirs.get(k)[0] != null) {
                assertSameLowBits("restart case " + k + " dcmdjpls", JlsTestSupport.read(dirs.get(k)[0]).nativeFrame(0),
                        ours, bits);
            }
            assertSameLowBits("restart case " + k + " gdcmconv", JlsTestSupport.read(dirs.get(k)[1]).nativeFrame(0), ours, bits);
            assertTrue(maxError(it.src(), ours, bits) <= it.near());
        }
    }

    @Test
    void jaiThresholdsAbove12BitsAreDetectedAndReported() {
        for (int bits : new int[] {13, 14, 16}) {
            ImageDescriptor d = ImageDescriptor.of(64, 48, 1, 16, bits, false, Photometric.MONOCHROME2);
            short[] src = ctLike(64, 48, bits, false, bits);
            int max = (1 << bits) - 1;
            JlsParams jai = JlsParams.jai(max, 0);
            assertTrue(jai.t1() != JlsParams.defaults(max, 0).t1(), "JAI thresholds differ above 12 bits");
            byte[] jaiStream = JpegLsEncoder.encode(wrapArray(src), d, 0, 0, jai, false);
            Samples dst = allocate(d);
            DecodedFrame r = DECODER.decode(ByteBuffer.wrap(jaiStream), d, dst);
            assertSameLowBits("JAI " + bits, src, array(dst), bits);
            assertEquals(1, r.repairs().size(), "one repair");
            assertTrue(r.repairs().get(0).description().contains("JAI"));
            // the same stream with the standard defaults reports nothing
            byte[] std = JpegLsEncoder.encode(wrapArray(src), d, 0, 0, null);
            DecodedFrame r2 = DECODER.decode(ByteBuffer.wrap(std), d, allocate(d));
            assertTrue(r2.repairs().isEmpty());
        }
    }

    @Test
    void jaiPatchedStreamDecodesLikeCharLs() {
        // dcm4che's PatchJPEGLS JAI2ISO inserts an LSE with the JAI thresholds; CharLS then
        // decodes the stream to what Aperture decodes from the unpatched one
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "gdcmconv");
        ImageDescriptor d = ImageDescriptor.of(40, 40, 1, 16, 16, false, Photometric.MONOCHROME2);
        short[] src = ctLike(40, 40, 16, false, 99);
        byte[] patched = JpegLsEncoder.encode(wrapArray(src), d, 0, 0, JlsParams.jai(65535, 0), true);
        byte[] unpatched = JpegLsEncoder.encode(wrapArray(src), d, 0, 0, JlsParams.jai(65535, 0), false);
        Batch b = new Batch(tmp);
        Path f = b.wrap(JlsTestSupport.pydicomData().resolve("CT_small.dcm"), tmp.resolve("jai.dcm"),
                JpegLsCodecProvider.LOSSLESS, d, List.of(patched));
        b.run();
        Path g = tmp.resolve("jai.gdcm.dcm");
        run("gdcmconv", "--raw", f.toString(), g.toString());
        Extracted e = JlsTestSupport.extract(g, tmp);
        assertSameLowBits("CharLS on the patched stream", e.nativeFrame(0), decode(unpatched, d), 16);
        assertSameLowBits("source", src, decode(unpatched, d), 16);
    }

    @Test
    void presetParametersAreHonoured() {
        ImageDescriptor d = ImageDescriptor.of(30, 30, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] src = ctLike(30, 30, 12, false, 5);
        for (JlsParams p : List.of(new JlsParams(4095, 2, 9, 40, 12), new JlsParams(4095, 100, 200, 300, 255),
                new JlsParams(3000, 3, 7, 21, 64))) {
            short[] clipped = src.clone();
            for (int i = 0; i < clipped.length; i++) {
                clipped[i] = (short) Math.min(clipped[i], p.maxVal());
            }
            byte[] jls = JpegLsEncoder.encode(wrapArray(clipped), d, 0, 0, p);
            assertEquals(p.reset(), JlsStreamInfo.parse(jls).preset()[4]);
            assertArrayEquals(clipped, (short[]) decode(jls, d));
        }
    }

    @Test
    void writesExplicitDefaultsAbove12BitsLikeCharLs() {
        // pydicom's MR_small_jpeg_ls_lossless (CharLS) carries LSE 65535, 18, 67, 276, 64
        ImageDescriptor d = ImageDescriptor.of(9, 9, 1, 16, 16, true, Photometric.MONOCHROME2);
        byte[] jls = JpegLsEncoder.encode(wrapArray(new short[81]), d, 0, 0, null);
        assertArrayEquals(new int[] {65535, 18, 67, 276, 64}, JlsStreamInfo.parse(jls).preset());
        ImageDescriptor d12 = ImageDescriptor.of(9, 9, 1, 16, 12, false, Photometric.MONOCHROME2);
        assertEquals(null, JlsStreamInfo.parse(JpegLsEncoder.encode(wrapArray(new short[81]), d12, 0, 0, null)).preset());
    }

    /** Splices bytes into a stream at {@code at}. */
    private static byte[] splice(byte[] s, int at, int remove, int... insert) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(s, 0, at);
        for (int v : insert) {
            o.write(v);
        }
        o.write(s, at + remove, s.length - at - remove);
        return o.toByteArray();
    }

    private static int indexOfMarker(byte[] s, int marker) {
        for (int i = 0; i + 1 < s.length; i++) {
            if ((s[i] & 0xFF) == 0xFF && (s[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }

    @Test
    void skipsFillBytesAppAndComSegmentsAndReadsOversizeDimensions() {
        ImageDescriptor d = ImageDescriptor.of(25, 31, 1, 8, 8, false, Photometric.MONOCHROME2);
        byte[] src = new byte[25 * 31];
        new Random(3).nextBytes(src);
        byte[] jls = JpegLsEncoder.encode(wrapArray(src), d, 0, 0, null);
        // fill bytes before EOI and before SOS, an APP5 and a COM after SOI
        byte[] s = splice(jls, jls.length - 2, 0, 0xFF, 0xFF);
        s = splice(s, indexOfMarker(s, 0xDA), 0, 0xFF);
        s = splice(s, 2, 0, 0xFF, 0xE5, 0, 4, 1, 2, 0xFF, 0xFE, 0, 3, 'x');
        assertArrayEquals(src, (byte[]) decode(s, d));
        // no EOI after the last scan: decoded, with a repair
        Samples cut = allocate(d);
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(java.util.Arrays.copyOf(jls, jls.length - 2)), d, cut);
        assertArrayEquals(src, (byte[]) array(cut));
        assertEquals(1, r.repairs().size());
        // SOF55 with zero height and width, which an LSE type 4 supplies (T.87 C.2.4.1.4)
        int sof = indexOfMarker(jls, 0xF7);
        byte[] z = jls.clone();
        z[sof + 5] = 0;
        z[sof + 6] = 0;
        z[sof + 7] = 0;
        z[sof + 8] = 0;
        int sos = indexOfMarker(z, 0xDA);
        z = splice(z, sos, 0, 0xFF, 0xF8, 0, 8, 4, 2, 0, 25, 0, 31);
        assertArrayEquals(src, (byte[]) decode(z, d));
        // without the LSE the dimensions are missing
        byte[] noDims = jls.clone();
        noDims[sof + 5] = 0;
        noDims[sof + 6] = 0;
        assertThrows(MalformedDataException.class, () -> decode(noDims, d));
    }

    @Test
    void mappingTablesApplyAndOtherFramesAndColourTransformsAreRejectedClearly() {
        ImageDescriptor d = ImageDescriptor.of(8, 8, 1, 8, 8, false, Photometric.MONOCHROME2);
        byte[] jls = JpegLsEncoder.encode(wrapArray(new byte[64]), d, 0, 0, null);
        int sos = indexOfMarker(jls, 0xDA);
        byte[] mapped = jls.clone();
        mapped[sos + 6] = 1; // Tdi of the only component: table 1, never specified
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> decode(mapped, d));
        assertTrue(e.getMessage().contains("mapping table"));
        // a mapping table segment that no scan selects changes nothing
        byte[] table = splice(jls, sos, 0, 0xFF, 0xF8, 0, 7, 2, 1, 1, 0, 5);
        assertArrayEquals(new byte[64], (byte[]) decode(table, d));
        // selected, it maps every (zero) index to its first entry (more in JpegLsMappingTableTest)
        byte[] selected = splice(mapped, sos, 0, 0xFF, 0xF8, 0, 7, 2, 1, 1, 42, 5);
        byte[] all42 = new byte[64];
        java.util.Arrays.fill(all42, (byte) 42);
        assertArrayEquals(all42, (byte[]) decode(selected, d));
        byte[] sof3 = jls.clone();
        sof3[indexOfMarker(jls, 0xF7) + 1] = (byte) 0xC3;
        assertThrows(UnsupportedDataException.class, () -> decode(sof3, d));
        byte[] hp = splice(jls, 2, 0, 0xFF, 0xE8, 0, 7, 'm', 'r', 'f', 'x', 1);
        assertThrows(UnsupportedDataException.class, () -> decode(hp, d));
    }

    @Test
    void reportsPrecisionThatDisagreesWithBitsStoredAndRejectsWrongDimensions() {
        ImageDescriptor d12 = ImageDescriptor.of(10, 12, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] src = ctLike(10, 12, 12, false, 8);
        byte[] jls = JpegLsEncoder.encode(wrapArray(src), d12, 0, 0, null);
        ImageDescriptor d16 = ImageDescriptor.of(10, 12, 1, 16, 16, false, Photometric.MONOCHROME2);
        Samples dst = allocate(d16);
        DecodedFrame r = DECODER.decode(ByteBuffer.wrap(jls), d16, dst);
        assertEquals(12, r.bitsStored());
        assertEquals(1, r.repairs().size());
        assertArrayEquals(src, (short[]) array(dst));
        ImageDescriptor wrong = ImageDescriptor.of(11, 12, 1, 16, 12, false, Photometric.MONOCHROME2);
        assertThrows(MalformedDataException.class, () -> decode(jls, wrong));
        ImageDescriptor rgb = ImageDescriptor.of(10, 12, 3, 16, 12, false, Photometric.RGB);
        assertThrows(MalformedDataException.class, () -> decode(jls, rgb));
        // signed 12-bit samples come back sign-extended
        ImageDescriptor s12 = ImageDescriptor.of(10, 12, 1, 16, 12, true, Photometric.MONOCHROME2);
        short[] neg = ctLike(10, 12, 12, true, 9);
        assertArrayEquals(neg, (short[]) decode(JpegLsEncoder.encode(wrapArray(neg), s12, 0, 0, null), s12));
    }

    /**
     * Runs of every length from 0 to 40, some of 2,000 samples, runs to the line end and
     * interruptions by both RItypes and by jumps of up to 255 (escape codes), in widths below
     * and above the eight-sample fill of the 8-bit run decoder: decode(encode(x)) == x for
     * 8-bit grey and for RGB in each interleave mode (the encoder writes CharLS's bytes, see
     * JpegLsCharLsGeneratedTest).
     */
    @Test
    void eightBitRunsOfEveryLengthRoundTrip() {
        Random rnd = new Random(10);
        for (int cols : new int[] {1, 3, 7, 9, 64, 2053}) {
            int rows = 64;
            for (int comps : new int[] {1, 3}) {
                byte[] v = new byte[rows * cols * comps];
                for (int c = 0; c < comps; c++) {
                    for (int y = 0; y < rows; y++) {
                        // each line the one above (runs start where both are flat) with spans
                        // of 0 to 40 samples, now and then 2,000, set to a new level: the same,
                        // a small step, a jump or the complement
                        for (int x = 0; x < cols; x++) {
                            v[(y * cols + x) * comps + c] = y == 0 ? (byte) (x / 11 * 37) : v[((y - 1) * cols + x) * comps + c];
                        }
                        for (int edit = rnd.nextInt(6); edit >= 0; edit--) {
                            int x = rnd.nextInt(cols);
                            int len = rnd.nextInt(3) == 0 ? rnd.nextInt(2000) : rnd.nextInt(41);
                            int level = v[(y * cols + x) * comps + c] & 0xFF;
                            int kind = rnd.nextInt(4);
                            level = kind == 0 ? level ^ 0xFF : kind == 1 ? (level + 1 + rnd.nextInt(3)) & 0xFF
                                    : kind == 2 ? rnd.nextInt(256) : level;
                            for (int i = 0; i < len && x < cols; i++, x++) {
                                v[(y * cols + x) * comps + c] = (byte) level;
                            }
                        }
                    }
                }
                ImageDescriptor d = comps == 1
                        ? ImageDescriptor.of(rows, cols, 1, 8, 8, false, Photometric.MONOCHROME2)
                        : ImageDescriptor.of(rows, cols, 3, 8, 8, false, Photometric.RGB);
                for (int ilv : comps == 1 ? new int[] {0} : new int[] {0, 1, 2}) {
                    byte[] jls = JpegLsEncoder.encode(wrapArray(v), d, 0, ilv, null, false, 0);
                    assertArrayEquals(v, (byte[]) decode(jls, d), cols + " x " + comps + " ilv " + ilv);
                }
            }
        }
        // a run of 2,040 samples from RUNindex 0 (26 1 bits, a 0 and 10 remainder bits) ended
        // by a jump whose code is an escape (21 bits, the interruption context still fresh),
        // at every bit alignment (the noise before it): more than one 64-bit read holds. The
        // first line has no run after its first sample (the line above is zero, it is not)
        int cols = 2100;
        ImageDescriptor d = ImageDescriptor.of(2, cols, 1, 8, 8, false, Photometric.MONOCHROME2);
        for (int noise = 0; noise < 24; noise++) {
            byte[] v = new byte[2 * cols];
            for (int x = 0; x < cols; x++) {
                v[x] = (byte) (x == 0 ? 1 : x < 10 ? 1 + rnd.nextInt(255) : 50);
                v[cols + x] = (byte) (x < 10 ? v[x] : x == 2050 ? 50 ^ 0xFF : 50);
            }
            assertArrayEquals(v, (byte[]) decode(JpegLsEncoder.encode(wrapArray(v), d, 0, 0, null, false, 0), d));
        }
    }

    @Test
    void providerIsFoundAndEncodesThroughTheSpi() {
        JpegLsCodecProvider provider = ServiceLoader.load(dev.aperture.codec.CodecProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p instanceof JpegLsCodecProvider)
                .map(p -> (JpegLsCodecProvider) p).findFirst().orElseThrow();
        assertEquals(java.util.Set.of("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81"), provider.transferSyntaxes());
        assertTrue(provider.decoder("1.2.840.10008.1.2.4.50").isEmpty());
        ImageDescriptor d = ImageDescriptor.of(20, 20, 3, 8, 8, false, Photometric.RGB);
        byte[] src = rgbNoise(400, 4);
        EncodedFrame lossless = provider.encoder(JpegLsCodecProvider.LOSSLESS).orElseThrow()
                .encode(wrapArray(src), d, EncodeOptions.DEFAULT.withNearLossless(4));
        assertTrue(!lossless.lossy());
        EncodedFrame near = provider.encoder(JpegLsCodecProvider.NEAR_LOSSLESS).orElseThrow()
                .encode(wrapArray(src), d, EncodeOptions.DEFAULT.withNearLossless(4));
        assertTrue(near.lossy());
        FrameDecoder ls = provider.decoder(JpegLsCodecProvider.LOSSLESS).orElseThrow();
        Samples dst = allocate(d);
        assertTrue(ls.decode(ByteBuffer.wrap(lossless.bytes()), d, dst).repairs().isEmpty());
        assertArrayEquals(src, (byte[]) array(dst));
        // a near-lossless scan under the lossless syntax decodes, with a repair
        DecodedFrame r = ls.decode(ByteBuffer.wrap(near.bytes()), d, dst);
        assertEquals(1, r.repairs().size());
        assertTrue(maxError(src, array(dst), 8) <= 4);
    }
}
