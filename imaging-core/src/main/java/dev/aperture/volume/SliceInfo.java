// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import dev.aperture.imaging.MalformedDataException;
import java.util.Arrays;

/**
 * The geometry of one slice (a single-frame image, or one frame of an enhanced multi-frame
 * object), as read from its attributes: Image Position (Patient) (0020,0032), Image Orientation
 * (Patient) (0020,0037), Pixel Spacing (0028,0030), Rows, Columns and Slice Thickness
 * (0018,0050). For an enhanced object the caller takes them from the Plane Position, Plane
 * Orientation and Pixel Measures functional groups (PS3.3 C.7.6.16.2).
 *
 * <p>Immutable and thread-safe: arrays are copied in and out.
 *
 * @param imagePositionPatient    x, y, z of the centre of the first pixel, mm (3 values)
 * @param imageOrientationPatient row then column direction cosines (6 values)
 * @param pixelSpacing            row spacing then column spacing, mm, as in Pixel Spacing (2 values)
 * @param rows                    Rows
 * @param columns                 Columns
 * @param sliceThickness          Slice Thickness, mm, or 0 when absent (used only for a single slice)
 */
public record SliceInfo(double[] imagePositionPatient, double[] imageOrientationPatient, double[] pixelSpacing,
                        int rows, int columns, double sliceThickness) {
    private static final int TAG_IPP = 0x00200032;
    private static final int TAG_IOP = 0x00200037;
    private static final int TAG_SPACING = 0x00280030;
    private static final int TAG_ROWS = 0x00280010;
    private static final int TAG_COLUMNS = 0x00280011;
    private static final int TAG_THICKNESS = 0x00180050;

    /**
     * Validates and copies.
     *
     * @throws MalformedDataException (with the tag) if a value count is wrong, a value is not finite,
     *                                a spacing or size is not positive, or a direction is not a
     *                                unit vector (within 1e-3) or the two are not orthogonal
     */
    public SliceInfo {
        imagePositionPatient = checked(imagePositionPatient, 3, TAG_IPP);
        imageOrientationPatient = checked(imageOrientationPatient, 6, TAG_IOP);
        pixelSpacing = checked(pixelSpacing, 2, TAG_SPACING);
        if (!(pixelSpacing[0] > 0) || !(pixelSpacing[1] > 0)) {
            throw new MalformedDataException("pixel spacing must be positive", -1, TAG_SPACING);
        }
        if (rows < 1) {
            throw new MalformedDataException("rows must be positive", -1, TAG_ROWS);
        }
        if (columns < 1) {
            throw new MalformedDataException("columns must be positive", -1, TAG_COLUMNS);
        }
        if (!Double.isFinite(sliceThickness) || sliceThickness < 0) {
            throw new MalformedDataException("slice thickness must be finite and not negative", -1, TAG_THICKNESS);
        }
        double[] o = imageOrientationPatient;
        double lr = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
        double lc = Math.sqrt(o[3] * o[3] + o[4] * o[4] + o[5] * o[5]);
        double dot = o[0] * o[3] + o[1] * o[4] + o[2] * o[5];
        if (Math.abs(lr - 1) > 1e-3 || Math.abs(lc - 1) > 1e-3 || Math.abs(dot) > 1e-3) {
            throw new MalformedDataException("orientation is not two orthogonal unit vectors", -1, TAG_IOP);
        }
    }

    /**
     * A slice without Slice Thickness.
     *
     * @param imagePositionPatient    3 values, mm
     * @param imageOrientationPatient 6 direction cosines
     * @param pixelSpacing            row spacing, column spacing, mm
     * @param rows                    Rows
     * @param columns                 Columns
     */
    public SliceInfo(double[] imagePositionPatient, double[] imageOrientationPatient, double[] pixelSpacing,
                     int rows, int columns) {
        this(imagePositionPatient, imageOrientationPatient, pixelSpacing, rows, columns, 0);
    }

    private static double[] checked(double[] v, int n, int tag) {
        if (v == null || v.length != n) {
            throw new MalformedDataException("wrong number of values", -1, tag);
        }
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new MalformedDataException("value is not a finite number", -1, tag);
            }
        }
        return v.clone();
    }

    /** Returns a copy of Image Position (Patient). */
    @Override
    public double[] imagePositionPatient() {
        return imagePositionPatient.clone();
    }

    /** Returns a copy of Image Orientation (Patient). */
    @Override
    public double[] imageOrientationPatient() {
        return imageOrientationPatient.clone();
    }

    /** Returns a copy of Pixel Spacing (row spacing, column spacing). */
    @Override
    public double[] pixelSpacing() {
        return pixelSpacing.clone();
    }

    double ipp(int i) {
        return imagePositionPatient[i];
    }

    double iop(int i) {
        return imageOrientationPatient[i];
    }

    double spacing(int i) {
        return pixelSpacing[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceInfo s && rows == s.rows && columns == s.columns
                && Double.compare(sliceThickness, s.sliceThickness) == 0
                && Arrays.equals(imagePositionPatient, s.imagePositionPatient)
                && Arrays.equals(imageOrientationPatient, s.imageOrientationPatient)
                && Arrays.equals(pixelSpacing, s.pixelSpacing);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(imagePositionPatient) * 31 + Arrays.hashCode(imageOrientationPatient)) * 31
                + Arrays.hashCode(pixelSpacing)) * 31 + rows * 7919 + columns;
    }

    /** Sizes only: positions are not printed. */
    @Override
    public String toString() {
        return "SliceInfo[" + columns + "x" + rows + "]";
    }
}
