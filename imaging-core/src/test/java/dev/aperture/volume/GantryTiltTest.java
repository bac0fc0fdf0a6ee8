// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/** Sheared grids from tilted slice positions, and the orthogonal grids that correct them. */
class GantryTiltTest {
    private static List<SliceInfo> tilted(int n, double tiltDeg, double step) {
        double t = Math.toRadians(tiltDeg);
        double[] iop = {1, 0, 0, 0, Math.cos(t), -Math.sin(t)};
        List<SliceInfo> s = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            s.add(new SliceInfo(new double[] {5, -3, 10 + k * step}, iop, new double[] {0.8, 0.6}, 30, 40));
        }
        return s;
    }

    @Test
    void shearedStackHasTheStepAsThirdColumn() {
        List<SliceInfo> s = tilted(9, 20, 2.5);
        java.util.Collections.reverse(s);
        assertEquals(VolumeAssemblyException.Problem.GANTRY_TILT,
                assertThrows(VolumeAssemblyException.class, () -> SliceStack.of(s)).problem());
        SliceStack st = SliceStack.of(s, SliceStack.DEFAULT_TOLERANCE, true);
        assertTrue(st.tilted());
        Matrix4d m = new Matrix4d(st.geometry().indexToPatient());
        Vector3d c2 = m.getColumn(2, new Vector3d());
        assertEquals(0, c2.distance(new Vector3d(0, 0, 2.5)), 1e-12);
        assertEquals(20, st.geometry().tiltDegrees(), 1e-9);
        assertEquals(2.5 * Math.cos(Math.toRadians(20)), st.geometry().planeSpacing(), 1e-12);
        assertEquals(8, st.order()[0]); // reversed input: the lowest z is the last given
    }

    @Test
    void coveringGridHoldsEveryVoxelCentre() {
        VolumeGeometry g = SliceStack.of(tilted(9, 20, 2.5), 0.01, true).geometry();
        VolumeGeometry u = g.untiltedGrid(true);
        assertFalse(u.isTilted());
        assertEquals(g.spacingX(), u.spacingX(), 1e-12);
        assertEquals(g.spacingY(), u.spacingY(), 1e-12);
        Vector3d p = new Vector3d();
        Vector3d q = new Vector3d();
        double e = 1e-6;
        for (int corner = 0; corner < 8; corner++) {
            g.indexToPatient((corner & 1) * 39.0, ((corner >> 1) & 1) * 29.0, ((corner >> 2) & 1) * 8.0, p);
            u.patientToIndex(p, q);
            assertTrue(q.x > -e && q.y > -e && q.z > -e && q.x < u.columns() - 1 + e && q.y < u.rows() - 1 + e
                    && q.z < u.slices() - 1 + e, "corner " + corner + " at " + q);
        }
        // Same-size grid: same centre.
        VolumeGeometry same = g.untiltedGrid(false);
        assertEquals(g.columns(), same.columns());
        assertEquals(g.rows(), same.rows());
        assertEquals(g.slices(), same.slices());
        Vector3d c1 = g.indexToPatient(19.5, 14.5, 4, new Vector3d());
        Vector3d c2 = same.indexToPatient(19.5, 14.5, 4, new Vector3d());
        assertEquals(0, c1.distance(c2), 1e-9);
    }

    @Test
    void randomTiltedStacksMapEverySlicePositionExactly() {
        java.util.Random rnd = new java.util.Random(5);
        for (int it = 0; it < 300; it++) {
            org.joml.Quaterniond q = new org.joml.Quaterniond().rotateXYZ(rnd.nextDouble() * 6, rnd.nextDouble() * 6,
                    rnd.nextDouble() * 6);
            Vector3d r = q.transform(new Vector3d(1, 0, 0));
            Vector3d c = q.transform(new Vector3d(0, 1, 0));
            Vector3d n = r.cross(c, new Vector3d());
            double tilt = Math.toRadians(2 + rnd.nextDouble() * 38); // above the 1 % drift tolerance
            double along = 0.5 + rnd.nextDouble() * 4;
            // The step: along the normal, plus a sideways part in the plane of the normal and the column direction.
            Vector3d step = new Vector3d(n).mul(along).fma(along * Math.tan(tilt), c);
            int count = 2 + rnd.nextInt(20);
            double[] iop = {r.x, r.y, r.z, c.x, c.y, c.z};
            List<SliceInfo> slices = new ArrayList<>();
            Vector3d o = new Vector3d(rnd.nextGaussian() * 100, rnd.nextGaussian() * 100, rnd.nextGaussian() * 100);
            for (int k = 0; k < count; k++) {
                Vector3d p = new Vector3d(o).fma(k, step);
                slices.add(new SliceInfo(new double[] {p.x, p.y, p.z}, iop, new double[] {0.7, 0.9}, 8, 9));
            }
            java.util.Collections.shuffle(slices, rnd);
            SliceStack st = SliceStack.of(slices, 0.01, true);
            VolumeGeometry g = st.geometry();
            assertEquals(Math.toDegrees(tilt), g.tiltDegrees(), 1e-6);
            assertEquals(along, g.planeSpacing(), 1e-9);
            int[] order = st.order();
            Vector3d p = new Vector3d();
            for (int k = 0; k < count; k++) {
                double[] ipp = slices.get(order[k]).imagePositionPatient();
                g.indexToPatient(0, 0, k, p);
                assertEquals(0, p.distance(ipp[0], ipp[1], ipp[2]), 1e-9);
                Vector3d back = g.patientToIndex(p, new Vector3d());
                assertEquals(k, back.z, 1e-9);
            }
            VolumeGeometry u = g.untiltedGrid(true);
            assertFalse(u.isTilted());
            assertTrue(u.voxelCount() >= g.voxelCount());
        }
    }

    @Test
    void orthogonalGridIsItsOwnUntiltedGrid() {
        VolumeGeometry g = VolumeGeometry.of(new Vector3d(1, 2, 3), new Vector3d(0, 1, 0), new Vector3d(0, 0, -1),
                new Vector3d(-1, 0, 0), 0.7, 0.9, 1.3, 11, 12, 13);
        assertFalse(g.isTilted());
        assertTrue(g.untiltedGrid(false).indexToPatient().equals(g.indexToPatient(), 1e-12));
        VolumeGeometry cover = g.untiltedGrid(true);
        assertEquals(11, cover.columns());
        assertEquals(12, cover.rows());
        assertEquals(13, cover.slices());
    }

    @Test
    void identityCorrectionOfAnOrthogonalVolumeKeepsValues() {
        VolumeGeometry g = VolumeGeometry.of(new Vector3d(), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0),
                new Vector3d(0, 0, 1), 1, 1, 2, 4, 3, 2);
        short[] v = new short[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) (i * 37 - 300);
        }
        Volume c = GantryTilt.correct(Volume.wrapShorts(g, v, true), false);
        assertEquals(-300, GantryTilt.minimum(Volume.wrapShorts(g, v, true)));
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], c.shortArray()[i]);
        }
    }
}
