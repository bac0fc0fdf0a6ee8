// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import java.util.Objects;
import java.util.concurrent.Executor;
import org.joml.Matrix4d;
import org.joml.Vector3d;
import org.joml.Vector3dc;

/**
 * Resamples a {@link Volume} onto another grid: isotropic or any spacing
 * ({@link VolumeGeometry#resampledGrid}), any target geometry, an oblique plane, or a slab
 * (MIP, MinIP, mean) around a plane. Values keep the source's units: a short source gives
 * a short result (rounded half up, clamped to the type's range), a float source a float result,
 * or ask for floats with {@link #resampleToFloats}.
 *
 * <p>How it runs: the affine from target voxel index to source voxel index is composed once; each
 * destination row then gets its start point and per-column step from it, and the
 * {@link Kernel kernel} samples the row (see the package-private {@code VolumeSampler}). Trilinear
 * onto a grid whose axes are parallel to the source's (isotropic and {@link VolumeGeometry#resampledGrid}
 * targets) runs as separable passes instead, sharing each source slice's in-plane resampling
 * between the output slices that read it (package-private {@code SeparableLinear}). Work is
 * split over destination rows, in contiguous chunks of whole slices when there are many, on the
 * {@link Executor} the caller passes (methods without one run on the calling thread). The source
 * is only read, so several resamplings of one volume may run at once.
 *
 * <p>Immutable and thread-safe.
 */
public final class Resampler {
    private final Kernel kernel;
    private final Outside outside;

    private Resampler(Kernel kernel, Outside outside) {
        this.kernel = kernel;
        this.outside = outside;
    }

    /**
     * A resampler with the given kernel and outside points set to 0.
     *
     * @param kernel the kernel
     * @return the resampler
     */
    public static Resampler of(Kernel kernel) {
        return new Resampler(Objects.requireNonNull(kernel, "kernel"), Outside.constant(0));
    }

    /**
     * Returns a copy with another outside policy.
     *
     * @param outside the policy
     * @return the new resampler
     */
    public Resampler withOutside(Outside outside) {
        return new Resampler(kernel, Objects.requireNonNull(outside, "outside"));
    }

    /** Returns the kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /** Returns the outside policy. */
    public Outside outside() {
        return outside;
    }

    /**
     * Resamples onto {@code target} on the calling thread.
     *
     * @param source the source
     * @param target the new grid
     * @return a new volume of the source's value type
     * @throws dev.aperture.imaging.LimitExceededException if the target exceeds {@link Volume#MAX_VOXELS}
     */
    public Volume resample(Volume source, VolumeGeometry target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Volume out = Volume.allocate(target, source.type());
        into(source, out, null);
        return out;
    }

