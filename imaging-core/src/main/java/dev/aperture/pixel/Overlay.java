// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import dev.aperture.image.ByteSamples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of an overlay plane (group 60xx, PS3.3 C.9.2): Overlay Rows and Columns, Overlay
 * Origin (1-based row and column of the overlay's top-left pixel in the image, possibly outside
 * it), and Overlay Data (60xx,3000) packed one bit per pixel, least significant bit first, as in
 * a little-endian dataset (a reader of a big-endian OW value swaps the byte pairs first).
 *
 * <p>Immutable and thread-safe: the data is copied in.
 *
 * @param rows         Overlay Rows (60xx,0010)
 * @param columns      Overlay Columns (60xx,0011)
 * @param originRow    first value of Overlay Origin (60xx,0050)
 * @param originColumn second value of Overlay Origin (60xx,0050)
 * @param data         Overlay Data, from the first bit of this frame
 */
public record Overlay(int rows, int columns, int originRow, int originColumn, byte[] data) {

    /** Validates sizes and copies the data. */
    public Overlay {
        Objects.requireNonNull(data, "data");
        if (rows < 1 || columns < 1 || rows > 0xFFFF || columns > 0xFFFF) {
            throw new IllegalArgumentException("overlay rows and columns must be in 1..65535");
        }
        if ((long) data.length * 8 < (long) rows * columns) {
            throw new MalformedDataException("overlay data shorter than overlay rows * columns bits", data.length,
                    ApertureException.NO_TAG);
        }
        data = data.clone();
    }

    /** Returns a copy of the data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * Tells whether the overlay pixel at (row, column), 0-based in the overlay, is set.
     *
     * @param row    0-based overlay row
     * @param column 0-based overlay column
     * @return true when the bit is 1
     */
    public boolean isSet(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        int k = row * columns + column;
        return ((data[k >>> 3] >> (k & 7)) & 1) != 0;
    }

    /**
     * Burns the overlay into an 8-bit display image: every sample of every pixel under a set
     * overlay bit becomes {@code value}. Overlay pixels outside the image are skipped.
     *
     * @param image           the display samples, interleaved
     * @param imageRows       rows of the image
     * @param imageColumns    columns of the image
     * @param samplesPerPixel 1 (grey) or 3 (RGB)
     * @param value           the value to write, 0..255
     * @throws IllegalArgumentException if {@code image} is smaller than the image
     */
    public void burnIn(ByteSamples image, int imageRows, int imageColumns, int samplesPerPixel, int value) {
        if ((long) imageRows * imageColumns * samplesPerPixel > image.length()) {
            throw new IllegalArgumentException("image samples smaller than rows * columns * samples per pixel");
        }
        byte v = (byte) value;
        byte[] a = image.array();
        // Clip the overlay rectangle to the image once, then walk only the visible part.
        int r0 = Math.max(0, 1 - originRow);
        int r1 = Math.min(rows, imageRows - originRow + 1);
        int c0 = Math.max(0, 1 - originColumn);
        int c1 = Math.min(columns, imageColumns - originColumn + 1);
        for (int r = r0; r < r1; r++) {
            int ir = originRow - 1 + r;
            for (int c = c0; c < c1; c++) {
                int k = r * columns + c;
                if (((data[k >>> 3] >> (k & 7)) & 1) != 0) {
                    int p = image.offset() + (ir * imageColumns + originColumn - 1 + c) * samplesPerPixel;
                    Arrays.fill(a, p, p + samplesPerPixel, v);
                }
            }
        }
    }
}
