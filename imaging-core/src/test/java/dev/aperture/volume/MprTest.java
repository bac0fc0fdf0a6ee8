// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.junit.jupiter.api.Test;

/** Planes and slabs: {@link Mpr} grids sampled by {@link Resampler}. */
class MprTest {
    private final Random random = new Random(11);

    @Test
    void axialAndCoronalPlanesOfAnAxialVolumeAreItsSlicesAndRows() {
        VolumeGeometry g = VolumeGeometry.of(new Vector3d(-20, 30, 100), new Vector3d(1, 0, 0),
                new Vector3d(0, 1, 0), new Vector3d(0, 0, 1), 1, 1, 1, 12, 10, 8);
        Volume v = TestVolumes.randomShorts(random, g, true);
        for (Kernel kernel : new Kernel[] {Kernel.NEAREST, Kernel.LINEAR, Kernel.CATMULL_ROM, Kernel.LANCZOS3}) {
            Resampler rs = Resampler.of(kernel);
            VolumeGeometry axial = Mpr.plane(g, Mpr.Orientation.AXIAL, g.indexToPatient(0, 0, 5, new Vector3d()), 1);
            assertEquals(12, axial.columns());
            assertEquals(10, axial.rows());
            Volume a = rs.resample(v, axial);
            VolumeGeometry coronal = Mpr.plane(g, Mpr.Orientation.CORONAL, g.indexToPatient(0, 4, 0, new Vector3d()), 1);
            assertEquals(12, coronal.columns());
            assertEquals(8, coronal.rows());
            Volume c = rs.resample(v, coronal);
            VolumeGeometry sagittal = Mpr.plane(g, Mpr.Orientation.SAGITTAL, g.indexToPatient(7, 0, 0, new Vector3d()), 1);
            Volume s = rs.resample(v, sagittal);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 12; x++) {
                    assertEquals(v.value(x, y, 5), a.value(x, y, 0), kernel.toString());
                }
            }
            for (int z = 0; z < 8; z++) {
                for (int x = 0; x < 12; x++) {
                    // Coronal rows run inferior: row 0 is the top (highest z).
                    assertEquals(v.value(x, 4, 7 - z), c.value(x, z, 0), kernel.toString());
                }
                for (int y = 0; y < 10; y++) {
                    assertEquals(v.value(7, y, 7 - z), s.value(y, z, 0), kernel.toString());
                }
            }
        }
    }

    @Test
    void obliquePlaneMatchesTheReference() {
        VolumeGeometry g = TestVolumes.randomGeometry(random, 20, 18, 15);
        Volume v = TestVolumes.randomFloats(random, g);
        VolumeGeometry plane = Mpr.obliquePlane(g, Mpr.center(g), new Vector3d(1, 0.3, -0.2),
                new Vector3d(0.1, 1, 0.4), 0.7);
        Volume p = Resampler.of(Kernel.LINEAR).withOutside(Outside.constant(-9)).resample(v, plane);
        Matrix4d toIndex = new Matrix4d(g.patientToIndex());
        Vector3d q = new Vector3d();
        for (int y = 0; y < plane.rows(); y++) {
            for (int x = 0; x < plane.columns(); x++) {
                plane.indexToPatient(x, y, 0, q);
                toIndex.transformPosition(q);
                double e = ResamplerProperties.referenceTrilinear(v, q.x, q.y, q.z, false, -9);
                assertEquals(e, p.value(x, y, 0), 1e-4 * Math.max(1, Math.abs(e)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Mpr.obliquePlane(g, Mpr.center(g),
                new Vector3d(1, 0, 0), new Vector3d(2, 0, 0), 1));
    }

    @Test
    void slabsProjectMaxMinAndMean() {
        VolumeGeometry g = TestVolumes.axisAligned(1, 1, 1, 9, 9, 21);
        float[] f = new float[9 * 9 * 21];
        for (int z = 0; z < 21; z++) {
            for (int i = 0; i < 81; i++) {
                f[z * 81 + i] = z; // a ramp along the slab normal
            }
        }
        f[10 * 81 + 4 * 9 + 4] = 1000;  // bright voxel at (4, 4, 10)
        f[13 * 81 + 2 * 9 + 6] = -1000; // dark voxel at (6, 2, 13)
        Volume v = Volume.wrapFloats(g, f);
        VolumeGeometry axial = Mpr.plane(g, Mpr.Orientation.AXIAL, new Vector3d(0, 0, 10), 1);
        Resampler rs = Resampler.of(Kernel.LINEAR);
        Volume mip = rs.slab(v, axial, 8, 1, SlabMode.MAX);
        assertEquals(1000, mip.value(4, 4, 0), 1e-3);
        assertEquals(14, mip.value(0, 0, 0), 1e-4);
        Volume minip = rs.slab(v, axial, 8, 1, SlabMode.MIN);
        assertEquals(-1000, minip.value(6, 2, 0), 1e-3);
        assertEquals(6, minip.value(0, 0, 0), 1e-4);
        Volume mean = rs.slab(v, axial, 8, 0.5, SlabMode.MEAN);
        assertEquals(10, mean.value(0, 0, 0), 1e-4);
        // A thin slab misses the dark voxel 3 mm away.
        Volume thin = rs.slab(v, axial, 2, 1, SlabMode.MIN);
        assertEquals(9, thin.value(6, 2, 0), 1e-4);
        // Slabs reaching outside ignore outside samples: mean over z in [15, 20] only.
        Volume edge = rs.slab(v, Mpr.plane(g, Mpr.Orientation.AXIAL, new Vector3d(0, 0, 20), 1), 10, 1,
                SlabMode.MEAN);
        assertEquals(17.5, edge.value(0, 0, 0), 1e-4);
        // Shorts keep their type.
        Volume s = rs.slab(v.toShorts(true, 1, 0), axial, 8, 1, SlabMode.MAX, java.util.concurrent.ForkJoinPool.commonPool());
        assertEquals(Volume.ValueType.SIGNED_SHORT, s.type());
        assertEquals(1000, s.value(4, 4, 0));
    }
}
