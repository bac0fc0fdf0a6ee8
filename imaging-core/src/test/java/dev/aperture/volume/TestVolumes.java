// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.Random;
import org.joml.Matrix4d;
import org.joml.Vector3d;

/** Random volumes and geometries for the tests. */
final class TestVolumes {
    private TestVolumes() {
    }

    /** A geometry with random origin, rotation and spacings. */
    static VolumeGeometry randomGeometry(Random r, int nx, int ny, int nz) {
        Matrix4d rot = new Matrix4d().rotateXYZ(r.nextDouble() * 6.3, r.nextDouble() * 6.3, r.nextDouble() * 6.3);
        Vector3d a = rot.getColumn(0, new Vector3d());
        Vector3d b = rot.getColumn(1, new Vector3d());
        Vector3d c = rot.getColumn(2, new Vector3d());
        Vector3d o = new Vector3d(r.nextDouble() * 400 - 200, r.nextDouble() * 400 - 200, r.nextDouble() * 400 - 200);
        return VolumeGeometry.of(o, a, b, c, 0.2 + r.nextDouble() * 3, 0.2 + r.nextDouble() * 3,
                0.2 + r.nextDouble() * 5, nx, ny, nz);
    }

    /** An axis-aligned geometry at the origin with the given spacings. */
    static VolumeGeometry axisAligned(double sx, double sy, double sz, int nx, int ny, int nz) {
        return VolumeGeometry.of(new Vector3d(), new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1),
                sx, sy, sz, nx, ny, nz);
    }

    static Volume randomFloats(Random r, VolumeGeometry g) {
        float[] f = new float[(int) g.voxelCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (r.nextDouble() * 2000 - 1000);
        }
        return Volume.wrapFloats(g, f);
    }

    static Volume randomShorts(Random r, VolumeGeometry g, boolean signed) {
        short[] s = new short[(int) g.voxelCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) r.nextInt(65536);
        }
        return Volume.wrapShorts(g, s, signed);
    }

    /**
     * A target geometry: the source's affine composed with a random affine of index space
     * (rotation, anisotropic scale, shear and translation), so some of it lies outside.
     */
    static VolumeGeometry randomTarget(Random r, VolumeGeometry src, int nx, int ny, int nz) {
        Matrix4d t = new Matrix4d()
                .translate(r.nextDouble() * src.columns() * 1.5 - src.columns() * 0.5,
                        r.nextDouble() * src.rows() * 1.5 - src.rows() * 0.5,
                        r.nextDouble() * src.slices() * 1.5 - src.slices() * 0.5)
                .rotateXYZ(r.nextDouble() * 6.3, r.nextDouble() * 6.3, r.nextDouble() * 6.3)
                .scale(0.2 + r.nextDouble() * 2.5, 0.2 + r.nextDouble() * 2.5, 0.2 + r.nextDouble() * 2.5);
        t.m10(t.m10() + (r.nextDouble() - 0.5) * 0.5); // shear
        Matrix4d m = new Matrix4d(src.indexToPatient()).mul(t);
        return VolumeGeometry.ofAffine(m, nx, ny, nz);
    }
}
