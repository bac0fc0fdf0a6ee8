// SPDX-License-Identifier: Apache-2.0
package dev.aperture.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code aperture resample} on series written by an independent writer (pydicom): shuffled file
 * order, anisotropic voxels, an oblique orientation and an enhanced multi-frame CT with frames out
 * of order. The derived series is read back with pydicom and every voxel is compared with a
 * straightforward numpy trilinear reference (series_oracle.py); broken series exit 1 with one line.
 */
class ResampleCommandTest {
    private static final String PYTHON = "/usr/bin/python3";

    static Path oracle() throws URISyntaxException {
        return Path.of(ResampleCommandTest.class.getResource("/series/series_oracle.py").toURI());
    }

    /** Writes a pydicom-made series of the given kind into {@code tmp/kind}. */
    static Path make(String kind, Path tmp) throws Exception {
        Path dir = tmp.resolve(kind);
        Peers.Run r = Peers.tool(PYTHON, oracle().toString(), "make", kind, dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        return dir;
    }

    @ParameterizedTest
    @CsvSource({
        "aniso,    '0.5,0.6,0.75', linear",
        "aniso,    1,",
        "oblique,  '0.5,0.6,0.75', linear",
        "oblique,  '0.9,1.3,2.1',",
        "enhanced, '0.45,0.8,1.7', linear",
        "oblique,  '0.7,0.5,1.1', nearest",
        "enhanced, '0.45,0.8,1.7', nearest",
    })
    void matchesAnIndependentTrilinearReference(String kind, String spacing, String kernel, @TempDir Path tmp)
            throws Exception {
        Path in = make(kind, tmp);
        Path out = tmp.resolve("out");
        Peers.Run r = kernel == null
                ? Peers.aperture("resample", in.toString(), "--out", out.toString(), "--spacing", spacing)
                : Peers.aperture("resample", in.toString(), "--out", out.toString(), "--spacing", spacing,
                        "--kernel", kernel);
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        String[] s = spacing.split(",");
        double[] sp = new double[3];
        for (int i = 0; i < 3; i++) {
            sp[i] = Double.parseDouble(s[s.length == 1 ? 0 : i]);
            assertEquals(sp[i], json.get("spacing").get(i).asDouble(), 1e-12);
        }
        assertTrue(json.get("millis").asLong() >= 0);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(json.get("slices").asInt(), files.count());
        }
        Peers.Run c = Peers.tool(PYTHON, oracle().toString(), "check", in.toString(), out.toString(),
                Double.toString(sp[0]), Double.toString(sp[1]), Double.toString(sp[2]),
                kernel == null ? "linear" : kernel);
        assertEquals(0, c.exit(), c.out() + c.err());
        String[] ok = c.out().trim().split(" ");
        assertEquals("OK", ok[0], c.out());
        assertEquals(json.get("slices").asInt(), Integer.parseInt(ok[1]));
    }

