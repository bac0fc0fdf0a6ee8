// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static dev.aperture.codec.jpegls.JlsTestSupport.allocate;
import static dev.aperture.codec.jpegls.JlsTestSupport.array;
import static dev.aperture.codec.jpegls.JlsTestSupport.assertSameLowBits;
import static dev.aperture.codec.jpegls.JlsTestSupport.maxError;
import static dev.aperture.codec.jpegls.JlsTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.jpegls.JlsTestSupport.Batch;
import dev.aperture.codec.jpegls.JlsTestSupport.Extracted;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against CharLS on generated files. Sources: pydicom's CT_small (16-bit signed) and MR_small,
 * the RLE RGB files decompressed by {@code dcmdrle} (8 and 16-bit), and
 * images made here (12-bit unsigned two-frame and 12-bit signed from CT_small, 8-bit, 5-bit and
 * 16-bit noise with flat patches, odd sizes).
 *
 * <ul>
 * <li>Each source is compressed with {@code dcmcjpls} (lossless in each interleave mode,
 *     near-lossless with NEAR 1, 3 and 5) and {@code gdcmconv --jpegls} (lossless and
 *     {@code --lossy -e 2}); Aperture decodes every frame bit-exactly like {@code dcmdjpls} and
 *     {@code gdcmconv --raw}; lossless ones equal the source.</li>
 * <li>Aperture encodes the source with the parameters read from each CharLS stream, and its
 *     entropy-coded bytes equal CharLS's byte for byte.</li>
 * <li>Aperture's own encodings (NEAR 0, 1, 3; each interleave mode) decode with
 *     {@code dcmdjpls} and {@code gdcmconv --raw} to exactly what Aperture decodes, which equals
 *     the source when lossless and is within NEAR of it otherwise.</li>
 * </ul>
 */
class JpegLsCharLsGeneratedTest {

    @TempDir
    Path tmp;

    private record Source(String name, Path file, ImageDescriptor image, List<Object> frames) {
    }

    private record Variant(String name, String[] cmd, boolean lossless) {
    }

    private static final String LS = "1.2.840.10008.1.2.4.80";
    private static final String NLS = "1.2.840.10008.1.2.4.81";

