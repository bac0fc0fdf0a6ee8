// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.joml.Matrix4d;
import org.joml.Vector3d;

/** Properties of {@link Resampler} on random volumes and geometries. */
class ResamplerProperties {

    @Property(tries = 60)
    void identityReproducesShortsExactly(@ForAll long seed, @ForAll Kernel kernel, @ForAll boolean signed) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 1 + r.nextInt(9), 1 + r.nextInt(9), 1 + r.nextInt(6));
        Volume v = TestVolumes.randomShorts(r, g, signed);
        Volume out = Resampler.of(kernel).resample(v, g);
        assertArrayEquals(v.shortArray(), out.shortArray());
    }

    @Property(tries = 60)
    void identityReproducesFloatsExactly(@ForAll long seed, @ForAll Kernel kernel) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 1 + r.nextInt(9), 1 + r.nextInt(9), 1 + r.nextInt(6));
        Volume v = TestVolumes.randomFloats(r, g);
        Volume out = Resampler.of(kernel).resample(v, g);
        if (kernel == Kernel.B_SPLINE) {
            // Prefilter then evaluate at the samples: exact up to float rounding.
            float[] a = v.floatArray();
            float[] b = out.floatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-3);
            }
        } else {
            assertArrayEquals(v.floatArray(), out.floatArray());
        }
    }

    @Property(tries = 60)
    void integerTranslationShiftsExactly(@ForAll long seed, @ForAll Kernel kernel,
                                         @ForAll @IntRange(min = -4, max = 4) int tx,
                                         @ForAll @IntRange(min = -4, max = 4) int ty,
                                         @ForAll @IntRange(min = -3, max = 3) int tz) {
        Random r = new Random(seed);
        int nx = 2 + r.nextInt(8);
        int ny = 2 + r.nextInt(8);
        int nz = 2 + r.nextInt(5);
        VolumeGeometry g = TestVolumes.randomGeometry(r, nx, ny, nz);
        Volume v = TestVolumes.randomShorts(r, g, true);
        // Target voxel (i, j, k) sits on source voxel (i + tx, j + ty, k + tz).
        Matrix4d m = new Matrix4d(g.indexToPatient()).translate(tx, ty, tz);
        VolumeGeometry target = VolumeGeometry.ofAffine(m, nx, ny, nz);
        Volume out = Resampler.of(kernel).withOutside(Outside.constant(-7)).resample(v, target);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int si = i + tx;
                    int sj = j + ty;
                    int sk = k + tz;
                    boolean inside = si >= 0 && si < nx && sj >= 0 && sj < ny && sk >= 0 && sk < nz;
                    double expected = inside ? v.value(si, sj, sk) : -7;
                    assertEquals(expected, out.value(i, j, k), 0.0, kernel + " at " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Property(tries = 40)
    void linearAndCubicReproduceARamp(@ForAll long seed) {
        Random r = new Random(seed);
        // Large enough that the B-spline's mirror boundary (its error falls as 0.27^distance) is
        // negligible 8 voxels in.
        int nx = 24;
        int ny = 23;
        int nz = 22;
        VolumeGeometry g = TestVolumes.randomGeometry(r, nx, ny, nz);
        double a = r.nextDouble() * 10 - 5;
        double b = r.nextDouble() * 10 - 5;
        double c = r.nextDouble() * 10 - 5;
        double d = r.nextDouble() * 100;
        float[] f = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    f[(k * ny + j) * nx + i] = (float) (a * i + b * j + c * k + d);
                }
            }
        }
        Volume v = Volume.wrapFloats(g, f);
        // A rotated, scaled grid well inside the source (8 voxels from every face).
        Matrix4d t = new Matrix4d().translate(8.2, 8.1, 8.3)
                .rotateXYZ(r.nextDouble() * 0.5, r.nextDouble() * 0.5, r.nextDouble() * 0.5).scale(0.7);
        VolumeGeometry target = VolumeGeometry.ofAffine(new Matrix4d(g.indexToPatient()).mul(t), 6, 5, 5);
        for (Kernel kernel : new Kernel[] {Kernel.LINEAR, Kernel.CATMULL_ROM, Kernel.B_SPLINE}) {
            Volume out = Resampler.of(kernel).resample(v, target);
            Vector3d p = new Vector3d();
            for (int k = 0; k < 5; k++) {
                for (int j = 0; j < 5; j++) {
                    for (int i = 0; i < 6; i++) {
                        t.transformPosition(i, j, k, p);
                        double expected = a * p.x + b * p.y + c * p.z + d;
                        double tol = kernel == Kernel.B_SPLINE ? 1e-3 : 1e-4;
                        assertEquals(expected, out.value(i, j, k), tol * Math.max(1, Math.abs(expected)),
                                kernel.toString());
                    }
                }
            }
        }
    }

    @Property(tries = 30)
    void areaDownsamplingPreservesTheMean(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int factor) {
        Random r = new Random(seed);
        int nx = factor * (1 + r.nextInt(5));
        int ny = factor * (1 + r.nextInt(5));
        int nz = factor * (1 + r.nextInt(3));
        VolumeGeometry g = TestVolumes.randomGeometry(r, nx, ny, nz);
        Volume v = TestVolumes.randomFloats(r, g);
        // Output voxel boxes tile the input: centres at (factor - 1) / 2 + factor * i.
        double o = (factor - 1) / 2.0;
        Matrix4d t = new Matrix4d().translate(o, o, o).scale(factor);
        VolumeGeometry target = VolumeGeometry.ofAffine(new Matrix4d(g.indexToPatient()).mul(t),
                nx / factor, ny / factor, nz / factor);
        Volume out = Resampler.of(Kernel.AREA).resample(v, target);
        assertEquals(mean(v.floatArray()), mean(out.floatArray()), 1e-3);
    }

    @Property(tries = 30)
    void areaOnTheResampleGridKeepsTheMeanApproximately(@ForAll long seed) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.axisAligned(0.7, 0.7, 2.5, 40, 30, 8);
        float[] f = new float[40 * 30 * 8];
        for (int i = 0; i < f.length; i++) {
            f[i] = 100 + (float) r.nextGaussian() * 20;
        }
        Volume out = Resampler.of(Kernel.AREA).resample(Volume.wrapFloats(g, f), g.isotropic(2.1));
        assertEquals(mean(f), mean(out.floatArray()), 1.5);
    }

    @Property(tries = 40)
    void neverReadsOutsideTheSource(@ForAll long seed, @ForAll Kernel kernel, @ForAll boolean clamp) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 1 + r.nextInt(7), 1 + r.nextInt(7), 1 + r.nextInt(5));
        Volume v = TestVolumes.randomShorts(r, g, r.nextBoolean());
        VolumeGeometry target = TestVolumes.randomTarget(r, g, 1 + r.nextInt(9), 1 + r.nextInt(9), 1 + r.nextInt(5));
        Resampler rs = Resampler.of(kernel).withOutside(clamp ? Outside.clamp() : Outside.constant(3));
        Volume out = rs.resampleToFloats(v, target);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    lo = Math.min(lo, v.value(i, j, k));
                    hi = Math.max(hi, v.value(i, j, k));
                }
            }
        }
        boolean convex = kernel == Kernel.NEAREST || kernel == Kernel.LINEAR || kernel == Kernel.AREA;
        for (float x : out.floatArray()) {
            assertTrue(Float.isFinite(x));
            if (convex) {
                assertTrue(x == 3 && !clamp || x >= lo - 1e-2 && x <= hi + 1e-2, "value within the source range");
            }
        }
        // Also with a far-away target and a huge one.
        Matrix4d far = new Matrix4d(g.indexToPatient()).translate(1e7, -1e8, 3e6).scale(1e5);
        Volume o2 = rs.resampleToFloats(v, VolumeGeometry.ofAffine(far, 3, 3, 2));
        for (float x : o2.floatArray()) {
            assertTrue(Float.isFinite(x));
        }
    }

    @Property(tries = 50)
    void trilinearMatchesASlowReference(@ForAll long seed, @ForAll boolean clamp) {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 2 + r.nextInt(10), 2 + r.nextInt(10), 1 + r.nextInt(8));
        Volume v = r.nextBoolean() ? TestVolumes.randomFloats(r, g) : TestVolumes.randomShorts(r, g, r.nextBoolean());
        VolumeGeometry target = TestVolumes.randomTarget(r, g, 1 + r.nextInt(12), 1 + r.nextInt(12), 1 + r.nextInt(6));
        Outside policy = clamp ? Outside.clamp() : Outside.constant(-5);
        Volume out = Resampler.of(Kernel.LINEAR).withOutside(policy).resampleToFloats(v, target);
        Matrix4d toPatient = new Matrix4d(target.indexToPatient());
        Matrix4d toIndex = new Matrix4d(g.indexToPatient()).invert();
        Vector3d p = new Vector3d();
        for (int k = 0; k < target.slices(); k++) {
            for (int j = 0; j < target.rows(); j++) {
                for (int i = 0; i < target.columns(); i++) {
                    toPatient.transformPosition(i, j, k, p);
                    toIndex.transformPosition(p);
                    double expected = referenceTrilinear(v, p.x, p.y, p.z, clamp, -5);
                    double actual = out.value(i, j, k);
                    assertEquals(expected, actual, 1e-4 * Math.max(1, Math.abs(expected)));
                }
            }
        }
    }

    @Property(tries = 30)
    void trilinearOnResampledGridsMatchesASlowReference(@ForAll long seed) {
        // Grids with the source's orientation take the row-parallel path (rows blended once).
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 2 + r.nextInt(30), 2 + r.nextInt(20), 2 + r.nextInt(8));
        Volume v = r.nextBoolean() ? TestVolumes.randomFloats(r, g) : TestVolumes.randomShorts(r, g, r.nextBoolean());
        VolumeGeometry target = g.resampledGrid(g.spacingX() * (0.3 + r.nextDouble()),
                g.spacingY() * (0.3 + r.nextDouble() * 2), g.spacingZ() * (0.3 + r.nextDouble() * 2));
        Volume out = Resampler.of(Kernel.LINEAR).resampleToFloats(v, target);
        Matrix4d toPatient = new Matrix4d(target.indexToPatient());
        Matrix4d toIndex = new Matrix4d(g.indexToPatient()).invert();
        Vector3d p = new Vector3d();
        for (int k = 0; k < target.slices(); k++) {
            for (int j = 0; j < target.rows(); j++) {
                for (int i = 0; i < target.columns(); i++) {
                    toPatient.transformPosition(i, j, k, p);
                    toIndex.transformPosition(p);
                    double expected = referenceTrilinear(v, p.x, p.y, p.z, false, 0);
                    assertEquals(expected, out.value(i, j, k), 1e-4 * Math.max(1, Math.abs(expected)));
                }
            }
        }
    }

    @Property(tries = 40)
    void inPlaneObliqueRowsMatchTheSlowReference(@ForAll long seed, @ForAll boolean signed) {
        // Rows rotated within the source's slices (dz = 0 along every row) take the fixed-z loop.
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 2 + r.nextInt(20), 2 + r.nextInt(20), 2 + r.nextInt(6));
        Volume v = TestVolumes.randomShorts(r, g, signed);
        Matrix4d t = new Matrix4d()
                .translate(r.nextDouble() * g.columns() * 0.5, r.nextDouble() * g.rows() * 0.5, r.nextDouble() * g.slices())
                .rotateZ(r.nextDouble() * 6.3)
                .scale(0.3 + r.nextDouble(), 0.3 + r.nextDouble(), 0.3 + r.nextDouble());
        VolumeGeometry target = VolumeGeometry.ofAffine(new Matrix4d(g.indexToPatient()).mul(t), 1 + r.nextInt(30),
                1 + r.nextInt(30), 1 + r.nextInt(4));
        Matrix4d m = g.targetToIndex(target);
        assertEquals(0.0, m.m02(), 0.0, "rows stay in a slice");
        Volume out = Resampler.of(Kernel.LINEAR).resampleToFloats(v, target);
        Vector3d p = new Vector3d();
        for (int k = 0; k < target.slices(); k++) {
            for (int j = 0; j < target.rows(); j++) {
                for (int i = 0; i < target.columns(); i++) {
                    double x = m.m00() * i + m.m10() * j + m.m20() * k + m.m30();
                    double y = m.m01() * i + m.m11() * j + m.m21() * k + m.m31();
                    double z = m.m12() * j + m.m22() * k + m.m32();
                    double expected = referenceTrilinear(v, x, y, z, false, 0);
                    double actual = out.value(i, j, k);
                    assertEquals(expected, actual, Math.ulp((float) expected) + 1e-6, i + "," + j + "," + k);
                }
            }
        }
    }

    /** Obviously correct trilinear: eight voxel reads per point, edges replicated. */
    static double referenceTrilinear(Volume v, double x, double y, double z, boolean clamp, double outside) {
        VolumeGeometry g = v.geometry();
        int nx = g.columns();
        int ny = g.rows();
        int nz = g.slices();
        if (clamp) {
            x = Math.max(0, Math.min(nx - 1, x));
            y = Math.max(0, Math.min(ny - 1, y));
            z = Math.max(0, Math.min(nz - 1, z));
        } else if (x < -0.5 || x > nx - 0.5 || y < -0.5 || y > ny - 0.5 || z < -0.5 || z > nz - 0.5) {
            return outside;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double sum = 0;
        for (int dz = 0; dz <= 1; dz++) {
            for (int dy = 0; dy <= 1; dy++) {
                for (int dx = 0; dx <= 1; dx++) {
                    double w = (dx == 0 ? 1 - (x - x0) : x - x0) * (dy == 0 ? 1 - (y - y0) : y - y0)
                            * (dz == 0 ? 1 - (z - z0) : z - z0);
                    int xi = Math.max(0, Math.min(nx - 1, x0 + dx));
                    int yi = Math.max(0, Math.min(ny - 1, y0 + dy));
                    int zi = Math.max(0, Math.min(nz - 1, z0 + dz));
                    sum += w * v.value(xi, yi, zi);
                }
            }
        }
        return sum;
    }

    @Property(tries = 10)
    void executorGivesTheSameResult(@ForAll long seed, @ForAll Kernel kernel) throws Exception {
        Random r = new Random(seed);
        VolumeGeometry g = TestVolumes.randomGeometry(r, 9, 8, 7);
        Volume v = TestVolumes.randomShorts(r, g, true);
        VolumeGeometry target = TestVolumes.randomTarget(r, g, 10, 9, 8);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            Volume a = Resampler.of(kernel).resample(v, target);
            Volume b = Resampler.of(kernel).resample(v, target, ex);
            assertArrayEquals(a.shortArray(), b.shortArray());
        } finally {
            ex.shutdown();
        }
    }

    static double mean(float[] f) {
        double s = 0;
        for (float x : f) {
            s += x;
        }
        return s / f.length;
    }
}