    @Test
    void gridRuleOfTheContract(@TempDir Path tmp) throws Exception {
        // aniso: 24 columns x 0.9 mm, 20 rows x 0.7 mm, 12 slices x 2 mm.
        Path in = make("aniso", tmp);
        Peers.Run r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve("o").toString(), "--spacing",
                "0.45,0.35,0.5");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        // n_out = floor((n_in - 1) * spacing_in / spacing_out) + 1: exact ratios 2, 2 and 4.
        assertEquals(23 * 2 + 1, json.get("columns").asInt());
        assertEquals(19 * 2 + 1, json.get("rows").asInt());
        assertEquals(11 * 4 + 1, json.get("slices").asInt());
        Peers.Run coarse = Peers.aperture("resample", in.toString(), "--out", tmp.resolve("c").toString(), "--spacing",
                "3");
        assertEquals(0, coarse.exit(), coarse.err());
        JsonNode c = new ObjectMapper().readTree(coarse.out());
        assertEquals((int) Math.floor(23 * 0.9 / 3) + 1, c.get("columns").asInt());
        assertEquals((int) Math.floor(19 * 0.7 / 3) + 1, c.get("rows").asInt());
        assertEquals((int) Math.floor(11 * 2.0 / 3) + 1, c.get("slices").asInt());
    }

    @Test
    void everyKernelRunsAndNamedFilesMayBeGiven(@TempDir Path tmp) throws Exception {
        Path in = make("oblique", tmp);
        String[] files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.map(Path::toString).toArray(String[]::new);
        }
        Files.writeString(in.resolve("README.txt"), "not DICOM; a folder argument skips it");
        for (String k : new String[] {"nearest", "linear", "cubic", "lanczos3"}) {
            Peers.Run r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve(k).toString(), "--spacing",
                    "1.2", "--kernel", k);
            assertEquals(0, r.exit(), k + ": " + r.err());
        }
        String[] args = new String[files.length + 5];
        args[0] = "resample";
        System.arraycopy(files, 0, args, 1, files.length);
        args[files.length + 1] = "--out";
        args[files.length + 2] = tmp.resolve("named").toString();
        args[files.length + 3] = "--spacing";
        args[files.length + 4] = "1.2";
        Peers.Run r = Peers.aperture(args);
        assertEquals(0, r.exit(), r.err());
    }

    @ParameterizedTest
    @CsvSource({
        "gap,         slices are missing",
        "duplicate,   share a position",
        "mixedorient, differ in image orientation",
        "mixedseries, different series",
    })
    void brokenSeriesExitOneWithOneLine(String kind, String problem, @TempDir Path tmp) throws Exception {
        Path in = make(kind, tmp);
        Peers.Run r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve("out").toString(), "--spacing",
                "1");
        assertEquals(1, r.exit(), r.out());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.startsWith("aperture: " + in), err);
        assertTrue(err.contains(problem), err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written for a broken series");
    }

    @Test
    void realSeriesFromTheTestdata(@TempDir Path tmp) throws IOException {
        Path dirs = Peers.testdata().resolve("dicomdirtests");
        Peers.Run ok = Peers.aperture("resample", dirs.resolve("98892001/CT5N").toString(), "--out",
                tmp.resolve("ct5n").toString(), "--spacing", "0.5,0.5,1.25");
        assertEquals(0, ok.exit(), ok.err());
        // 16 x 0.488281 mm -> floor(15 * 0.488281 / 0.5) + 1 = 15; 5 x 2.5 mm -> 9 slices.
        assertTrue(ok.out().startsWith("{\"slices\":9,\"rows\":15,\"columns\":15,\"spacing\":[0.5,0.5,1.25],"),
                ok.out());
        Peers.Run gap = Peers.aperture("resample", dirs.resolve("77654033/CT2").toString(), "--out",
                tmp.resolve("ct2").toString(), "--spacing", "1");
        assertEquals(1, gap.exit());
        assertTrue(gap.err().contains("spacings (mm) [202.5, 1.250, 1.250]"), gap.err());
        Peers.Run mixed = Peers.aperture("resample", dirs.resolve("98892001/CT2N").toString(), "--out",
                tmp.resolve("ct2n").toString(), "--spacing", "1");
        assertEquals(1, mixed.exit());
        assertTrue(mixed.err().contains("orientation"), mixed.err());
    }

    @Test
    void badUsageExitsTwo(@TempDir Path tmp) {
        Path in = Peers.testdata().resolve("dicomdirtests/98892001/CT5N");
        for (String[] a : new String[][] {
            {"resample", in.toString(), "--out", tmp.toString(), "--spacing", "0"},
            {"resample", in.toString(), "--out", tmp.toString(), "--spacing", "1,2"},
            {"resample", in.toString(), "--out", tmp.toString(), "--spacing", "1", "--kernel", "sinc"},
            {"resample", in.toString(), "--spacing", "1"},
        }) {
            assertEquals(2, Peers.aperture(a).exit(), String.join(" ", a));
        }
    }

    @Test
    void aGridTooLargeForMemoryIsOneLineNotAnOutOfMemoryError(@TempDir Path tmp) {
        Path in = Peers.testdata().resolve("dicomdirtests/98892001/CT5N");
        Peers.Run r = Peers.aperture("resample", in.toString(), "--out", tmp.resolve("o").toString(), "--spacing",
                "0.001");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().startsWith("aperture: resample: "), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
    }
}
