// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aperture.imaging.LimitExceededException;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/** {@link VolumeGeometry}: affine, views, conversions and the resample grid rule. */
class VolumeGeometryTest {

    @Property(tries = 500)
    void voxelToPatientToVoxelRoundTrips(@ForAll long seed) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 512, 512, 300);
        Vector3d p = new Vector3d();
        Vector3d back = new Vector3d();
        for (int i = 0; i < 20; i++) {
            double x = r.nextDouble() * 600 - 50;
            double y = r.nextDouble() * 600 - 50;
            double z = r.nextDouble() * 400 - 50;
            g.indexToPatient(x, y, z, p);
            g.patientToIndex(p, back);
            assertEquals(x, back.x, 1e-9);
            assertEquals(y, back.y, 1e-9);
            assertEquals(z, back.z, 1e-9);
        }
    }

    @Test
    void buildsTheAffineFromCosinesAndSpacing() {
        VolumeGeometry g = VolumeGeometry.of(new Vector3d(-100, 50, 20), new Vector3d(0, 1, 0),
                new Vector3d(0, 0, -2), new Vector3d(3, 0, 0), 0.5, 0.7, 2.0, 10, 20, 30);
        Vector3d p = g.indexToPatient(2, 3, 4, new Vector3d());
        assertEquals(-100 + 4 * 2.0, p.x, 1e-12);
        assertEquals(50 + 2 * 0.5, p.y, 1e-12);
        assertEquals(20 - 3 * 0.7, p.z, 1e-12);
        assertEquals(0.5, g.spacingX(), 1e-12);
        assertEquals(0.7, g.spacingY(), 1e-12);
        assertEquals(2.0, g.spacingZ(), 1e-12);
        assertEquals(new Vector3d(0, 0, -1), g.columnDirection());
        assertEquals(new Vector3d(-100, 50, 20), g.origin());
        assertEquals(6000, g.voxelCount());
    }

    @Test
    void matricesAreCopies() {
        VolumeGeometry g = TestVolumes.axisAligned(1, 1, 1, 2, 2, 2);
        Matrix4d m = (Matrix4d) g.indexToPatient();
        m.scale(5);
        assertEquals(1.0, g.spacingX(), 0);
        assertNotSame(g.indexToPatient(), g.indexToPatient());
        Matrix4d in = new Matrix4d().scale(2);
        VolumeGeometry h = VolumeGeometry.ofAffine(in, 2, 2, 2);
        in.scale(10);
        assertEquals(2.0, h.spacingX(), 0);
        Matrix4d prod = new Matrix4d(h.indexToPatient()).mul(h.patientToIndex());
        assertEquals(new Matrix4d(), prod);
    }

    @Test
    void resampledGridFollowsTheCliRule() {
        VolumeGeometry g = VolumeGeometry.of(new Vector3d(-10, 5, 7), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0),
                new Vector3d(0, 0, 1), 0.7, 0.7, 2.5, 512, 512, 300);
        VolumeGeometry r = g.isotropic(1.0);
        // floor((n - 1) * s_in / s_out) + 1
        assertEquals((int) Math.floor(511 * 0.7) + 1, r.columns());
        assertEquals(358, r.rows());
        assertEquals((int) Math.floor(299 * 2.5) + 1, r.slices());
        assertEquals(g.origin(), r.origin());
        assertEquals(1.0, r.spacingZ(), 1e-12);
        // Exact ratios are not lost to rounding: 10 voxels of 0.3 mm at 0.1 mm give 28 exactly.
        VolumeGeometry h = TestVolumes.axisAligned(0.3, 0.3, 0.3, 10, 10, 10).resampledGrid(0.1, 0.3, 0.9);
        assertEquals(28, h.columns());
        assertEquals(10, h.rows());
        assertEquals(4, h.slices());
        assertThrows(IllegalArgumentException.class, () -> g.resampledGrid(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> g.resampledGrid(Double.NaN, 1, 1));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> TestVolumes.axisAligned(1, 1, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TestVolumes.axisAligned(-1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> VolumeGeometry.of(new Vector3d(),
                new Vector3d(1, 0, 0), new Vector3d(1, 0, 0), new Vector3d(0, 0, 1), 1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> VolumeGeometry.ofAffine(new Matrix4d().m03(1), 1, 1, 1));
        VolumeGeometry huge = TestVolumes.axisAligned(1, 1, 1, 4096, 4096, 4096);
        assertThrows(LimitExceededException.class, () -> Volume.allocate(huge, Volume.ValueType.FLOAT));
        assertThrows(IllegalArgumentException.class,
                () -> Volume.wrapShorts(TestVolumes.axisAligned(1, 1, 1, 2, 2, 2), new short[7], true));
    }

    @Test
    void modalityConversionRoundTrips() {
        VolumeGeometry g = TestVolumes.axisAligned(1, 1, 1, 4, 3, 2);
        short[] s = new short[24];
        for (int i = 0; i < 24; i++) {
            s[i] = (short) (i * 100 - 1000);
        }
        Volume v = Volume.wrapShorts(g, s, true);
        Volume hu = v.toFloats(1, -1024);
        assertEquals(-1000 - 1024, hu.value(0, 0, 0), 0);
        Volume back = hu.toShorts(true, 1, -1024);
        assertEquals(java.util.Arrays.toString(s), java.util.Arrays.toString(back.shortArray()));
        Volume u = Volume.wrapShorts(g, new short[] {(short) 0xFFFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0}, false);
        assertEquals(65535, u.value(0, 0, 0), 0);
        assertEquals(65535 * 2 + 1, u.toFloats(2, 1).value(0, 0, 0), 0);
    }
}
