// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
            "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.8.1");

    @Test
    void losslessTranscodesRoundTripBitExactly(@TempDir Path tmp) throws Exception {
        for (String f : FILES) {
            Path in = Peers.testdata().resolve(f);
            Path expected = tmp.resolve(f + ".raw");
            assertEquals(0, Peers.aperture("decode", in.toString(), "--raw", expected.toString()).exit());
            for (String ts : SYNTAXES) {
                Path out = tmp.resolve(f + "." + ts + ".dcm");
                Peers.Run t = Peers.aperture("transcode", in.toString(), out.toString(), "--ts", ts);
                if (f.startsWith("liver") && ts.equals("1.2.840.10008.1.2.5")) {
                    // 1-bit segmentation: RLE (PS3.5 Annex G) has no 1-bit form; refused on one line
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
    void unknownSyntaxIsBadUsageAndMissingCodecIsAnInputError(@TempDir Path tmp) {
        String in = Peers.testdata().resolve("CT_small.dcm").toString();
        assertEquals(2, Peers.aperture("transcode", in, tmp.resolve("o.dcm").toString(), "--ts", "1.2.3").exit());
        Peers.Run r = Peers.aperture("transcode", in, tmp.resolve("o.dcm").toString(), "--ts", "1.2.840.10008.1.2.4.100");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
