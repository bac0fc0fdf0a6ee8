// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aperture decode} writes exactly the samples pydicom decodes, for every native and RLE
 * file of the test data (implicit, explicit, big endian, deflated; 8/16/32-bit; signed; RGB
 * planar 0 and 1; multi-frame), and fails with one line for what it cannot decode.
 */
class DecodeCommandTest {

    private static final List<String> FILES = List.of("CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm",
            "MR_small_bigendian.dcm", "MR_small_expb.dcm", "MR_small_padded.dcm", "MR_small_RLE.dcm",
            "ExplVR_BigEnd.dcm", "image_dfl.dcm", "liver_1frame.dcm", "liver_expb_1frame.dcm",
            "rtdose.dcm", "rtdose_1frame.dcm", "rtdose_expb.dcm", "rtdose_expb_1frame.dcm", "rtdose_rle.dcm",
            "rtdose_rle_1frame.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_2frame.dcm", "SC_rgb_rle_16bit.dcm",
            "SC_rgb_rle_16bit_2frame.dcm", "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_32bit_2frame.dcm", "SC_rgb_small_odd.dcm",
            "SC_rgb_small_odd_big_endian.dcm", "examples_rgb_color.dcm", "examples_palette.dcm",
            "examples_overlay.dcm", "SC_rgb_jpeg_dcmd.dcm");

    @Test
    void matchesPydicomOnEveryNativeAndRleFile(@TempDir Path tmp) throws Exception {
        Path script = Peers.resource("oracle_decode.py", tmp);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        for (String f : FILES) {
            // pydicom 2.3.1 reads 8-bit OW big-endian pixel data without undoing the word swap
            // (DCMTK shows the same words for both files): its oracle is the little-endian twin.
            String source = f.equals("SC_rgb_small_odd_big_endian.dcm") ? "SC_rgb_small_odd.dcm" : f;
            cmd.add(Peers.testdata().resolve(source).toString());
            cmd.add(tmp.resolve(f + ".pydicom.raw").toString());
        }
        Peers.Run oracle = Peers.tool(cmd.toArray(new String[0]));
        assertEquals(0, oracle.exit(), oracle.err());
        ObjectMapper json = new ObjectMapper();
        for (String f : FILES) {
            Path ours = tmp.resolve(f + ".aperture.raw");
            Peers.Run r = Peers.aperture("decode", Peers.testdata().resolve(f).toString(), "--raw", ours.toString());
            assertEquals(0, r.exit(), f + ": " + r.err());
            JsonNode info = json.readTree(r.out());
            assertTrue(info.get("decodeMillis").asLong() >= 0);
            assertArrayEquals(Files.readAllBytes(tmp.resolve(f + ".pydicom.raw")), Files.readAllBytes(ours), f);
        }
    }

    @Test
    void oneFrameOfAMultiFrameFile(@TempDir Path tmp) throws Exception {
        Path all = tmp.resolve("all.raw");
        Path one = tmp.resolve("one.raw");
        String in = Peers.testdata().resolve("rtdose.dcm").toString();
        assertEquals(0, Peers.aperture("decode", in, "--raw", all.toString()).exit());
        Peers.Run r = Peers.aperture("decode", in, "--raw", one.toString(), "--frame", "3");
        assertEquals(0, r.exit(), r.err());
        JsonNode info = new ObjectMapper().readTree(r.out());
        assertEquals(1, info.get("frames").asInt());
        byte[] a = Files.readAllBytes(all);
        byte[] o = Files.readAllBytes(one);
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 3 * o.length, 4 * o.length), o);
    }

    @Test
    void reportsWhatItCannotDecodeOnOneLine(@TempDir Path tmp) {
        Peers.Run truncated = Peers.aperture("decode", Peers.testdata().resolve("MR_truncated.dcm").toString(), "--raw",
                tmp.resolve("x.raw").toString());
        assertEquals(1, truncated.exit());
        assertEquals(1, truncated.err().lines().count(), truncated.err());
        assertTrue(truncated.err().contains("MR_truncated.dcm") && truncated.err().contains("offset"), truncated.err());
        Peers.Run usage = Peers.aperture("decode", "x.dcm");
        assertEquals(2, usage.exit());
        Peers.Run missing = Peers.aperture("decode", tmp.resolve("missing.dcm").toString(), "--raw", "y.raw");
        assertEquals(1, missing.exit());
    }
}
