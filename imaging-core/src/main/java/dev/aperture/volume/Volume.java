// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import dev.aperture.imaging.LimitExceededException;
import java.util.Objects;

/**
 * Voxel values on a {@link VolumeGeometry}, held once in one primitive array in x-fastest order:
 * the value of voxel {@code (x, y, z)} is at {@code (z * rows + y) * columns + x}.
 *
 * <p>Values are either stored values ({@code short}, signed or unsigned 16-bit, as in the Pixel
 * Data) or modality units ({@code float}, e.g. Hounsfield units after Rescale Slope and Intercept,
 * PS3.3 C.11.1.1.2).
 *
 * <p>Ownership: a {@code Volume} wraps its array without copying; {@link #shortArray()} and
 * {@link #floatArray()} return that live array. The wrapper is immutable; share a volume between
 * threads only as you would share the array (reading concurrently is safe, writing is not).
 */
public final class Volume {
    /** The type of the values of a volume. */
    public enum ValueType {
        /** Signed 16-bit stored values in a {@code short[]}. */
        SIGNED_SHORT,
        /** Unsigned 16-bit stored values in a {@code short[]} (read as {@code v & 0xFFFF}). */
        UNSIGNED_SHORT,
        /** Values (typically modality units) in a {@code float[]}. */
        FLOAT
    }

    /** Largest number of voxels one volume may hold (one Java array). */
    public static final long MAX_VOXELS = Integer.MAX_VALUE - 8;

    private final VolumeGeometry geometry;
    private final ValueType type;
    private final short[] shorts;
    private final float[] floats;

    private Volume(VolumeGeometry geometry, ValueType type, short[] shorts, float[] floats) {
        this.geometry = geometry;
        this.type = type;
        this.shorts = shorts;
        this.floats = floats;
    }

    /**
     * Wraps stored 16-bit values (not copied).
     *
     * @param geometry the grid
     * @param values   {@code geometry.voxelCount()} values, x fastest
     * @param signed   whether the values are two's complement (Pixel Representation 1)
     * @return the volume
     * @throws IllegalArgumentException if the array length does not match the grid
     */
    public static Volume wrapShorts(VolumeGeometry geometry, short[] values, boolean signed) {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(values, "values");
        checkLength(geometry, values.length);
        return new Volume(geometry, signed ? ValueType.SIGNED_SHORT : ValueType.UNSIGNED_SHORT, values, null);
    }

    /**
     * Wraps float values (not copied).
     *
     * @param geometry the grid
     * @param values   {@code geometry.voxelCount()} values, x fastest
     * @return the volume
     * @throws IllegalArgumentException if the array length does not match the grid
     */
    public static Volume wrapFloats(VolumeGeometry geometry, float[] values) {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(values, "values");
        checkLength(geometry, values.length);
        return new Volume(geometry, ValueType.FLOAT, null, values);
    }

    /**
     * Allocates a zeroed volume.
     *
     * @param geometry the grid
     * @param type     the value type
     * @return the volume
     * @throws LimitExceededException if the grid has more than {@link #MAX_VOXELS} voxels
     */
    public static Volume allocate(VolumeGeometry geometry, ValueType type) {
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(type, "type");
        int n = checkedCount(geometry);
        return switch (type) {
            case SIGNED_SHORT, UNSIGNED_SHORT -> new Volume(geometry, type, new short[n], null);
            case FLOAT -> new Volume(geometry, type, null, new float[n]);
        };
    }

    static int checkedCount(VolumeGeometry geometry) {
        long n = geometry.voxelCount();
        if (n > MAX_VOXELS) {
            throw new LimitExceededException("maxVoxels", n, MAX_VOXELS, -1, LimitExceededException.NO_TAG);
        }
        return (int) n;
    }

    private static void checkLength(VolumeGeometry geometry, int length) {
        if (geometry.voxelCount() != length) {
            throw new IllegalArgumentException("array length must equal columns * rows * slices");
        }
    }

