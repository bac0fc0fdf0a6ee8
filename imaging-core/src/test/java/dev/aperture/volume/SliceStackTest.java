// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.volume.VolumeAssemblyException.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/** Sorting and checking slices: {@link SliceStack}. */
class SliceStackTest {
    /** An oblique orientation: row and column directions rotated about all axes. */
    static final double[] OBLIQUE = oblique();

    private static double[] oblique() {
        org.joml.Matrix3d r = new org.joml.Matrix3d().rotateXYZ(0.3, -0.2, 0.5);
        Vector3d a = r.getColumn(0, new Vector3d());
        Vector3d b = r.getColumn(1, new Vector3d());
        return new double[] {a.x, a.y, a.z, b.x, b.y, b.z};
    }

    /** Slices at origin + t * normal for each t. */
    static List<SliceInfo> stack(double[] iop, double[] origin, double... t) {
        Vector3d n = new Vector3d(iop[0], iop[1], iop[2]).cross(iop[3], iop[4], iop[5]).normalize();
        List<SliceInfo> out = new ArrayList<>();
        for (double d : t) {
            double[] p = {origin[0] + d * n.x, origin[1] + d * n.y, origin[2] + d * n.z};
            out.add(new SliceInfo(p, iop, new double[] {0.8, 0.6}, 4, 5, 2.5));
        }
        return out;
    }

