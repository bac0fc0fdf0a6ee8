// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames Aperture encodes, wrapped into DICOM by the pydicom helper, decode with DCMTK
 * ({@code dcmdjpeg}) and GDCM ({@code gdcmconv --raw}): lossless ones to exactly the source,
 * baseline ones within one per sample of our own decoder's output.
 */
class JpegEncoderTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void tools() {
        JpegTestSupport.requireTools(JpegTestSupport.PYTHON, "dcmdjpeg", "gdcmconv");
    }

    /** One image to encode: the samples and how. */
    record Job(String name, ImageDescriptor image, List<Object> frames, FrameEncoder encoder,
               EncodeOptions options, String ts) {
    }

    /** Structured noise: a disc, a sine pattern and Gaussian noise, in range for bitsStored. */
    static Object synth(ImageDescriptor image, long seed) {
        Random rnd = new Random(seed);
        int rows = image.rows();
        int cols = image.columns();
        int spp = image.samplesPerPixel();
        int bits = image.bitsStored();
        int max = (1 << bits) - 1;
        int[] v = new int[rows * cols * spp];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                for (int c = 0; c < spp; c++) {
                    double dx = x - cols * (0.4 + 0.1 * c);
                    double dy = y - rows * 0.5;
                    boolean disc = dx * dx + dy * dy < Math.pow(Math.min(rows, cols) * 0.3, 2);
                    double base = 0.25 + (disc ? 0.5 : 0) + 0.15 * Math.sin(x / 3.0 + c) * Math.cos(y / 5.0);
                    double val = (base + rnd.nextGaussian() * 0.03) * max;
                    int s = (int) Math.max(0, Math.min(max, Math.round(val)));
                    if (image.signed()) {
                        s -= 1 << (bits - 1);
                    }
                    v[(y * cols + x) * spp + c] = s;
                }
            }
        }
        if (image.bitsAllocated() == 8) {
            byte[] b = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = (byte) v[i];
            }
            return b;
        }
        short[] s = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = (short) v[i];
        }
        return s;
    }

    static Samples wrap(Object a) {
        return a instanceof byte[] b ? ByteSamples.of(b) : ShortSamples.of((short[]) a);
    }

    static Object decodeOwn(byte[] frame, ImageDescriptor image, String ts) {
        Object out = image.bitsAllocated() == 8 ? new byte[image.samplesPerFrame()] : new short[image.samplesPerFrame()];
        DecodedFrame r = new JpegCodecProvider().decoder(ts).orElseThrow()
                .decode(ByteBuffer.wrap(frame), image, wrap(out));
        assertTrue(r.repairs().isEmpty(), "our own stream needed repairs: " + r.repairs());
        return out;
    }

    static Job job(String name, int rows, int cols, int spp, int bits, int stored, boolean signed,
                   int frames, FrameEncoder enc, EncodeOptions opt, String ts) {
        Photometric p = spp == 3 ? Photometric.RGB : Photometric.MONOCHROME2;
        ImageDescriptor image = new ImageDescriptor(rows, cols, spp, bits, stored, signed, p, 0, frames);
        List<Object> list = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            list.add(synth(image, name.hashCode() * 31L + f));
        }
        return new Job(name, image, list, enc, opt, ts);
    }

    @Test
    void losslessFramesDecodeExactlyWithDcmtkAndGdcm() throws IOException {
        EncodeOptions d = EncodeOptions.DEFAULT;
        String ll = JpegCodecProvider.LOSSLESS;
        String sv1 = JpegCodecProvider.LOSSLESS_SV1;
        List<Job> jobs = new ArrayList<>();
        for (int p = 1; p <= 7; p++) {
            jobs.add(job("p" + p + "-12", 29, 33, 1, 16, 12, false, 1, new LosslessEncoder(false, 0),
                    d.withPredictor(p), ll));
        }
        jobs.add(job("sv1-16", 40, 37, 1, 16, 16, false, 2, new LosslessEncoder(true, 0), d, sv1));
        jobs.add(job("sv1-16s", 40, 37, 1, 16, 16, true, 1, new LosslessEncoder(true, 0), d, sv1));
        jobs.add(job("p6-12s", 31, 17, 1, 16, 12, true, 1, new LosslessEncoder(false, 0), d.withPredictor(6), ll));
        jobs.add(job("sv1-8", 23, 41, 1, 8, 8, false, 1, new LosslessEncoder(true, 0), d, sv1));
        jobs.add(job("rgb-8", 23, 41, 3, 8, 8, false, 2, new LosslessEncoder(false, 0), d.withPredictor(7), ll));
        jobs.add(job("rgb-16", 19, 21, 3, 16, 16, false, 1, new LosslessEncoder(true, 0), d, sv1));
        jobs.add(job("sv1-restart", 30, 20, 1, 16, 10, false, 1, new LosslessEncoder(true, 4), d, sv1));
        jobs.add(job("p4-pt2", 30, 20, 1, 16, 14, false, 1, new LosslessEncoder(false, 0),
                new EncodeOptions(0, 90, 4, 2), ll));
        // Differences of exactly 32768 (category 16, no extra bits; T.81 H.1.2.2): alternate 0 and
        // 32768, plus a few 65535 <-> 32767 steps.
        ImageDescriptor big = new ImageDescriptor(9, 10, 1, 16, 16, false, Photometric.MONOCHROME2, 0, 1);
        short[] alt = new short[90];
        for (int i = 0; i < alt.length; i++) {
            alt[i] = (short) (i % 7 == 3 ? (i % 2 == 0 ? 65535 : 32767) : (i % 2 == 0 ? 0 : 32768));
        }
        for (int p : new int[] {1, 4, 7}) {
            jobs.add(new Job("d32768-p" + p, big, List.of(alt), new LosslessEncoder(false, 0), d.withPredictor(p), ll));
        }
        runJobs(jobs, true);
    }

    @Test
    void baselineFramesDecodeWithDcmtkAndGdcmLikeOurs() throws IOException {
        EncodeOptions d = EncodeOptions.DEFAULT;
        String b = JpegCodecProvider.BASELINE;
        List<Job> jobs = new ArrayList<>();
        jobs.add(job("grey-q90", 37, 45, 1, 8, 8, false, 2, new DctEncoder(false, 0, false, false), d, b));
        jobs.add(job("grey-q50", 16, 24, 1, 8, 8, false, 1, new DctEncoder(false, 0, false, false), d.withQuality(50), b));
        jobs.add(job("rgb-q90", 37, 45, 3, 8, 8, false, 1, new DctEncoder(false, 0, false, false), d, b));
        jobs.add(job("rgb-q100", 21, 7, 3, 8, 8, false, 1, new DctEncoder(false, 0, false, false), d.withQuality(100), b));
        jobs.add(job("rgb-restart", 40, 50, 3, 8, 8, false, 1, new DctEncoder(false, 3, true, false), d.withQuality(75), b));
        jobs.add(job("grey-restart", 40, 50, 1, 8, 8, false, 1, new DctEncoder(false, 5, false, false), d.withQuality(5), b));
        // One non-interleaved scan per component (multi-scan decoding, A.2.2), with and without restarts.
        jobs.add(job("rgb-3scans", 27, 35, 3, 8, 8, false, 1, new DctEncoder(false, 0, true, true), d, b));
        jobs.add(job("rgb-3scans-rst", 27, 35, 3, 8, 8, false, 1, new DctEncoder(false, 7, true, true), d, b));
        jobs.add(job("grey-1scan-rst", 27, 35, 1, 8, 8, false, 1, new DctEncoder(false, 2, true, true), d, b));
        runJobs(jobs, false);
    }

    private void runJobs(List<Job> jobs, boolean lossless) throws IOException {
        List<String> wrap = new ArrayList<>();
        List<List<byte[]>> encoded = new ArrayList<>();
        List<Photometric> encodedPhotometric = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            ImageDescriptor one = job.image().withFrames(1);
            List<byte[]> frames = new ArrayList<>();
            Photometric out = null;
            Photometric[] outs = new Photometric[1];
            wrap.add("wrap");
            wrap.add(tmp.resolve(job.name() + ".dcm").toString());
            wrap.add(job.ts());
            for (int i = 0; i < job.frames().size(); i++) {
                EncodedFrame e = job.encoder().encode(wrap(job.frames().get(i)), one, job.options());
                assertEquals(!lossless || job.options().pointTransform() != 0, e.lossy(), job.name());
                frames.add(e.bytes());
                out = e.photometric();
                outs[0] = out;
                Path f = tmp.resolve(job.name() + "." + i + ".jpg");
                Files.write(f, e.bytes());
            }
            ImageDescriptor im = job.image();
            wrap.addAll(List.of(String.valueOf(im.rows()), String.valueOf(im.columns()),
                    String.valueOf(im.samplesPerPixel()), String.valueOf(im.bitsAllocated()),
                    String.valueOf(im.bitsStored()), im.signed() ? "1" : "0", out.code()));
            for (int i = 0; i < frames.size(); i++) {
                wrap.add(tmp.resolve(job.name() + "." + i + ".jpg").toString());
            }
            wrap.add(";;");
            encoded.add(frames);
            encodedPhotometric.add(outs[0]);
        }
        JpegTestSupport.py(tmp, wrap);
        List<String> extract = new ArrayList<>();
        for (Job job : jobs) {
            Path dcm = tmp.resolve(job.name() + ".dcm");
            JpegTestSupport.run(tmp, "dcmdjpeg", "+px", dcm.toString(), tmp.resolve(job.name() + ".dcmtk.dcm").toString());
            JpegTestSupport.run(tmp, "gdcmconv", "--raw", dcm.toString(), tmp.resolve(job.name() + ".gdcm.dcm").toString());
            extract.addAll(JpegTestSupport.rawCommand(tmp.resolve(job.name() + ".dcmtk.dcm"),
                    tmp.resolve(job.name() + ".dcmtk.raw")));
            extract.addAll(JpegTestSupport.rawCommand(tmp.resolve(job.name() + ".gdcm.dcm"),
                    tmp.resolve(job.name() + ".gdcm.raw")));
        }
        JpegTestSupport.py(tmp, extract);
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            JpegTestSupport.Raw dcmtk = JpegTestSupport.readRaw(tmp.resolve(job.name() + ".dcmtk.raw"));
            JpegTestSupport.Raw gdcm = JpegTestSupport.readRaw(tmp.resolve(job.name() + ".gdcm.raw"));
            ImageDescriptor one = job.image().withFrames(1);
            int pt = job.options().pointTransform();
            for (int i = 0; i < job.frames().size(); i++) {
                String what = job.name() + " frame " + i;
                // Decode as the dataset will describe the frame: with the photometric the encoder gave.
                Object own = decodeOwn(encoded.get(j).get(i), one.withPhotometric(encodedPhotometric.get(j)), job.ts());
                Object source = job.frames().get(i);
                if (lossless) {
                    Object expected = pt == 0 ? source : dropLowBits(source, pt);
                    assertSameSamples(expected, own, what + ": own decoder");
                    assertSameSamples(expected, dcmtk.frame(i), what + ": dcmdjpeg");
                    assertSameSamples(expected, gdcm.frame(i), what + ": gdcmconv");
                } else {
                    int m1 = JpegTestSupport.maxDiff(own, dcmtk.frame(i), 8);
                    assertEquals(job.image().photometric(), dcmtk.image().photometric(), what + ": dcmdjpeg photometric");
                    Object ownForGdcm = own;
                    if (gdcm.image().photometric() == Photometric.YBR_FULL) {
                        // gdcmconv --raw upsamples but keeps YCbCr (YBR_FULL_422 becomes YBR_FULL);
                        // compare with our upsampled, untransformed samples (a descriptor saying
                        // RGB, and no JFIF/Adobe marker in our stream, means no colour transform).
                        ownForGdcm = decodeOwn(encoded.get(j).get(i), one.withPhotometric(Photometric.RGB), job.ts());
                    }
                    int m2 = JpegTestSupport.maxDiff(ownForGdcm, gdcm.frame(i), 8);
                    assertTrue(m1 <= 1 && m2 <= 1, what + ": dcmdjpeg/gdcmconv differ from ours by " + m1 + "/" + m2);
                    // And the image survived: mean error against the source is small at q >= 50.
                    if (job.options().quality() >= 50) {
                        double mean = meanAbs((byte[]) source, (byte[]) own);
                        assertTrue(mean < 12, what + ": mean error " + mean);
                    }
                }
            }
        }
    }

    private static Object dropLowBits(Object a, int pt) {
        if (a instanceof byte[] b) {
            byte[] o = b.clone();
            for (int i = 0; i < o.length; i++) {
                o[i] = (byte) ((o[i] & 0xFF) >> pt << pt);
            }
            return o;
        }
        short[] o = ((short[]) a).clone();
        for (int i = 0; i < o.length; i++) {
            o[i] = (short) ((o[i] & 0xFFFF) >> pt << pt);
        }
        return o;
    }

    private static double meanAbs(byte[] a, byte[] b) {
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) s / a.length;
    }

    static void assertSameSamples(Object expected, Object actual, String what) {
        if (expected instanceof byte[] e) {
            assertArrayEquals(e, (byte[]) actual, what);
        } else {
            assertArrayEquals((short[]) expected, (short[]) actual, what);
        }
    }

    @Test
    void providerOffersTheEncoders() {
        JpegCodecProvider p = new JpegCodecProvider();
        assertTrue(p.encoder(JpegCodecProvider.BASELINE).isPresent());
        assertTrue(p.encoder(JpegCodecProvider.LOSSLESS).isPresent());
        assertTrue(p.encoder(JpegCodecProvider.LOSSLESS_SV1).isPresent());
        assertTrue(p.encoder(JpegCodecProvider.EXTENDED).isPresent());
        assertFalse(p.decoder("1.2.840.10008.1.2.4.80").isPresent());
    }
}
