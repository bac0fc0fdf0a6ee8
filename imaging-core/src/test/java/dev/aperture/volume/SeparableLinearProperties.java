// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.joml.Matrix4d;

/**
 * The separable trilinear path ({@link SeparableLinear}, taken for grids whose axes are parallel to
 * the source's) against the row-wise {@link VolumeSampler} path on the same target: floats agree
 * to 1e-9 relative (only the order of the blends differs), shorts to one unit (a value within
 * rounding of a half may round either way), with both outside policies, targets partly or wholly
 * outside, flipped axes, axes of one voxel, and on an executor.
 */
class SeparableLinearProperties {

    /** A random per-axis scale and translation of index space (axes may flip), as a target geometry. */
    static VolumeGeometry axisParallelTarget(Random r, VolumeGeometry g) {
        double[] s = new double[3];
        double[] t = new double[3];
        int[] n = {g.columns(), g.rows(), g.slices()};
        for (int a = 0; a < 3; a++) {
            s[a] = (0.15 + r.nextDouble() * 2) * (r.nextInt(6) == 0 ? -1 : 1);
            if (r.nextInt(5) == 0) {
                s[a] = r.nextBoolean() ? 1 : 0.5; // dyadic steps: exact ties for the rounding
            }
            t[a] = r.nextInt(4) == 0 ? r.nextInt(3) - 1 : r.nextDouble() * n[a] * 1.4 - n[a] * 0.2;
        }
        Matrix4d m = new Matrix4d().translate(t[0], t[1], t[2]).scale(s[0], s[1], s[2]);
        return VolumeGeometry.ofAffine(new Matrix4d(g.indexToPatient()).mul(m), 1 + r.nextInt(14), 1 + r.nextInt(12),
                1 + r.nextInt(9));
    }

    /** The trilinear row-wise path: what {@link Resampler} ran for every grid before the separable one. */
    static Volume rowWise(Volume source, VolumeGeometry target, Outside outside, Volume.ValueType type) {
        Volume out = Volume.allocate(target, type);
        Matrix4d m = source.geometry().targetToIndex(target);
        VolumeSampler sampler = new VolumeSampler(source, Kernel.LINEAR, outside.clamped(), outside.value(),
                new double[] {1, 1, 1});
        int nx = target.columns();
        int ny = target.rows();
        double[] row = new double[nx];
        VolumeSampler.Scratch sc = sampler.newScratch(nx);
        Resampler.RowStore store = new Resampler.RowStore(out);
        for (int r = 0; r < ny * target.slices(); r++) {
            int k = r / ny;
            int j = r - k * ny;
            double x0 = m.m10() * j + m.m20() * k + m.m30();
            double y0 = m.m11() * j + m.m21() * k + m.m31();
            double z0 = m.m12() * j + m.m22() * k + m.m32();
            sampler.sampleRow(x0, y0, z0, m.m00(), m.m01(), m.m02(), nx, row, sc);
            store.store(row, nx, r * nx);
        }
        return out;
    }