    @Test
    void sortsShuffledSlicesAlongTheNormal() {
        List<SliceInfo> s = stack(OBLIQUE, new double[] {-100, 20, 35}, 0, 2.5, 5, 7.5, 10, 12.5);
        List<SliceInfo> shuffled = new ArrayList<>(s);
        Collections.shuffle(shuffled, new Random(7));
        SliceStack st = SliceStack.of(shuffled);
        int[] order = st.order();
        for (int z = 0; z < order.length; z++) {
            assertEquals(s.get(z), shuffled.get(order[z]));
        }
        VolumeGeometry g = st.geometry();
        assertEquals(5, g.columns());
        assertEquals(4, g.rows());
        assertEquals(6, g.slices());
        assertEquals(0.6, g.spacingX(), 1e-12); // Pixel Spacing is row spacing \ column spacing
        assertEquals(0.8, g.spacingY(), 1e-12);
        assertEquals(2.5, g.spacingZ(), 1e-9);
        Vector3d p = g.indexToPatient(0, 0, 5, new Vector3d());
        double[] last = s.get(5).imagePositionPatient();
        assertEquals(last[0], p.x, 1e-9);
        assertEquals(last[1], p.y, 1e-9);
        assertEquals(last[2], p.z, 1e-9);
        // The DICOM attributes of a slice come back as they went in.
        assertArrayEquals(last, g.imagePositionPatient(5), 1e-9);
        assertArrayEquals(s.get(2).imagePositionPatient(), g.imagePositionPatient(2), 1e-9);
        assertArrayEquals(OBLIQUE, g.imageOrientationPatient(), 1e-12);
        assertArrayEquals(new double[] {0.8, 0.6}, g.pixelSpacing(), 1e-12);

        // Pixels follow their slices.
        List<short[]> pixels = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            short[] px = new short[20];
            java.util.Arrays.fill(px, (short) (s.indexOf(shuffled.get(i)) * 10));
            pixels.add(px);
        }
        Volume v = st.assembleShorts(pixels, true);
        for (int z = 0; z < 6; z++) {
            assertEquals(z * 10, v.value(3, 2, z));
        }
    }

    @Test
    void singleSliceUsesSliceThickness() {
        SliceStack st = SliceStack.of(stack(OBLIQUE, new double[] {1, 2, 3}, 0));
        assertEquals(2.5, st.geometry().spacingZ(), 1e-12);
        assertEquals(1, st.geometry().slices());
    }

    @Test
    void gapIsReportedAsMissingSlices() {
        List<SliceInfo> s = stack(OBLIQUE, new double[] {0, 0, 0}, 0, 1.25, 2.5, 5, 6.25, 7.5);
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(s));
        assertEquals(Problem.MISSING_SLICES, e.problem());
        assertEquals(3, e.frame());
        assertArrayEquals(new double[] {1.25, 1.25, 2.5, 1.25, 1.25}, e.spacings(), 1e-9);
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().contains("2.500"), e.getMessage());
    }

    @Test
    void unevenSpacingIsReportedWithTheSpacingList() {
        List<SliceInfo> s = stack(OBLIQUE, new double[] {0, 0, 0}, 0, 1, 2, 3.3, 4.3);
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(s));
        assertEquals(Problem.NON_UNIFORM_SPACING, e.problem());
        assertTrue(e.getMessage().contains("[1.000, 1.000, 1.300, 1.000]"), e.getMessage());
        // Within a looser tolerance it is accepted, with the mean spacing.
        assertEquals(4.3 / 4, SliceStack.of(s, 0.35).geometry().spacingZ(), 1e-9);
        // A spacing within 1 % passes by default.
        assertEquals(3, SliceStack.of(stack(OBLIQUE, new double[] {0, 0, 0}, 0, 1, 2.005)).size());
    }

    @Test
    void duplicatesAreRejected() {
        List<SliceInfo> s = stack(OBLIQUE, new double[] {0, 0, 0}, 0, 1, 1, 2);
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(s));
        assertEquals(Problem.DUPLICATE_POSITIONS, e.problem());
    }

    @Test
    void gantryTiltIsRejected() {
        // Axial images whose positions step 5 mm in z and 0.5 mm in y (a 5.7 degree tilt).
        double[] axial = {1, 0, 0, 0, 1, 0};
        List<SliceInfo> s = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            s.add(new SliceInfo(new double[] {-100, -100 + 0.5 * k, 5.0 * k}, axial, new double[] {1, 1}, 4, 4));
        }
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(s));
        assertEquals(Problem.GANTRY_TILT, e.problem());
        assertTrue(e.getMessage().contains("tilt"));
    }

    @Test
    void mixedOrientationsAndSizesAreRejected() {
        List<SliceInfo> s = stack(OBLIQUE, new double[] {0, 0, 0}, 0, 1, 2);
        s.add(new SliceInfo(new double[] {0, 0, 3}, new double[] {1, 0, 0, 0, 1, 0}, new double[] {0.8, 0.6}, 4, 5));
        VolumeAssemblyException e = assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(s));
        assertEquals(Problem.MIXED_ORIENTATIONS, e.problem());
        assertEquals(3, e.frame());

        List<SliceInfo> t = stack(OBLIQUE, new double[] {0, 0, 0}, 0, 1, 2);
        t.set(1, new SliceInfo(t.get(1).imagePositionPatient(), OBLIQUE, new double[] {0.8, 0.6}, 4, 6));
        assertEquals(Problem.MIXED_SIZES,
                assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(t)).problem());
        List<SliceInfo> u = stack(OBLIQUE, new double[] {0, 0, 0}, 0, 1, 2);
        u.set(2, new SliceInfo(u.get(2).imagePositionPatient(), OBLIQUE, new double[] {0.8, 0.7}, 4, 5));
        assertEquals(Problem.MIXED_SIZES,
                assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(u)).problem());
        assertEquals(Problem.NO_SLICES,
                assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(List.of())).problem());
    }

    @Test
    void badAttributeValuesAreMalformedData() {
        double[] p = {0, 0, 0};
        double[] o = {1, 0, 0, 0, 1, 0};
        double[] ps = {1, 1};
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new SliceInfo(new double[] {0, 0}, o, ps, 4, 4));
        assertEquals(0x00200032, e.tag());
        assertEquals(0x00200037, assertThrows(MalformedDataException.class,
                () -> new SliceInfo(p, new double[] {1, 0, 0, 1, 0, 0}, ps, 4, 4)).tag());
        assertEquals(0x00280030, assertThrows(MalformedDataException.class,
                () -> new SliceInfo(p, o, new double[] {0, 1}, 4, 4)).tag());
        assertEquals(0x00280010, assertThrows(MalformedDataException.class,
                () -> new SliceInfo(p, o, ps, 0, 4)).tag());
        assertThrows(ApertureException.class, () -> new SliceInfo(p, o, new double[] {Double.NaN, 1}, 4, 4));
        assertThrows(ApertureException.class, () -> new SliceInfo(null, o, ps, 4, 4));
    }

    @Test
    void floatLoaderFillsModalityValues() throws Exception {
        List<SliceInfo> s = stack(OBLIQUE, new double[] {0, 0, 0}, 3, 0, 1.5);
        SliceStack st = SliceStack.of(s);
        Volume v = st.loadFloats((i, dst, off) -> java.util.Arrays.fill(dst, off, off + 20, i * 1.5f - 1024));
        assertEquals(1 * 1.5f - 1024, v.value(0, 0, 0), 0); // input 1 is at t = 0
        assertEquals(2 * 1.5f - 1024, v.value(4, 3, 1), 0);
        assertEquals(-1024, v.value(2, 2, 2), 0);
        assertThrows(IllegalArgumentException.class, () -> st.assembleFloats(List.of(new float[20])));
    }
}