    @TestFactory
    List<DynamicTest> charLs() {
        JlsTestSupport.requireTools(JlsTestSupport.PYTHON, "dcmcjpls", "dcmdjpls", "dcmdrle", "gdcmconv");
        Path data = JlsTestSupport.pydicomData();
        List<Source> sources = sources(data);
        List<DynamicTest> tests = new ArrayList<>();

        // 1. CharLS encodes, both CharLS builds and Aperture decode.
        record Coded(Source src, Variant v, Path file, Path dcmtk, Path gdcm) {
        }
        List<Coded> coded = new ArrayList<>();
        for (Source s : sources) {
            for (Variant v : variants(s.image().samplesPerPixel() > 1, s.image().signed(),
                    s.image().bitsStored() < 8)) {
                Path out = tmp.resolve(s.name() + "." + v.name() + ".dcm");
                List<String> cmd = new ArrayList<>(List.of(v.cmd()));
                cmd.add(s.file().toString());
                cmd.add(out.toString());
                run(cmd.toArray(String[]::new));
                Path dcmtk = tmp.resolve(s.name() + "." + v.name() + ".dcmtk.dcm");
                Path gdcm = tmp.resolve(s.name() + "." + v.name() + ".gdcm.dcm");
                // DCMTK 3.6.7's dcmdjpls rejects its own uninterleaved 16-bit colour output, so an
                // oracle that fails is left out; at least one must decode every file
                boolean okDcmtk = JlsTestSupport.tryRun("dcmdjpls", out.toString(), dcmtk.toString());
                boolean okGdcm = JlsTestSupport.tryRun("gdcmconv", "--raw", out.toString(), gdcm.toString());
                assertTrue(okDcmtk || okGdcm, "neither dcmdjpls nor gdcmconv decodes " + out.getFileName());
                coded.add(new Coded(s, v, out, okDcmtk ? dcmtk : null, okGdcm ? gdcm : null));
            }
        }
        Batch batch = new Batch(tmp);
        List<Path[]> dirs = new ArrayList<>();
        for (Coded c : coded) {
            dirs.add(new Path[] {batch.extract(c.file()), c.dcmtk() == null ? null : batch.extract(c.dcmtk()),
                c.gdcm() == null ? null : batch.extract(c.gdcm())});
        }
        batch.run();

        // 3. Aperture encodes; wrapped by pydicom; decoded by CharLS.
        record Ours(Source src, int near, int ilv, List<byte[]> frames, Path file, Path dcmtk, Path gdcm) {
        }
        List<Ours> ours = new ArrayList<>();
        for (Source s : sources) {
            int[] ilvs = s.image().samplesPerPixel() > 1 ? new int[] {0, 1, 2} : new int[] {0};
            for (int near : new int[] {0, 1, 3}) {
                for (int ilv : ilvs) {
                    List<byte[]> frames = new ArrayList<>();
                    for (Object f : s.frames()) {
                        frames.add(JpegLsEncoder.encode(JlsTestSupport.wrapArray(f), s.image(), near, ilv, null));
                    }
                    String n = s.name() + ".ours.n" + near + ".i" + ilv;
                    Path file = batch.wrap(s.file(), tmp.resolve(n + ".dcm"), near == 0 ? LS : NLS, s.image(), frames);
                    ours.add(new Ours(s, near, ilv, frames, file, tmp.resolve(n + ".dcmtk.dcm"),
                            tmp.resolve(n + ".gdcm.dcm")));
                }
            }
        }
        batch.run();
        List<Path[]> ourDirs = new ArrayList<>();
        for (Ours o : ours) {
            // DCMTK's bundled CharLS refuses P below 8 ("unsupported compression parameters"; it
            // writes P = 8 itself for such images); GDCM's CharLS 2.4 must decode everything
            boolean okDcmtk = JlsTestSupport.tryRun("dcmdjpls", o.file().toString(), o.dcmtk().toString());
            assertTrue(okDcmtk || o.src().image().bitsStored() < 8, "dcmdjpls fails on " + o.file().getFileName());
            run("gdcmconv", "--raw", o.file().toString(), o.gdcm().toString());
            ourDirs.add(new Path[] {okDcmtk ? batch.extract(o.dcmtk()) : null, batch.extract(o.gdcm())});
        }
        batch.run();

        for (int i = 0; i < coded.size(); i++) {
            Coded c = coded.get(i);
            Path[] d = dirs.get(i);
            String name = c.src().name() + " " + c.v().name();
            tests.add(DynamicTest.dynamicTest("decode " + name, () -> {
                Extracted enc = JlsTestSupport.read(d[0]);
                Extracted dcmtk = d[1] == null ? null : JlsTestSupport.read(d[1]);
                Extracted gdcm = d[2] == null ? null : JlsTestSupport.read(d[2]);
                ImageDescriptor img = enc.image();
                assertEquals(c.src().frames().size(), enc.frames().size(), name + ": frames");
                JpegLsDecoder dec = new JpegLsDecoder(false);
                for (int f = 0; f < enc.frames().size(); f++) {
                    Samples dst = allocate(img);
                    DecodedFrame r = dec.decode(ByteBuffer.wrap(enc.frames().get(f)), img, dst);
                    Object got = array(dst);
                    int bits = r.bitsStored();
                    if (dcmtk != null) {
                        assertSameLowBits(name + " frame " + f + " vs dcmdjpls", dcmtk.nativeFrame(f), got, bits);
                    }
                    if (gdcm != null) {
                        assertSameLowBits(name + " frame " + f + " vs gdcmconv --raw", gdcm.nativeFrame(f), got, bits);
                    }
                    if (c.v().lossless()) {
                        assertSameLowBits(name + " frame " + f + " vs source", c.src().frames().get(f), got, bits);
                    }
                }
            }));
            tests.add(DynamicTest.dynamicTest("same entropy-coded bytes as CharLS: " + name, () -> {
                Extracted enc = JlsTestSupport.read(d[0]);
                for (int f = 0; f < enc.frames().size(); f++) {
                    JlsStreamInfo theirs = JlsStreamInfo.parse(enc.frames().get(f));
                    assertFalse(theirs.scans().isEmpty(), name + ": no scan found");
                    if (c.v().name().contains("+rs")) {
                        assertEquals(32, theirs.preset()[4], name + ": LSE RESET");
                    }
                    int near = theirs.nears().get(0);
                    int ilv = theirs.ilvs().get(0);
                    ImageDescriptor img = c.src().image();
                    ImageDescriptor coded2 = new ImageDescriptor(img.rows(), img.columns(), img.samplesPerPixel(),
                            img.bitsAllocated(), theirs.precision(), img.signed(), img.photometric(), 0, 1);
                    byte[] mine = JpegLsEncoder.encode(JlsTestSupport.wrapArray(c.src().frames().get(f)), coded2,
                            near, ilv, theirs.params(near));
                    JlsStreamInfo ours2 = JlsStreamInfo.parse(mine);
                    assertEquals(theirs.scans().size(), ours2.scans().size(), name + ": scans");
                    for (int s = 0; s < theirs.scans().size(); s++) {
                        assertArrayEquals(theirs.scans().get(s), ours2.scans().get(s),
                                name + " frame " + f + " scan " + s + ": entropy-coded bytes differ");
                    }
                    // and the whole codestream, headers included, once DICOM's even-length
                    // padding (a 0x00 after EOI, or a fill 0xFF before it) is taken off, and the
                    // LSE segments are compared by content: DCMTK's CharLS repeats the LSE before
                    // each scan of an uninterleaved colour frame above 12 bits, Aperture writes it
                    // once (parameters persist until replaced, T.87 C.2.4.1.1), CharLS 2.4 too
                    assertArrayEquals(theirs.preset(), ours2.preset(), name + ": LSE preset parameters");
                    assertArrayEquals(withoutLse(unpad(enc.frames().get(f))), withoutLse(mine),
                            name + " frame " + f + ": codestream differs");
                }
            }));
        }
        for (int i = 0; i < ours.size(); i++) {
            Ours o = ours.get(i);
            Path[] d = ourDirs.get(i);
            String name = o.src().name() + " NEAR " + o.near() + " ILV " + o.ilv();
            tests.add(DynamicTest.dynamicTest("CharLS decodes Aperture's " + name, () -> {
                Extracted dcmtk = d[0] == null ? null : JlsTestSupport.read(d[0]);
                Extracted gdcm = JlsTestSupport.read(d[1]);
                ImageDescriptor img = o.src().image();
                int bits = img.bitsStored();
                JpegLsDecoder dec = new JpegLsDecoder(false);
                for (int f = 0; f < o.frames().size(); f++) {
                    Samples dst = allocate(img);
                    dec.decode(ByteBuffer.wrap(o.frames().get(f)), img, dst);
                    Object self = array(dst);
                    if (dcmtk != null) {
                        assertSameLowBits(name + " frame " + f + ": dcmdjpls vs Aperture", self, dcmtk.nativeFrame(f), bits);
                    }
                    assertSameLowBits(name + " frame " + f + ": gdcmconv vs Aperture", self, gdcm.nativeFrame(f), bits);
                    Object src = o.src().frames().get(f);
                    int err = maxError(src, self, bits);
                    assertTrue(err <= o.near(), name + ": error " + err + " exceeds NEAR");
                    if (o.near() > 0) {
                        assertTrue(o.frames().get(f).length > 0);
                    }
                }
            }));
        }
        return tests;
    }

