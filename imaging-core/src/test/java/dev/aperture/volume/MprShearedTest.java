// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.junit.jupiter.api.Test;

/**
 * {@link Mpr} planes of a sheared (gantry-tilted) volume, sampled by {@link Resampler} with the
 * linear kernel, against a slow reference written here from the slice geometry alone: voxel to
 * patient from the slices' Image Position / Orientation (Patient) and Pixel Spacing, patient to
 * voxel by solving that 3 x 3 system with Cramer's rule, then trilinear interpolation with the
 * outside rule of {@link Outside} (edge voxels extended to the outer faces, a constant beyond).
 * Agreement within 1e-4 relative, for the three standard planes and an oblique one.
 */
class MprShearedTest {
    private static final double OUTSIDE = -7.25;

    /** A tilted acquisition: slice positions stepping along z while the planes lean by tiltDeg. */
    record Acquisition(double[] ipp0, double[] step, double[] iop, double rowSpacing, double colSpacing, int columns,
                       int rows, int slices) {
        List<SliceInfo> slicesGiven() {
            List<SliceInfo> out = new ArrayList<>();
            for (int k = slices - 1; k >= 0; k--) { // given last to first: the stack sorts them
                double[] p = {ipp0[0] + k * step[0], ipp0[1] + k * step[1], ipp0[2] + k * step[2]};
                out.add(new SliceInfo(p, iop, new double[] {rowSpacing, colSpacing}, rows, columns));
            }
            return out;
        }

        /** Voxel (i column, j row, k slice) to patient, straight from the DICOM definitions. */
        double[] toPatient(double i, double j, double k) {
            double[] p = new double[3];
            for (int a = 0; a < 3; a++) {
                p[a] = ipp0[a] + k * step[a] + i * colSpacing * iop[a] + j * rowSpacing * iop[3 + a];
            }
            return p;
        }

        /** Patient to voxel: solves toPatient(i, j, k) = p by Cramer's rule. */
        double[] toVoxel(double[] p) {
            double[] a = new double[3];
            double[] b = new double[3];
            double[] c = new double[3];
            double[] r = new double[3];
            for (int m = 0; m < 3; m++) {
                a[m] = colSpacing * iop[m];
                b[m] = rowSpacing * iop[3 + m];
                c[m] = step[m];
                r[m] = p[m] - ipp0[m];
            }
            double det = det(a, b, c);
            return new double[] {det(r, b, c) / det, det(a, r, c) / det, det(a, b, r) / det};
        }

        private static double det(double[] x, double[] y, double[] z) {
            return x[0] * (y[1] * z[2] - y[2] * z[1]) - y[0] * (x[1] * z[2] - x[2] * z[1])
                    + z[0] * (x[1] * y[2] - x[2] * y[1]);
        }
    }

