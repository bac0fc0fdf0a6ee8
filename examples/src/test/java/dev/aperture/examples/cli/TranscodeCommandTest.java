// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.dicom.Tags;
import dev.aperture.dicom.io.DicomReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lossless transcode round-trips bit-exactly (decoding OUT gives the samples of IN), and
 * DCMTK decodes the RLE files Aperture writes to the same samples.
 */
class TranscodeCommandTest {

    private static final List<String> FILES = List.of("CT_small.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm",
            "SC_rgb_rle_16bit_2frame.dcm", "SC_rgb_rle_32bit.dcm", "rtdose.dcm", "SC_rgb_small_odd.dcm",
            "image_dfl.dcm", "examples_palette.dcm", "liver_expb_1frame.dcm");
    private static final List<String> SYNTAXES = List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1",
            "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.8.1",
            "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80");

    @Test
    void losslessTranscodesRoundTripBitExactly(@TempDir Path tmp) throws Exception {
        for (String f : FILES) {
            Path in = Peers.testdata().resolve(f);
            Path expected = tmp.resolve(f + ".raw");
            assertEquals(0, Peers.aperture("decode", in.toString(), "--raw", expected.toString()).exit());
            for (String ts : SYNTAXES) {
                Path out = tmp.resolve(f + "." + ts + ".dcm");
                Peers.Run t = Peers.aperture("transcode", in.toString(), out.toString(), "--ts", ts);
                boolean oneBit = f.startsWith("liver");
                boolean jpeg32 = f.contains("32bit") || f.startsWith("rtdose");
                if (oneBit && (ts.equals("1.2.840.10008.1.2.5") || ts.startsWith("1.2.840.10008.1.2.4."))
                        || jpeg32 && ts.startsWith("1.2.840.10008.1.2.4.")) {
                    // no 1-bit RLE (PS3.5 Annex G), no 1-bit or 32-bit lossless JPEG: refused on one line
                    assertEquals(1, t.exit(), t.err());
                    assertEquals(1, t.err().lines().count(), t.err());
                    continue;
                }
                assertEquals(0, t.exit(), f + " -> " + ts + ": " + t.err());
                assertEquals(ts, DicomReader.standard().read(out).transferSyntax().uid());
                Path raw = tmp.resolve(f + "." + ts + ".raw");
                Peers.Run d = Peers.aperture("decode", out.toString(), "--raw", raw.toString());
                assertEquals(0, d.exit(), f + " -> " + ts + ": " + d.err());
                assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(raw), f + " -> " + ts);
            }
        }
    }

    @Test
    void dcmtkDecodesOurRleToTheSameSamples(@TempDir Path tmp) throws Exception {
        for (String f : List.of("CT_small.dcm", "SC_rgb_rle_16bit_2frame.dcm", "rtdose.dcm")) {
            Path in = Peers.testdata().resolve(f);
            Path rle = tmp.resolve(f + ".rle.dcm");
            assertEquals(0, Peers.aperture("transcode", in.toString(), rle.toString(), "--ts", "1.2.840.10008.1.2.5").exit());
            Path native_ = tmp.resolve(f + ".dcmdrle.dcm");
            Peers.Run r = Peers.tool("dcmdrle", rle.toString(), native_.toString());
            assertEquals(0, r.exit(), r.err());
            Path a = tmp.resolve(f + ".a.raw");
            Path b = tmp.resolve(f + ".b.raw");
            assertEquals(0, Peers.aperture("decode", in.toString(), "--raw", a.toString()).exit());
            assertEquals(0, Peers.aperture("decode", native_.toString(), "--raw", b.toString()).exit());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), f);
        }
    }

    @Test
    void lossyJpegSetsTheLossyAttributesAndANewInstanceAndDcmtkDecodesIt(@TempDir Path tmp) throws Exception {
        Path in = Peers.testdata().resolve("SC_rgb_rle.dcm");
        Path out = tmp.resolve("baseline.dcm");
        Peers.Run t = Peers.aperture("transcode", in.toString(), out.toString(), "--ts", "1.2.840.10008.1.2.4.50",
                "--quality", "85");
        assertEquals(0, t.exit(), t.err());
        var before = DicomReader.standard().read(in).dataset();
        var after = DicomReader.standard().read(out).dataset();
        assertEquals("01", after.string(dev.aperture.dicom.Tags.LossyImageCompression).orElseThrow());
        assertEquals("ISO_10918_1", after.string(dev.aperture.dicom.Tags.LossyImageCompressionMethod).orElseThrow());
        assertTrue(after.doubleValue(dev.aperture.dicom.Tags.LossyImageCompressionRatio).orElseThrow() > 1);
        assertNotEquals(before.string(dev.aperture.dicom.Tags.SOPInstanceUID), after.string(dev.aperture.dicom.Tags.SOPInstanceUID));
        assertTrue(after.string(dev.aperture.dicom.Tags.SOPInstanceUID).orElseThrow().startsWith("2.25."));
        assertEquals("YBR_FULL_422", after.string(dev.aperture.dicom.Tags.PhotometricInterpretation).orElseThrow());
        Peers.Run d = Peers.tool("dcmdjpeg", out.toString(), tmp.resolve("dj.dcm").toString());
        assertEquals(0, d.exit(), d.err());
        // DCMTK's decoding and ours agree within one grey level, and both stay close to the source
        Path ours = tmp.resolve("ours.raw");
        Path theirs = tmp.resolve("theirs.raw");
        Path source = tmp.resolve("source.raw");
        assertEquals(0, Peers.aperture("decode", out.toString(), "--raw", ours.toString()).exit());
        assertEquals(0, Peers.aperture("decode", tmp.resolve("dj.dcm").toString(), "--raw", theirs.toString()).exit());
        assertEquals(0, Peers.aperture("decode", in.toString(), "--raw", source.toString()).exit());
        byte[] a = Files.readAllBytes(ours);
        byte[] b = Files.readAllBytes(theirs);
        byte[] s = Files.readAllBytes(source);
        assertEquals(b.length, a.length);
        long err = 0;
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)) <= 1, "sample " + i);
            err += Math.abs((a[i] & 0xFF) - (s[i] & 0xFF));
        }
        assertTrue(err / (double) a.length < 4, "mean error " + err / (double) a.length);
    }

    @Test
    void nearLosslessJpegLsStaysWithinNearAndDcmtkAgrees(@TempDir Path tmp) throws Exception {
        Path in = Peers.testdata().resolve("CT_small.dcm");
        Path out = tmp.resolve("near.dcm");
        Peers.Run t = Peers.aperture("transcode", in.toString(), out.toString(), "--ts", "1.2.840.10008.1.2.4.81",
                "--near", "3");
        assertEquals(0, t.exit(), t.err());
        var after = DicomReader.standard().read(out).dataset();
        assertEquals("ISO_14495_1", after.string(dev.aperture.dicom.Tags.LossyImageCompressionMethod).orElseThrow());
        assertEquals("01", after.string(dev.aperture.dicom.Tags.LossyImageCompression).orElseThrow());
        Peers.Run d = Peers.tool("dcmdjpls", out.toString(), tmp.resolve("dj.dcm").toString());
        assertEquals(0, d.exit(), d.err());
        Path ours = tmp.resolve("ours.raw");
        Path theirs = tmp.resolve("theirs.raw");
        Path source = tmp.resolve("source.raw");
        assertEquals(0, Peers.aperture("decode", out.toString(), "--raw", ours.toString()).exit());
        assertEquals(0, Peers.aperture("decode", tmp.resolve("dj.dcm").toString(), "--raw", theirs.toString()).exit());
        assertEquals(0, Peers.aperture("decode", in.toString(), "--raw", source.toString()).exit());
        assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours), "CharLS (dcmdjpls) decodes what we do");
        java.nio.ShortBuffer a = java.nio.ByteBuffer.wrap(Files.readAllBytes(ours)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        java.nio.ShortBuffer s = java.nio.ByteBuffer.wrap(Files.readAllBytes(source)).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        for (int i = 0; i < a.limit(); i++) {
            assertTrue(Math.abs(a.get(i) - s.get(i)) <= 3, "sample " + i);
        }
    }

    /** Little-endian 16-bit samples of a {@code decode --raw} file. */
    private static short[] shorts(Path raw) throws Exception {
        java.nio.ShortBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(raw))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] s = new short[b.remaining()];
        b.get(s);
        return s;
    }

    @Test
    void extendedTwelveBitJpegKeepsModalityValuesAndDcmtkAndGdcmDecodeIt(@TempDir Path tmp) throws Exception {
        // CT_small as stored (signed, 16 bits stored, values 128..2191), and a signed 12-bit
        // variant centred on zero (stored = original - 1024, intercept 0: same HU)
        Path ct = Peers.testdata().resolve("CT_small.dcm");
        var source = DicomReader.standard().read(ct).dataset();
        Path ctRaw = tmp.resolve("ct.raw");
        assertEquals(0, Peers.aperture("decode", ct.toString(), "--raw", ctRaw.toString()).exit());
        byte[] px = Files.readAllBytes(ctRaw);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(px.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 1 < px.length; i += 2) {
            bb.putShort(i, (short) (bb.getShort(i) - 1024));
        }
        var ct12 = source.toBuilder()
                .setInts(Tags.BitsStored, dev.aperture.dicom.Vr.US, 12).setInts(Tags.HighBit, dev.aperture.dicom.Vr.US, 11)
                .setString(Tags.RescaleIntercept, dev.aperture.dicom.Vr.DS, "0")
                .adoptBytes(dev.aperture.dicom.Tag.PIXEL_DATA, dev.aperture.dicom.Vr.OW, bb.array()).build();
        Path signed12 = tmp.resolve("ct12s.dcm");
        dev.aperture.dicom.io.DicomWriter.standard().write(signed12, ct12,
                dev.aperture.transfer.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        for (Path in : List.of(ct, signed12)) {
            boolean shifted = in.equals(signed12);
            for (boolean fixed : new boolean[] {false, true}) {
                String name = in.getFileName() + (fixed ? ".fixed" : ".opt");
                Path out = tmp.resolve(name + ".51.dcm");
                List<String> args = new java.util.ArrayList<>(List.of("transcode", in.toString(), out.toString(),
                        "--ts", "1.2.840.10008.1.2.4.51", "--quality", "90"));
                if (fixed) {
                    args.add("--fixed-huffman");
                }
                Peers.Run t = Peers.aperture(args.toArray(new String[0]));
                assertEquals(0, t.exit(), t.err());
                var before = DicomReader.standard().read(in).dataset();
                var after = DicomReader.standard().read(out).dataset();
                assertEquals("1.2.840.10008.1.2.4.51", DicomReader.standard().read(out).transferSyntax().uid());
                assertEquals("01", after.string(Tags.LossyImageCompression).orElseThrow());
                assertEquals("ISO_10918_1", after.string(Tags.LossyImageCompressionMethod).orElseThrow());
                assertTrue(after.doubleValue(Tags.LossyImageCompressionRatio).orElseThrow() > 1);
                assertNotEquals(before.string(Tags.SOPInstanceUID), after.string(Tags.SOPInstanceUID));
                // Signed 12-bit samples are coded 2048 higher (T.81 codes unsigned samples): the
                // dataset says so and moves the intercept; CT_small's values fit 12 bits unshifted.
                assertEquals(shifted ? 0 : 1, after.integer(Tags.PixelRepresentation).orElseThrow(), name);
                double interceptIn = before.doubleValue(Tags.RescaleIntercept).orElse(0);
                double interceptOut = after.doubleValue(Tags.RescaleIntercept).orElse(0);
                assertEquals(shifted ? interceptIn - 2048 : interceptIn, interceptOut, 1e-9, name);
                if (shifted) {
                    assertEquals(-2000 + 2048, after.integer(Tags.PixelPaddingValue).orElseThrow());
                    assertEquals(12, after.integer(Tags.BitsStored).orElseThrow());
                }
                Path dj = tmp.resolve(name + ".dj.dcm");
                Peers.Run d = Peers.tool("dcmdjpeg", out.toString(), dj.toString());
                assertEquals(0, d.exit(), d.err());
                Path gd = tmp.resolve(name + ".gd.dcm");
                Peers.Run g = Peers.tool("gdcmconv", "--raw", out.toString(), gd.toString());
                assertEquals(0, g.exit(), g.err());
                Path ours = tmp.resolve(name + ".ours.raw");
                Path theirs = tmp.resolve(name + ".dj.raw");
                Path gdcm = tmp.resolve(name + ".gd.raw");
                Path src = tmp.resolve(name + ".src.raw");
                assertEquals(0, Peers.aperture("decode", out.toString(), "--raw", ours.toString()).exit());
                assertEquals(0, Peers.aperture("decode", dj.toString(), "--raw", theirs.toString()).exit());
                assertEquals(0, Peers.aperture("decode", gd.toString(), "--raw", gdcm.toString()).exit());
                assertEquals(0, Peers.aperture("decode", in.toString(), "--raw", src.toString()).exit());
                short[] a = shorts(ours);
                short[] b = shorts(theirs);
                short[] c = shorts(gdcm);
                short[] s = shorts(src);
                assertEquals(s.length, a.length);
                int worst = 0;
                for (int i = 0; i < a.length; i++) {
                    assertTrue(Math.abs(a[i] - b[i]) <= 1 && Math.abs(a[i] - c[i]) <= 1, name + " sample " + i);
                    // modality values (HU) stay within the quality-90 bound of the codec tests
                    worst = Math.max(worst, (int) Math.abs(a[i] + interceptOut - (s[i] + interceptIn)));
                }
                assertTrue(worst <= 24, name + ": max HU error " + worst);
            }
        }
    }

    @Test
    void restartIntervalWritesDriAndRstMarkersAndPeersDecodeTheResult(@TempDir Path tmp) throws Exception {
        Path in = Peers.testdata().resolve("CT_small.dcm"); // 128 x 128, 16 bits allocated
        Path source = tmp.resolve("source.raw");
        assertEquals(0, Peers.aperture("decode", in.toString(), "--raw", source.toString()).exit());
        // lossless: every 4 rows (512 MCUs) -> 32 intervals; extended 12-bit: every 5 of 256 MCUs -> 52
        record Job(String ts, int ri, int rst) {
        }
        for (Job j : List.of(new Job("1.2.840.10008.1.2.4.70", 512, 31), new Job("1.2.840.10008.1.2.4.57", 128, 127),
                new Job("1.2.840.10008.1.2.4.51", 5, 51))) {
            Path out = tmp.resolve(j.ts() + ".dcm");
            Peers.Run t = Peers.aperture("transcode", in.toString(), out.toString(), "--ts", j.ts(),
                    "--restart-interval", String.valueOf(j.ri()));
            assertEquals(0, t.exit(), t.err());
            byte[] file = Files.readAllBytes(out);
            int dri = indexOf(file, new byte[] {(byte) 0xFF, (byte) 0xDD, 0, 4});
            assertTrue(dri > 0, j.ts() + ": DRI");
            assertEquals(j.ri(), ((file[dri + 4] & 0xFF) << 8) | (file[dri + 5] & 0xFF), j.ts() + ": Ri");
            int rst = 0;
            for (int i = dri; i + 1 < file.length; i++) {
                if ((file[i] & 0xFF) == 0xFF && (file[i + 1] & 0xF8) == 0xD0) {
                    assertEquals(0xD0 + (rst & 7), file[i + 1] & 0xFF, j.ts() + ": RST " + rst);
                    rst++;
                }
            }
            assertEquals(j.rst(), rst, j.ts() + ": RST markers");
            Path ours = tmp.resolve(j.ts() + ".ours.raw");
            assertEquals(0, Peers.aperture("decode", out.toString(), "--raw", ours.toString()).exit());
            Path dj = tmp.resolve(j.ts() + ".dj.dcm");
            Peers.Run d = Peers.tool("dcmdjpeg", out.toString(), dj.toString());
            assertEquals(0, d.exit(), d.err());
            Path gd = tmp.resolve(j.ts() + ".gd.dcm");
            Peers.Run g = Peers.tool("gdcmconv", "--raw", out.toString(), gd.toString());
            assertEquals(0, g.exit(), g.err());
            Path theirs = tmp.resolve(j.ts() + ".dj.raw");
            Path gdcm = tmp.resolve(j.ts() + ".gd.raw");
            assertEquals(0, Peers.aperture("decode", dj.toString(), "--raw", theirs.toString()).exit());
            assertEquals(0, Peers.aperture("decode", gd.toString(), "--raw", gdcm.toString()).exit());
            if (!j.ts().endsWith(".51")) {
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(ours), j.ts() + ": ours");
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(theirs), j.ts() + ": dcmdjpeg");
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(gdcm), j.ts() + ": gdcmconv");
            } else {
                short[] a = shorts(ours);
                short[] b = shorts(theirs);
                short[] c = shorts(gdcm);
                for (int i = 0; i < a.length; i++) {
                    assertTrue(Math.abs(a[i] - b[i]) <= 1 && Math.abs(a[i] - c[i]) <= 1, j.ts() + " sample " + i);
                }
            }
        }
        // lossless JPEG restarts must be whole rows; out of range is bad usage too
        assertEquals(2, Peers.aperture("transcode", in.toString(), tmp.resolve("x.dcm").toString(), "--ts",
                "1.2.840.10008.1.2.4.70", "--restart-interval", "100").exit());
        assertEquals(2, Peers.aperture("transcode", in.toString(), tmp.resolve("x.dcm").toString(), "--ts",
                "1.2.840.10008.1.2.4.51", "--restart-interval", "70000").exit());
    }

    private static int indexOf(byte[] a, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= a.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (a[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void unknownSyntaxIsBadUsageAndMissingCodecIsAnInputError(@TempDir Path tmp) {
        String in = Peers.testdata().resolve("CT_small.dcm").toString();
        assertEquals(2, Peers.aperture("transcode", in, tmp.resolve("o.dcm").toString(), "--ts", "1.2.3").exit());
        Peers.Run r = Peers.aperture("transcode", in, tmp.resolve("o.dcm").toString(), "--ts", "1.2.840.10008.1.2.4.100");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
