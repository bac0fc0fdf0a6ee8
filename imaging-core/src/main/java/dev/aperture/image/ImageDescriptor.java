// SPDX-License-Identifier: Apache-2.0
package dev.aperture.image;

import java.util.Objects;

/**
 * What a codec needs to know about an image: the Image Pixel Module attributes (PS3.3 C.7.6.3)
 * and the number of frames. Codecs see this and encoded bytes, never a dataset.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows                Rows (0028,0010), 1..65535
 * @param columns             Columns (0028,0011), 1..65535
 * @param samplesPerPixel     Samples per Pixel (0028,0002), 1..4
 * @param bitsAllocated       Bits Allocated (0028,0100): 1, 8, 16, 32 or 64
 * @param bitsStored          Bits Stored (0028,0101), 1..bitsAllocated
 * @param signed              Pixel Representation (0028,0103) is 1
 * @param photometric         Photometric Interpretation (0028,0004)
 * @param planarConfiguration Planar Configuration (0028,0006): 0 interleaved, 1 planar
 * @param frames              Number of Frames (0028,0008), at least 1
 */
public record ImageDescriptor(int rows, int columns, int samplesPerPixel, int bitsAllocated,
                              int bitsStored, boolean signed, Photometric photometric,
                              int planarConfiguration, int frames) {

    /** Validates the attributes against each other. */
    public ImageDescriptor {
        Objects.requireNonNull(photometric, "photometric");
        if (rows < 1 || rows > 0xFFFF || columns < 1 || columns > 0xFFFF) {
            throw new IllegalArgumentException("rows and columns must be in 1..65535");
        }
        if (samplesPerPixel < 1 || samplesPerPixel > 4) {
            throw new IllegalArgumentException("samplesPerPixel must be in 1..4");
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32
                && bitsAllocated != 64) {
            throw new IllegalArgumentException("bitsAllocated must be 1, 8, 16, 32 or 64");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new IllegalArgumentException("bitsStored must be in 1..bitsAllocated");
        }
        if (planarConfiguration != 0 && planarConfiguration != 1) {
            throw new IllegalArgumentException("planarConfiguration must be 0 or 1");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1");
        }
    }

    /** A single-frame, interleaved descriptor. */
    public static ImageDescriptor of(int rows, int columns, int samplesPerPixel, int bitsAllocated,
                                     int bitsStored, boolean signed, Photometric photometric) {
        return new ImageDescriptor(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed,
                photometric, 0, 1);
    }

    /** Returns {@code rows * columns}. */
    public int pixelsPerFrame() {
        return rows * columns;
    }

    /** Returns {@code rows * columns * samplesPerPixel}: the samples one frame decodes to. */
    public int samplesPerFrame() {
        return rows * columns * samplesPerPixel;
    }

    /**
     * Returns the bytes of one native (uncompressed) frame: samples times bytes per sample, or
     * for 1-bit data the bits rounded up to whole bytes.
     */
    public long nativeFrameLength() {
        long samples = (long) rows * columns * samplesPerPixel;
        return bitsAllocated == 1 ? (samples + 7) / 8 : samples * (bitsAllocated / 8);
    }

    /** Returns a copy with another photometric interpretation. */
    public ImageDescriptor withPhotometric(Photometric p) {
        return new ImageDescriptor(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed,
                p, planarConfiguration, frames);
    }

    /** Returns a copy with another planar configuration. */
    public ImageDescriptor withPlanarConfiguration(int pc) {
        return new ImageDescriptor(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed,
                photometric, pc, frames);
    }

    /** Returns a copy with another number of frames. */
    public ImageDescriptor withFrames(int n) {
        return new ImageDescriptor(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed,
                photometric, planarConfiguration, n);
    }
}