    /** Trilinear at voxel coordinates (x, y, z) with the outside rule of {@link Outside#constant}. */
    static double reference(float[] v, int nx, int ny, int nz, double x, double y, double z) {
        if (x < -0.5 || y < -0.5 || z < -0.5 || x > nx - 0.5 || y > ny - 0.5 || z > nz - 0.5) {
            return OUTSIDE;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double fx = x - x0;
        double fy = y - y0;
        double fz = z - z0;
        double sum = 0;
        for (int dz = 0; dz < 2; dz++) {
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    int xi = Math.max(0, Math.min(nx - 1, x0 + dx));
                    int yi = Math.max(0, Math.min(ny - 1, y0 + dy));
                    int zi = Math.max(0, Math.min(nz - 1, z0 + dz));
                    double w = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy) * (dz == 0 ? 1 - fz : fz);
                    sum += w * v[(zi * ny + yi) * nx + xi];
                }
            }
        }
        return sum;
    }

    /** Whether a voxel coordinate lies within 1e-6 of the inside/outside boundary (either answer is right). */
    private static boolean nearBoundary(double[] q, int nx, int ny, int nz) {
        int[] n = {nx, ny, nz};
        for (int a = 0; a < 3; a++) {
            if (Math.abs(q[a] + 0.5) < 1e-6 || Math.abs(q[a] - (n[a] - 0.5)) < 1e-6) {
                return true;
            }
        }
        return false;
    }

    private static List<Acquisition> acquisitions() {
        List<Acquisition> out = new ArrayList<>();
        // Head CT tilted 20 degrees about the patient x axis: axial rows, columns leaning in y-z
        double t = Math.toRadians(20);
        out.add(new Acquisition(new double[] {-12, -8, 40}, new double[] {0, 0, 2.5},
                new double[] {1, 0, 0, 0, Math.cos(t), -Math.sin(t)}, 0.8, 0.6, 23, 19, 11));
        // An oblique orientation with a tilt of -12 degrees and a step that is not along any axis
        Vector3d row = new Vector3d(0.9, 0.3, 0.1).normalize();
        Vector3d col = new Vector3d(-0.2, 0.8, -0.5);
        col.fma(-col.dot(row), row).normalize();
        Vector3d normal = row.cross(col, new Vector3d());
        double tilt = Math.toRadians(-12);
        Vector3d step = new Vector3d(normal).mul(1.7 * Math.cos(tilt)).fma(1.7 * Math.sin(tilt), col);
        out.add(new Acquisition(new double[] {30, -5, -60}, new double[] {step.x, step.y, step.z},
                new double[] {row.x, row.y, row.z, col.x, col.y, col.z}, 0.7, 0.9, 17, 21, 13));
        return out;
    }

    @Test
    void planesOfAShearedVolumeMatchTheSlowReference() {
        Random random = new Random(2026);
        for (Acquisition acq : acquisitions()) {
            SliceStack stack = SliceStack.of(acq.slicesGiven(), SliceStack.DEFAULT_TOLERANCE, true);
            VolumeGeometry g = stack.geometry();
            assertTrue(g.isTilted(), "the stack is sheared");
            // The stack's affine is the acquisition's, at every corner
            Vector3d p = new Vector3d();
            for (int corner = 0; corner < 8; corner++) {
                int i = (corner & 1) * (acq.columns() - 1);
                int j = ((corner >> 1) & 1) * (acq.rows() - 1);
                int k = ((corner >> 2) & 1) * (acq.slices() - 1);
                g.indexToPatient(i, j, k, p);
                double[] e = acq.toPatient(i, j, k);
                assertEquals(0, p.distance(e[0], e[1], e[2]), 1e-9, "corner " + corner);
            }
            int nx = g.columns();
            int ny = g.rows();
            int nz = g.slices();
            float[] values = new float[nx * ny * nz];
            for (int n = 0; n < values.length; n++) {
                values[n] = (float) (random.nextGaussian() * 300 + 40);
            }
            Volume v = Volume.wrapFloats(g, values);
            Resampler linear = Resampler.of(Kernel.LINEAR).withOutside(Outside.constant(OUTSIDE));

            List<VolumeGeometry> planes = new ArrayList<>();
            for (Mpr.Orientation o : Mpr.Orientation.values()) {
                planes.add(Mpr.plane(g, o));
                // off centre, at another spacing
                Vector3dc c = Mpr.center(g);
                planes.add(Mpr.plane(g, o, new Vector3d(c).add(1.3, -2.1, 3.7), 0.45));
            }
            planes.add(Mpr.obliquePlane(g, Mpr.center(g), new Vector3d(1, 0.4, -0.3), new Vector3d(0.2, 0.1, 1), 0.8));
            int compared = 0;
            int inside = 0;
            for (VolumeGeometry plane : planes) {
                checkCoverage(g, plane);
                Volume out = linear.resample(v, plane);
                for (int y = 0; y < plane.rows(); y++) {
                    for (int x = 0; x < plane.columns(); x++) {
                        // the plane pixel's patient position from its origin, directions and spacing
                        Vector3dc o = plane.origin();
                        Vector3dc r = plane.rowDirection();
                        Vector3dc cdir = plane.columnDirection();
                        double[] q = acq.toVoxel(new double[] {
                            o.x() + x * plane.spacingX() * r.x() + y * plane.spacingY() * cdir.x(),
                            o.y() + x * plane.spacingX() * r.y() + y * plane.spacingY() * cdir.y(),
                            o.z() + x * plane.spacingX() * r.z() + y * plane.spacingY() * cdir.z()});
                        if (nearBoundary(q, nx, ny, nz)) {
                            continue;
                        }
                        double e = reference(values, nx, ny, nz, q[0], q[1], q[2]);
                        double got = out.value(x, y, 0);
                        int px = x;
                        int py = y;
                        assertEquals(e, got, 1e-4 * Math.max(1, Math.abs(e)),
                                () -> "pixel (" + px + ", " + py + ") at voxel " + java.util.Arrays.toString(q));
                        compared++;
                        inside += e == OUTSIDE ? 0 : 1;
                    }
                }
            }
            assertTrue(inside > compared / 4 && inside < compared, "inside " + inside + " of " + compared);
        }
    }

    /**
     * The plane's pixel grid holds the projection of every voxel-centre corner of the sheared
     * volume, and its rows and columns run along the plane's directions.
     */
    private static void checkCoverage(VolumeGeometry g, VolumeGeometry plane) {
        assertEquals(1, plane.slices());
        Vector3d p = new Vector3d();
        Vector3d q = new Vector3d();
        for (int corner = 0; corner < 8; corner++) {
            g.indexToPatient((corner & 1) * (g.columns() - 1.0), ((corner >> 1) & 1) * (g.rows() - 1.0),
                    ((corner >> 2) & 1) * (g.slices() - 1.0), p);
            plane.patientToIndex(p, q);
            double e = 1e-6;
            // n = floor(extent / spacing) + 1 pixels: the far corner lies less than one pixel past the last
            assertTrue(q.x > -e && q.y > -e && q.x < plane.columns() + e && q.y < plane.rows() + e,
                    "corner " + corner + " projects to " + q);
        }
    }

    @Test
    void standardPlanesKeepTheirPatientDirectionsAndPassThroughTheCentre() {
        for (Acquisition acq : acquisitions()) {
            VolumeGeometry g = SliceStack.of(acq.slicesGiven(), SliceStack.DEFAULT_TOLERANCE, true).geometry();
            double[] centre = acq.toPatient((acq.columns() - 1) / 2.0, (acq.rows() - 1) / 2.0, (acq.slices() - 1) / 2.0);
            assertEquals(0, Mpr.center(g).distance(centre[0], centre[1], centre[2]), 1e-9);
            for (Mpr.Orientation o : Mpr.Orientation.values()) {
                VolumeGeometry plane = Mpr.plane(g, o);
                assertEquals(0, plane.rowDirection().distance(o.rowDirection()), 1e-12, o.toString());
                assertEquals(0, plane.columnDirection().distance(o.columnDirection()), 1e-12, o.toString());
                double s = Math.min(g.spacingX(), Math.min(g.spacingY(), g.spacingZ()));
                assertEquals(s, plane.spacingX(), 1e-12);
                assertEquals(s, plane.spacingY(), 1e-12);
                // the centre lies in the plane
                Vector3d q = plane.patientToIndex(new Vector3d(centre[0], centre[1], centre[2]), new Vector3d());
                assertEquals(0, q.z, 1e-9, o.toString());
            }
        }
    }
}