    /** The codestream without its LSE type 1 segments (headers end before the first SOS). */
    private static byte[] withoutLse(byte[] b) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xF8) {
                i += 2 + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF));
                continue;
            }
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
                break;
            }
            o.write(b[i]);
            i++;
        }
        int sos = i;
        // entropy-coded data and later segments: drop LSE segments that sit between scans
        JlsStreamInfo info = JlsStreamInfo.parse(b);
        int scans = 0;
        while (i < b.length) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xF8 && i > sos) {
                i += 2 + (((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF));
                continue;
            }
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
                int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
                o.write(b, i, 2 + len);
                byte[] data = info.scans().get(scans++);
                o.write(data, 0, data.length);
                i += 2 + len + data.length;
                continue;
            }
            o.write(b[i]);
            i++;
        }
        return o.toByteArray();
    }

    /** Removes the padding DCMTK and GDCM add to odd-length codestreams. */
    private static byte[] unpad(byte[] b) {
        int n = b.length;
        if (n >= 3 && b[n - 1] == 0 && (b[n - 3] & 0xFF) == 0xFF && (b[n - 2] & 0xFF) == 0xD9) {
            return java.util.Arrays.copyOf(b, n - 1);
        }
        if (n >= 3 && (b[n - 3] & 0xFF) == 0xFF && (b[n - 2] & 0xFF) == 0xFF && (b[n - 1] & 0xFF) == 0xD9) {
            byte[] r = java.util.Arrays.copyOf(b, n - 1);
            r[n - 2] = (byte) 0xD9;
            return r;
        }
        return b;
    }

    /**
     * DCMTK refuses near-lossless coding of signed images and of images below 8 bits (it passes
     * its 8-bit thresholds explicitly); GDCM 3.0.21 aborts on Bits Stored below 8 in 8 bits.
     */
    private static List<Variant> variants(boolean colour, boolean signed, boolean lowBits) {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("dcmcjpls", new String[] {"dcmcjpls"}, true));
        if (colour) {
            v.add(new Variant("dcmcjpls+is", new String[] {"dcmcjpls", "+is"}, true));
            v.add(new Variant("dcmcjpls+in", new String[] {"dcmcjpls", "+in"}, true));
        }
        if (!lowBits) {
            // preset coding parameters: an LSE segment with custom T1, T2, T3 and RESET
            v.add(new Variant("dcmcjpls+t1+t2+t3+rs", new String[] {"dcmcjpls", "+t1", "5", "+t2", "11", "+t3", "30",
                "+rs", "32"}, true));
        }
        if (!signed && !lowBits) {
            v.add(new Variant("dcmcjpls+en+md1", new String[] {"dcmcjpls", "+en", "+md", "1"}, false));
            v.add(new Variant("dcmcjpls+en+md3+is", new String[] {"dcmcjpls", "+en", "+md", "3", "+is"}, false));
            v.add(new Variant("dcmcjpls+en+md5+in+pz", new String[] {"dcmcjpls", "+en", "+md", "5", "+in", "+pz"},
                    false));
        }
        if (!lowBits) {
            v.add(new Variant("gdcmconv--jpegls", new String[] {"gdcmconv", "--jpegls"}, true));
            v.add(new Variant("gdcmconv--jpegls--lossy-e2", new String[] {"gdcmconv", "--jpegls", "--lossy", "-e", "2"},
                    false));
        }
        return v;
    }

    private List<Source> sources(Path data) {
        Batch b = new Batch(tmp);
        Path rgb8 = tmp.resolve("rgb8.dcm");
        Path rgb16 = tmp.resolve("rgb16.dcm");
        run("dcmdrle", data.resolve("SC_rgb_rle.dcm").toString(), rgb8.toString());
        run("dcmdrle", data.resolve("SC_rgb_rle_16bit.dcm").toString(), rgb16.toString());
        Path ct = data.resolve("CT_small.dcm");
        Path mr = data.resolve("MR_small.dcm");
        Path[] dirs = {b.extract(ct), b.extract(mr), b.extract(rgb8), b.extract(rgb16)};
        b.run();
        List<Source> out = new ArrayList<>();
        Extracted ctx = JlsTestSupport.read(dirs[0]);
        out.add(fromFile("ct16s", ct, JlsTestSupport.read(dirs[0])));
        out.add(fromFile("mr16s", mr, JlsTestSupport.read(dirs[1])));
        out.add(fromFile("rgb8", rgb8, JlsTestSupport.read(dirs[2])));
        out.add(fromFile("rgb16", rgb16, JlsTestSupport.read(dirs[3])));

        Random rnd = new Random(20261128L);
        short[] ctS = (short[]) ctx.nativeFrame(0);
        ImageDescriptor ct12u = ImageDescriptor.of(128, 128, 1, 16, 12, false, Photometric.MONOCHROME2);
        short[] a = new short[ctS.length * 2];
        for (int i = 0; i < ctS.length; i++) {
            a[i] = (short) Math.max(0, Math.min(4095, ctS[i] + 1024));
            a[ctS.length + i] = (short) Math.max(0, Math.min(4095, ctS[i] + 1024 + rnd.nextInt(31) - 15));
        }
        out.add(generated(b, ct, "ct12u_x2", ct12u, a, 2));
        ImageDescriptor ct12s = ImageDescriptor.of(128, 128, 1, 16, 12, true, Photometric.MONOCHROME2);
        short[] s12 = new short[ctS.length];
        for (int i = 0; i < ctS.length; i++) {
            s12[i] = (short) Math.max(-2048, Math.min(2047, ctS[i] - 1000));
        }
        out.add(generated(b, ct, "ct12s", ct12s, s12, 1));
        ImageDescriptor n8 = ImageDescriptor.of(53, 67, 1, 8, 8, false, Photometric.MONOCHROME2);
        out.add(generated(b, ct, "noise8", n8, noise8(rnd, 53 * 67, 8), 1));
        ImageDescriptor n5 = ImageDescriptor.of(30, 41, 1, 8, 5, false, Photometric.MONOCHROME2);
        out.add(generated(b, ct, "noise5", n5, noise8(rnd, 30 * 41, 5), 1));
        ImageDescriptor n16 = ImageDescriptor.of(47, 61, 1, 16, 16, false, Photometric.MONOCHROME2);
        short[] s16 = new short[47 * 61];
        for (int i = 0; i < s16.length; i++) {
            int base = (i % 61) * 1000 + (i / 61) * 50;
            s16[i] = (short) ((i / 61) % 9 == 0 ? 40000 : Math.min(65535, base + rnd.nextInt(2000)));
        }
        out.add(generated(b, ct, "noise16u", n16, s16, 1));
        b.run();
        return out;
    }

    private static byte[] noise8(Random rnd, int n, int bits) {
        byte[] v = new byte[n];
        int max = (1 << bits) - 1;
        for (int i = 0; i < n; i++) {
            v[i] = (byte) ((i / 40) % 3 == 0 ? max / 3 : rnd.nextInt(max + 1));
        }
        return v;
    }

    private Source generated(Batch b, Path template, String name, ImageDescriptor d, Object samples, int frames) {
        Path f = b.nativeFile(template, tmp.resolve(name + ".dcm"), d, samples, frames);
        List<Object> list = new ArrayList<>();
        int n = d.samplesPerFrame();
        for (int i = 0; i < frames; i++) {
            if (samples instanceof byte[] x) {
                list.add(java.util.Arrays.copyOfRange(x, i * n, (i + 1) * n));
            } else {
                list.add(java.util.Arrays.copyOfRange((short[]) samples, i * n, (i + 1) * n));
            }
        }
        return new Source(name, f, d, list);
    }

    private static Source fromFile(String name, Path file, Extracted e) {
        List<Object> frames = new ArrayList<>();
        for (int i = 0; i < e.i("frames"); i++) {
            frames.add(e.nativeFrame(i));
        }
        return new Source(name, file, e.image(), frames);
    }
}
