// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.util.Objects;

/**
 * A 2-D image for {@link FrameResizer}: a window of samples, row by row, with {@code channels}
 * samples interleaved per pixel (1 for grey, 3 for RGB). Bytes, shorts and floats are supported;
 * {@code signed} says how bytes and shorts are read and written (ignored for floats).
 *
 * <p>Wraps the caller's samples (see {@link Samples}); immutable itself.
 *
 * @param samples  the samples; {@link ByteSamples}, {@link ShortSamples} or {@link FloatSamples}
 * @param columns  width, pixels
 * @param rows     height, pixels
 * @param channels samples per pixel
 * @param signed   whether byte or short samples are two's complement
 */
public record Frame(Samples samples, int columns, int rows, int channels, boolean signed) {
    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if a size is not positive, the window is too short, or the
     *                                  sample type is not supported
     */
    public Frame {
        Objects.requireNonNull(samples, "samples");
        if (!(samples instanceof ByteSamples || samples instanceof ShortSamples || samples instanceof FloatSamples)) {
            throw new IllegalArgumentException("only byte, short and float samples are supported");
        }
        if (columns < 1 || rows < 1 || channels < 1) {
            throw new IllegalArgumentException("columns, rows and channels must be >= 1");
        }
        if ((long) columns * rows * channels > samples.length()) {
            throw new IllegalArgumentException("samples hold fewer than columns * rows * channels values");
        }
    }

    /**
     * A single-channel frame over a whole array.
     *
     * @param pixels  the pixels, row by row
     * @param columns width
     * @param rows    height
     * @param signed  whether the shorts are signed
     * @return the frame
     */
    public static Frame ofShorts(short[] pixels, int columns, int rows, boolean signed) {
        return new Frame(ShortSamples.of(pixels), columns, rows, 1, signed);
    }

    /**
     * A frame over a whole byte array (unsigned).
     *
     * @param pixels   the pixels, row by row, channels interleaved
     * @param columns  width
     * @param rows     height
     * @param channels samples per pixel
     * @return the frame
     */
    public static Frame ofBytes(byte[] pixels, int columns, int rows, int channels) {
        return new Frame(new ByteSamples(pixels, 0, pixels.length), columns, rows, channels, false);
    }

    /**
     * A single-channel frame over a whole float array.
     *
     * @param pixels  the pixels, row by row
     * @param columns width
     * @param rows    height
     * @return the frame
     */
    public static Frame ofFloats(float[] pixels, int columns, int rows) {
        return new Frame(new FloatSamples(pixels, 0, pixels.length), columns, rows, 1, false);
    }
}