    @Property(tries = 200)
    void separableEqualsTheRowWisePath(@ForAll long seed, @ForAll boolean clamp, @ForAll boolean floats) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 1 + r.nextInt(12), 1 + r.nextInt(10), 1 + r.nextInt(7));
        Volume v = floats ? TestVolumes.randomFloats(r, g) : TestVolumes.randomShorts(r, g, r.nextBoolean());
        VolumeGeometry target = axisParallelTarget(r, g);
        assertTrue(SeparableLinear.applies(g.targetToIndex(target), target), "the target takes the separable path");
        Outside policy = clamp ? Outside.clamp() : Outside.constant(-7.25);
        Resampler rs = Resampler.of(Kernel.LINEAR).withOutside(policy);

        Volume f = rs.resampleToFloats(v, target);
        Volume fRef = rowWise(v, target, policy, Volume.ValueType.FLOAT);
        float[] a = f.floatArray();
        float[] b = fRef.floatArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-6 * Math.max(1, Math.abs(b[i])), "voxel " + i);
        }
        if (!floats) {
            Volume s = rs.resample(v, target);
            Volume sRef = rowWise(v, target, policy, v.type());
            short[] x = s.shortArray();
            short[] y = sRef.shortArray();
            int mask = v.type() == Volume.ValueType.SIGNED_SHORT ? -1 : 0xFFFF;
            for (int i = 0; i < x.length; i++) {
                assertTrue(Math.abs((x[i] & mask) - (y[i] & mask)) <= 1, "voxel " + i);
            }
        }
    }

    @Property(tries = 20)
    void separableOnAnExecutorGivesTheSameResult(@ForAll long seed) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 9, 8, 12);
        Volume v = TestVolumes.randomShorts(r, g, true);
        VolumeGeometry target = g.resampledGrid(0.3 + r.nextDouble() * 2, 0.3 + r.nextDouble() * 2,
                0.2 + r.nextDouble() * 2);
        ExecutorService ex = Executors.newFixedThreadPool(3);
        try {
            Resampler rs = Resampler.of(Kernel.LINEAR);
            org.junit.jupiter.api.Assertions.assertArrayEquals(rs.resample(v, target).shortArray(),
                    rs.resample(v, target, ex).shortArray());
        } finally {
            ex.shutdown();
        }
    }

    @Property(tries = 60)
    void shortsIntoTheOtherSignednessAreClampedLikeTheRowWisePath(@ForAll long seed, @ForAll boolean signed) {
        // Source and destination types differ: values leave the destination's range and are clamped.
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 1 + r.nextInt(12), 1 + r.nextInt(10), 1 + r.nextInt(7));
        Volume v = TestVolumes.randomShorts(r, g, signed);
        VolumeGeometry target = axisParallelTarget(r, g);
        Volume.ValueType other = signed ? Volume.ValueType.UNSIGNED_SHORT : Volume.ValueType.SIGNED_SHORT;
        Outside policy = r.nextBoolean() ? Outside.clamp() : Outside.constant(r.nextInt(200_000) - 100_000);
        Resampler rs = Resampler.of(Kernel.LINEAR).withOutside(policy);
        Volume out = Volume.allocate(target, other);
        rs.resampleInto(v, out);
        Volume ref = rowWise(v, target, policy, other);
        int mask = other == Volume.ValueType.SIGNED_SHORT ? -1 : 0xFFFF;
        short[] x = out.shortArray();
        short[] y = ref.shortArray();
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs((x[i] & mask) - (y[i] & mask)) <= 1, "voxel " + i);
        }
    }

    @Property(tries = 8)
    void aCtLikeResliceMatchesTheRowWisePath(@ForAll long seed, @ForAll boolean signed) {
        // Sizes where rows and planes are shared between output rows and slices, as in a real
        // 0.7 x 0.7 x 1.5 mm to 1 mm reslice.
        Random r = new Random(seed);
        VolumeGeometry g = VolumeGeometry.of(new org.joml.Vector3d(r.nextDouble() * 50, -20, 3),
                new org.joml.Vector3d(1, 0, 0), new org.joml.Vector3d(0, 1, 0), new org.joml.Vector3d(0, 0, 1),
                0.7, 0.7, 1.5, 40 + r.nextInt(30), 30 + r.nextInt(30), 6 + r.nextInt(8));
        Volume v = TestVolumes.randomShorts(r, g, signed);
        VolumeGeometry target = g.isotropic(0.6 + r.nextDouble() * 0.8);
        Volume out = Resampler.of(Kernel.LINEAR).resample(v, target);
        Volume ref = rowWise(v, target, Outside.constant(0), v.type());
        int mask = signed ? -1 : 0xFFFF;
        short[] x = out.shortArray();
        short[] y = ref.shortArray();
        int differ = 0;
        for (int i = 0; i < x.length; i++) {
            int d = Math.abs((x[i] & mask) - (y[i] & mask));
            assertTrue(d <= 1, "voxel " + i);
            differ += d;
        }
        // A one-unit difference needs a value within float error (~0.01) of a half: rare.
        assertTrue(differ <= x.length / 20, differ + " of " + x.length + " voxels differ by one");
    }
}
