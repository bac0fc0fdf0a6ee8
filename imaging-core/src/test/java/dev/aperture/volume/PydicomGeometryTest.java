// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.volume.VolumeAssemblyException.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/**
 * Geometry of the real series in shared/testdata against pydicom: the attributes are
 * read by pydicom (Aperture's reader is not used here), and the oracle script computes the
 * expected affine independently; Aperture sorts the slices (given in shuffled order) and builds
 * the geometry. Broken series must give the documented problems.
 */
class PydicomGeometryTest {
    private static final String PYTHON = "/usr/bin/python3";

    static Path testdata() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("shared/testdata/pydicom");
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        return fail("shared/testdata/pydicom not found above the working directory");
    }

    /** Result of the oracle for some files. */
    record Oracle(List<SliceInfo> slices, Matrix4d affine, int[] dims, Vector3d lastVoxel) { }

    static Oracle oracle(List<Path> files) throws IOException, InterruptedException, URISyntaxException {
        if (!Files.isExecutable(Paths.get(PYTHON))) {
            fail(PYTHON + " (with pydicom) is required for this test");
        }
        Path script = Paths.get(PydicomGeometryTest.class.getResource("/volume/geometry_oracle.py").toURI());
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<SliceInfo> slices = new ArrayList<>();
        Matrix4d a = null;
        int[] dims = null;
        Vector3d last = null;
        for (String line : out.split("\n")) {
            String[] t = line.trim().split(" ");
            switch (t[0]) {
                case "S" -> slices.add(new SliceInfo(nums(t, 1, 3), nums(t, 4, 6), nums(t, 10, 2),
                        Integer.parseInt(t[12]), Integer.parseInt(t[13])));
                case "A" -> {
                    double[] m = nums(t, 1, 16);
                    a = new Matrix4d().set(m).transpose(); // given row-major; set() reads column-major
                }
                case "D" -> dims = new int[] {Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3])};
                case "P" -> last = new Vector3d(nums(t, 1, 3));
                default -> fail("unexpected oracle output: " + line);
            }
        }
        return new Oracle(slices, a, dims, last);
    }

    private static double[] nums(String[] t, int from, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Double.parseDouble(t[from + i]);
        }
        return d;
    }

    static void assertGeometry(Oracle o, VolumeGeometry g) {
        assertEquals(o.dims()[0], g.columns());
        assertEquals(o.dims()[1], g.rows());
        assertEquals(o.dims()[2], g.slices());
        Matrix4d m = new Matrix4d(g.indexToPatient());
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < 4; r++) {
                assertEquals(o.affine().get(c, r), m.get(c, r), 1e-6, "affine column " + c + " row " + r);
            }
        }
        Vector3d p = g.indexToPatient(g.columns() - 1, g.rows() - 1, g.slices() - 1, new Vector3d());
        assertTrue(p.distance(o.lastVoxel()) < 1e-4, "last voxel " + p + " vs " + o.lastVoxel());
    }

    static SliceStack shuffledStack(List<SliceInfo> s) {
        List<SliceInfo> shuffled = new ArrayList<>(s);
        Collections.shuffle(shuffled, new Random(42));
        return SliceStack.of(shuffled);
    }

    @Test
    void rtDoseGridFramesFormAVolume() throws Exception {
        Oracle o = oracle(List.of(testdata().resolve("rtdose.dcm")));
        assertEquals(15, o.slices().size());
        SliceStack st = shuffledStack(o.slices());
        assertGeometry(o, st.geometry());
        assertEquals(5.0, st.geometry().spacingZ(), 1e-9);
    }

    @Test
    void enhancedPerFramePositionsFormAVolume() throws Exception {
        Oracle o = oracle(List.of(testdata().resolve("liver_1frame.dcm")));
        assertEquals(3, o.slices().size());
        assertGeometry(o, shuffledStack(o.slices()).geometry());
    }

    @Test
    void singleSlices() throws Exception {
        for (String f : new String[] {"CT_small.dcm", "MR_small.dcm"}) {
            Oracle o = oracle(List.of(testdata().resolve(f)));
            VolumeGeometry g = SliceStack.of(o.slices()).geometry();
            assertEquals(o.dims()[0], g.columns());
            Vector3d p = g.indexToPatient(g.columns() - 1, g.rows() - 1, 0, new Vector3d());
            assertTrue(p.distance(o.lastVoxel()) < 1e-6, f);
        }
    }

    @Test
    void radialMrSeriesHasMixedOrientations() throws Exception {
        Oracle o = oracle(files("dicomdirtests/98892003/MR700"));
        assertEquals(7, o.slices().size());
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> shuffledStack(o.slices()));
        assertEquals(Problem.MIXED_ORIENTATIONS, e.problem());
        Oracle o2 = oracle(files("dicomdirtests/98892003/MR2"));
        assertEquals(Problem.MIXED_ORIENTATIONS, assertThrows(VolumeAssemblyException.class,
                () -> shuffledStack(o2.slices())).problem());
    }

    @Test
    void repeatedMrSeriesHasDuplicatePositions() throws Exception {
        Oracle o = oracle(files("dicomdirtests/98892003/MR1"));
        assertEquals(3, o.slices().size());
        assertEquals(Problem.DUPLICATE_POSITIONS, assertThrows(VolumeAssemblyException.class,
                () -> shuffledStack(o.slices())).problem());
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(testdata().resolve(dir))) {
            return s.sorted().toList();
        }
    }
}
