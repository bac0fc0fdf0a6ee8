// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aperture.dicom.Tags;
import dev.aperture.dicom.pixel.SeriesVolume;
import dev.aperture.dicom.pixel.SeriesVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in extensions of {@code aperture resample} and {@code aperture mpr}: {@code --gantry-tilt}
 * on a pydicom-made tilted CT series (checked voxel by voxel against the oracle's trilinear
 * reference on the input's sheared affine), {@code --stack} on a pydicom-made enhanced object with
 * two stacks, and {@code --enhanced} output (same grid and samples as the single-frame output,
 * read by pydicom).
 */
class ResampleExtensionsTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static String checkTilt(Path in, Path out, boolean ortho) throws Exception {
        Peers.Run c = Peers.tool(PYTHON, ResampleCommandTest.oracle().toString(), "checktilt", in.toString(),
                out.toString(), ortho ? "1" : "0");
        assertEquals(0, c.exit(), c.out() + c.err());
        assertTrue(c.out().startsWith("OK "), c.out());
        return c.out().trim();
    }

    @Test
    void tiltedSeriesIsRejectedByDefaultAndCorrectedOrShearedOnRequest(@TempDir Path tmp) throws Exception {
        Path in = ResampleCommandTest.make("tilt", tmp);
        Peers.Run r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve("no").toString(), "--spacing", "1");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("gantry tilt"), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());

        Path corrected = tmp.resolve("corrected");
        r = Peers.aperture("resample", in.toString(), "--out", corrected.toString(), "--spacing", "0.8,0.6,1.5",
                "--gantry-tilt", "correct");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        String ok = checkTilt(in, corrected, true);
        assertEquals(json.get("slices").asInt(), Integer.parseInt(ok.split(" ")[1]));
        // The corrected grid has slices along the normal at the plane spacing (2 mm * cos 18 deg)
        // over the same extent: floor(11 * 1.902 / 1.5) + 1 = 14.
        assertEquals(14, json.get("slices").asInt());

        Path sheared = tmp.resolve("sheared");
        r = Peers.aperture("resample", in.toString(), "--out", sheared.toString(), "--spacing", "1",
                "--gantry-tilt", "shear");
        assertEquals(0, r.exit(), r.err());
        checkTilt(in, sheared, false);
        // The sheared output reads back as a tilted series.
        SeriesVolume back = SeriesVolumes.read(List.of(sheared), SeriesVolumes.Options.defaults().withAcceptTilt(true));
        assertEquals(18, back.volume().geometry().tiltDegrees(), 1e-3);
    }

    @Test
    void mprCorrectsATiltedSeries(@TempDir Path tmp) throws Exception {
        Path in = ResampleCommandTest.make("tilt", tmp);
        assertEquals(1, Peers.aperture("mpr", in.toString(), "--out", tmp.resolve("a").toString()).exit());
        Peers.Run r = Peers.aperture("mpr", in.toString(), "--out", tmp.resolve("b").toString(), "--gantry-tilt",
                "correct");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(tmp.resolve("b/sagittal.png")) > 0);
        assertEquals(2, Peers.aperture("mpr", in.toString(), "--out", tmp.toString(), "--gantry-tilt", "shear")
                .exit());
    }

    @Test
    void stackIsChosenById(@TempDir Path tmp) throws Exception {
        Path in = ResampleCommandTest.make("stacks", tmp);
        Peers.Run r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve("x").toString(), "--spacing", "1");
        assertEquals(1, r.exit(), r.out());
        // Stacks are listed in the order of their first frame (the frames are shuffled).
        assertTrue(r.err().contains("--stack") && r.err().contains("A AXIAL 7 frames")
                && r.err().contains("B AXIAL 5 frames"), r.err());
        r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve("y").toString(), "--spacing", "1",
                "--stack", "C");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no stack with that id"), r.err());
        for (String[] c : new String[][] {{"A", "7"}, {"B", "5"}}) {
            r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve(c[0]).toString(), "--spacing",
                    "0.9,0.7,2", "--stack", c[0]);
            assertEquals(0, r.exit(), r.err());
            assertEquals(Integer.parseInt(c[1]), new ObjectMapper().readTree(r.out()).get("slices").asInt());
        }
        r = Peers.aperture("mpr", in.toString(), "--out", tmp.resolve("m").toString(), "--stack", "B");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void enhancedOutputHoldsTheSameGridAndSamples(@TempDir Path tmp) throws Exception {
        Path in = ResampleCommandTest.make("aniso", tmp);
        Path single = tmp.resolve("single");
        Path multi = tmp.resolve("multi");
        Peers.Run a = Peers.aperture("resample", in.toString(), "--out", single.toString(), "--spacing", "0.8,0.6,1.5");
        Peers.Run b = Peers.aperture("resample", in.toString(), "--out", multi.toString(), "--spacing", "0.8,0.6,1.5",
                "--enhanced");
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        JsonNode ja = new ObjectMapper().readTree(a.out());
        JsonNode jb = new ObjectMapper().readTree(b.out());
        for (String k : new String[] {"slices", "rows", "columns"}) {
            assertEquals(ja.get(k).asInt(), jb.get(k).asInt(), k);
        }
        try (Stream<Path> s = Files.list(multi)) {
            assertEquals(List.of(multi.resolve("derived.dcm")), s.toList());
        }
        SeriesVolume sa = SeriesVolumes.read(List.of(single));
        SeriesVolume sb = SeriesVolumes.read(List.of(multi));
        assertTrue(sb.enhanced());
        assertEquals("1.2.840.10008.5.1.4.1.1.2.2", sb.header().string(Tags.SOPClassUID).orElseThrow());
        assertTrue(sa.volume().geometry().indexToPatient().equals(sb.volume().geometry().indexToPatient(), 1e-6));
        assertArrayEquals(sa.volume().shortArray(), sb.volume().shortArray());
        assertEquals(sa.rescaleSlope(), sb.rescaleSlope());
        assertEquals(sa.rescaleIntercept(), sb.rescaleIntercept());
        Peers.Run py = Peers.tool(PYTHON, "-c", "import sys,pydicom; d=pydicom.dcmread(sys.argv[1]); "
                + "print(int(d.NumberOfFrames), d.pixel_array.shape)", multi.resolve("derived.dcm").toString());
        assertEquals(0, py.exit(), py.err());
        assertEquals(ja.get("slices").asInt() + " (" + ja.get("slices").asInt() + ", " + ja.get("rows").asInt() + ", "
                + ja.get("columns").asInt() + ")", py.out().trim());
    }
}