    /** Returns the grid. */
    public VolumeGeometry geometry() {
        return geometry;
    }

    /** Returns the value type. */
    public ValueType type() {
        return type;
    }

    /**
     * Returns the live {@code short[]} of a short volume (not a copy).
     *
     * @throws IllegalStateException if this is a float volume
     */
    public short[] shortArray() {
        if (shorts == null) {
            throw new IllegalStateException("not a short volume");
        }
        return shorts;
    }

    /**
     * Returns the live {@code float[]} of a float volume (not a copy).
     *
     * @throws IllegalStateException if this is a short volume
     */
    public float[] floatArray() {
        if (floats == null) {
            throw new IllegalStateException("not a float volume");
        }
        return floats;
    }

    /**
     * Returns the array index of voxel {@code (x, y, z)}.
     *
     * @throws IndexOutOfBoundsException if the voxel is outside the grid
     */
    public int index(int x, int y, int z) {
        Objects.checkIndex(x, geometry.columns());
        Objects.checkIndex(y, geometry.rows());
        Objects.checkIndex(z, geometry.slices());
        return (z * geometry.rows() + y) * geometry.columns() + x;
    }

    /**
     * Returns the value of voxel {@code (x, y, z)} (unsigned shorts as 0..65535).
     *
     * @throws IndexOutOfBoundsException if the voxel is outside the grid
     */
    public double value(int x, int y, int z) {
        int i = index(x, y, z);
        return switch (type) {
            case SIGNED_SHORT -> shorts[i];
            case UNSIGNED_SHORT -> shorts[i] & 0xFFFF;
            case FLOAT -> floats[i];
        };
    }

    /**
     * Returns a new float volume {@code value * slope + intercept} (the Modality LUT of
     * PS3.3 C.11.1.1.2 with one rescale for the whole volume).
     *
     * @param slope     Rescale Slope
     * @param intercept Rescale Intercept
     * @return a new float volume on the same grid
     */
    public Volume toFloats(double slope, double intercept) {
        int n = checkedCount(geometry);
        float[] out = new float[n];
        if (type == ValueType.FLOAT) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) (floats[i] * slope + intercept);
            }
        } else {
            int mask = type == ValueType.SIGNED_SHORT ? -1 : 0xFFFF; // v & -1 keeps the sign extension
            short[] s = shorts;
            for (int i = 0; i < n; i++) {
                out[i] = (float) ((s[i] & mask) * slope + intercept);
            }
        }
        return new Volume(geometry, ValueType.FLOAT, null, out);
    }

    /**
     * Returns a new short volume of stored values {@code round((value - intercept) / slope)},
     * clamped to the range of the type: the inverse of {@link #toFloats(double, double)}.
     *
     * @param signed    whether to produce signed values
     * @param slope     Rescale Slope, not 0
     * @param intercept Rescale Intercept
     * @return a new short volume on the same grid
     */
    public Volume toShorts(boolean signed, double slope, double intercept) {
        if (slope == 0 || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("slope must be finite and non-zero");
        }
        int n = checkedCount(geometry);
        short[] out = new short[n];
        double lo = signed ? Short.MIN_VALUE : 0;
        double hi = signed ? Short.MAX_VALUE : 0xFFFF;
        double inv = 1.0 / slope;
        int mask = type == ValueType.SIGNED_SHORT ? -1 : 0xFFFF;
        for (int i = 0; i < n; i++) {
            double v = type == ValueType.FLOAT ? floats[i] : (shorts[i] & mask);
            double s = Math.floor((v - intercept) * inv + 0.5);
            out[i] = (short) (int) Math.max(lo, Math.min(hi, s));
        }
        return new Volume(geometry, signed ? ValueType.SIGNED_SHORT : ValueType.UNSIGNED_SHORT, out, null);
    }

    @Override
    public String toString() {
        return "Volume[" + type + ", " + geometry + "]";
    }
}