    /**
     * Resamples onto {@code target}, splitting the work on {@code executor}.
     *
     * @param source   the source
     * @param target   the new grid
     * @param executor runs the chunks
     * @return a new volume of the source's value type
     * @throws dev.aperture.imaging.LimitExceededException if the target exceeds {@link Volume#MAX_VOXELS}
     */
    public Volume resample(Volume source, VolumeGeometry target, Executor executor) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(executor, "executor");
        Volume out = Volume.allocate(target, source.type());
        into(source, out, executor);
        return out;
    }

    /**
     * Resamples onto {@code target} into float values, on the calling thread.
     *
     * @param source the source
     * @param target the new grid
     * @return a new float volume
     */
    public Volume resampleToFloats(Volume source, VolumeGeometry target) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Volume out = Volume.allocate(target, Volume.ValueType.FLOAT);
        into(source, out, null);
        return out;
    }

    /**
     * Resamples into a caller-owned volume on the calling thread; see
     * {@link #resampleInto(Volume, Volume, Executor)}.
     *
     * @param source      the source
     * @param destination receives the values; must not share its array with the source
     */
    public void resampleInto(Volume source, Volume destination) {
        into(source, destination, null);
    }

    /**
     * Resamples into a caller-owned volume: its geometry is the target grid, its type the output
     * type (short outputs are rounded half up and clamped to the type's range).
     *
     * @param source      the source
     * @param destination receives the values; must not share its array with the source
     * @param executor    runs the chunks
     */
    public void resampleInto(Volume source, Volume destination, Executor executor) {
        into(source, destination, Objects.requireNonNull(executor, "executor"));
    }

    /** The work of the resample methods; a null executor runs on the calling thread. */
    private void into(Volume source, Volume destination, Executor executor) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        VolumeGeometry target = destination.geometry();
        Matrix4d m = source.geometry().targetToIndex(target);
        if (kernel == Kernel.LINEAR && SeparableLinear.applies(m, target)) {
            new SeparableLinear(source, m, target, outside.clamped(), outside.value()).run(destination, executor);
            return;
        }
        VolumeSampler sampler = new VolumeSampler(source, kernel, outside.clamped(), outside.value(),
                footprint(m, true));
        int nx = target.columns();
        int ny = target.rows();
        int nz = target.slices();
        Parallel.run(executor, ny * nz, (from, to) -> {
            double[] row = new double[nx];
            VolumeSampler.Scratch sc = sampler.newScratch(nx);
            RowStore store = new RowStore(destination);
            for (int r = from; r < to; r++) {
                int k = r / ny;
                int j = r - k * ny;
                // Start of the row: M (0, j, k); step per column: first column of M.
                double x0 = m.m10() * j + m.m20() * k + m.m30();
                double y0 = m.m11() * j + m.m21() * k + m.m31();
                double z0 = m.m12() * j + m.m22() * k + m.m32();
                sampler.sampleRow(x0, y0, z0, m.m00(), m.m01(), m.m02(), nx, row, sc);
                store.store(row, nx, r * nx);
            }
        });
    }

    /**
     * Projects a slab of the source onto a plane: for each pixel of {@code plane} (its first slice),
     * samples the source at points spread evenly across {@code thicknessMm} along the plane's
     * slice direction, centred on the plane, at most {@code stepMm} apart, and combines them with
     * {@code mode}. Samples outside the source are ignored; a pixel with none inside takes the
     * outside value (clamping never leaves a pixel without samples).
     *
     * @param source      the source
     * @param plane       the output grid; only its first slice is used, and the result has one slice
     * @param thicknessMm slab thickness, mm, &ge; 0 (0: a plain plane)
     * @param stepMm      largest distance between samples across the slab, mm, &gt; 0
     * @param mode        how samples combine
     * @param executor    runs the chunks
     * @return a new one-slice volume of the source's value type
     */
    public Volume slab(Volume source, VolumeGeometry plane, double thicknessMm, double stepMm, SlabMode mode,
                       Executor executor) {
        return slabOn(source, plane, thicknessMm, stepMm, mode, Objects.requireNonNull(executor, "executor"));
    }

    /**
     * {@link #slab(Volume, VolumeGeometry, double, double, SlabMode, Executor)} on the calling thread.
     *
     * @param source      the source
     * @param plane       the output grid; only its first slice is used
     * @param thicknessMm slab thickness, mm, &ge; 0
     * @param stepMm      largest distance between samples across the slab, mm, &gt; 0
     * @param mode        how samples combine
     * @return a new one-slice volume of the source's value type
     */
    public Volume slab(Volume source, VolumeGeometry plane, double thicknessMm, double stepMm, SlabMode mode) {
        return slabOn(source, plane, thicknessMm, stepMm, mode, null);
    }

    private Volume slabOn(Volume source, VolumeGeometry plane, double thicknessMm, double stepMm, SlabMode mode,
                          Executor executor) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(mode, "mode");
        if (!(thicknessMm >= 0) || !Double.isFinite(thicknessMm) || !(stepMm > 0) || !Double.isFinite(stepMm)) {
            throw new IllegalArgumentException("thickness must be >= 0 and step > 0, both finite");
        }
        double samples = Math.ceil(thicknessMm / stepMm - 1e-9) + 1;
        if (samples > 100_000) {
            throw new IllegalArgumentException("too many samples across the slab");
        }
        int ns = thicknessMm == 0 ? 1 : (int) samples;
        VolumeGeometry target = VolumeGeometry.ofAffine(plane.indexToPatient(), plane.columns(), plane.rows(), 1);
        Volume out = Volume.allocate(target, source.type());
        Matrix4d m = source.geometry().targetToIndex(target);
        // Offset between samples across the slab, in source voxel coordinates.
        Vector3dc n = plane.sliceDirection();
        Vector3d stepVox = new Vector3d(n).mul(ns > 1 ? thicknessMm / (ns - 1) : 0);
        new Matrix4d(source.geometry().patientToIndex()).transformDirection(stepVox);
        double sx = stepVox.x;
        double sy = stepVox.y;
        double sz = stepVox.z;
        double half = (ns - 1) / 2.0;
        VolumeSampler sampler = new VolumeSampler(source, kernel, outside.clamped(), Double.NaN, footprint(m, false));
        double outsideValue = outside.value();
        int nx = target.columns();
        int ny = target.rows();
        Parallel.run(executor, ny, (from, to) -> {
            double[] row = new double[nx];
            double[] acc = new double[nx];
            int[] count = new int[nx];
            VolumeSampler.Scratch sc = sampler.newScratch(nx);
            RowStore store = new RowStore(out);
            for (int j = from; j < to; j++) {
                double x0 = m.m10() * j + m.m30();
                double y0 = m.m11() * j + m.m31();
                double z0 = m.m12() * j + m.m32();
                java.util.Arrays.fill(count, 0, nx, 0);
                java.util.Arrays.fill(acc, 0, nx, mode == SlabMode.MAX ? Double.NEGATIVE_INFINITY
                        : mode == SlabMode.MIN ? Double.POSITIVE_INFINITY : 0.0);
                for (int s = 0; s < ns; s++) {
                    double t = s - half;
                    sampler.sampleRow(x0 + t * sx, y0 + t * sy, z0 + t * sz, m.m00(), m.m01(), m.m02(), nx, row, sc);
                    combine(mode, row, acc, count, nx);
                }
                for (int c = 0; c < nx; c++) {
                    int k = count[c];
                    acc[c] = k == 0 ? outsideValue : (mode == SlabMode.MEAN ? acc[c] / k : acc[c]);
                }
                store.store(acc, nx, j * nx);
            }
        });
        return out;
    }

    private static void combine(SlabMode mode, double[] row, double[] acc, int[] count, int n) {
        // NaN marks an outside sample: every comparison with NaN is false, so it is skipped.
        switch (mode) {
            case MAX:
                for (int c = 0; c < n; c++) {
                    double v = row[c];
                    if (v == v) {
                        count[c]++;
                        if (v > acc[c]) {
                            acc[c] = v;
                        }
                    }
                }
                break;
            case MIN:
                for (int c = 0; c < n; c++) {
                    double v = row[c];
                    if (v == v) {
                        count[c]++;
                        if (v < acc[c]) {
                            acc[c] = v;
                        }
                    }
                }
                break;
            default:
                for (int c = 0; c < n; c++) {
                    double v = row[c];
                    if (v == v) {
                        count[c]++;
                        acc[c] += v;
                    }
                }
        }
    }

    /** The target voxel's extent along each source axis, in source voxels (for the area kernel). */
    private static double[] footprint(Matrix4d m, boolean acrossToo) {
        double kz = acrossToo ? 1 : 0; // a slab's plane takes its extent across from the slab samples
        return new double[] {
            Math.abs(m.m00()) + Math.abs(m.m10()) + kz * Math.abs(m.m20()),
            Math.abs(m.m01()) + Math.abs(m.m11()) + kz * Math.abs(m.m21()),
            Math.abs(m.m02()) + Math.abs(m.m12()) + kz * Math.abs(m.m22())
        };
    }

    /** Writes float rows into a volume of any type; the type switch happens once per row. */
    static final class RowStore {
        private final short[] shorts;
        private final float[] floats;
        private final double lo;
        private final double hi;

        RowStore(Volume v) {
            if (v.type() == Volume.ValueType.FLOAT) {
                floats = v.floatArray();
                shorts = null;
                lo = 0;
                hi = 0;
            } else {
                shorts = v.shortArray();
                floats = null;
                boolean signed = v.type() == Volume.ValueType.SIGNED_SHORT;
                lo = signed ? Short.MIN_VALUE : 0;
                hi = signed ? Short.MAX_VALUE : 0xFFFF;
            }
        }

        /**
         * Writes {@code n} values at {@code offset}: columns {@code [from, to)} get
         * {@code a[o + c] + f (b[o + c] - a[o + c])}, the others {@code outside}; rounded and
         * clamped as {@link #store}.
         */
        void blend(double[] a, double[] b, double f, int o, int from, int to, double outside, int n, int offset) {
            if (floats != null) {
                final float[] d = floats;
                float out = (float) outside;
                java.util.Arrays.fill(d, offset, offset + from, out);
                for (int c = from; c < to; c++) {
                    double v0 = a[o + c];
                    d[offset + c] = (float) (v0 + f * (b[o + c] - v0));
                }
                java.util.Arrays.fill(d, offset + to, offset + n, out);
                return;
            }
            final short[] d = shorts;
            final double l = lo;
            final double h = hi;
            short out = roundClamp(outside);
            java.util.Arrays.fill(d, offset, offset + from, out);
            for (int c = from; c < to; c++) {
                double v0 = a[o + c];
                double v = v0 + f * (b[o + c] - v0);
                v = v < l ? l : (v > h ? h : v);
                d[offset + c] = (short) (int) Math.floor(v + 0.5);
            }
            java.util.Arrays.fill(d, offset + to, offset + n, out);
        }

        private short roundClamp(double v) {
            v = v < lo ? lo : (v > hi ? hi : v);
            return (short) (int) Math.floor(v + 0.5);
        }

        void store(double[] row, int n, int offset) {
            if (floats != null) {
                final float[] f = floats;
                for (int c = 0; c < n; c++) {
                    f[offset + c] = (float) row[c];
                }
                return;
            }
            final short[] s = shorts;
            final double l = lo;
            final double h = hi;
            for (int c = 0; c < n; c++) {
                double v = row[c];
                v = v < l ? l : (v > h ? h : v);
                // floor(v + 0.5): round half up; (int) of NaN is 0.
                s[offset + c] = (short) (int) Math.floor(v + 0.5);
            }
        }
    }
}
