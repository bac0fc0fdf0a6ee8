// SPDX-License-Identifier: Apache-2.0
package dev.aperture.render;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.pixel.ColorConversion;
import dev.aperture.pixel.Palette;
import dev.aperture.pixel.PixelPipeline;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Display samples (the output of {@code PixelPipeline}, {@code Palette} or
 * {@code ColorConversion}) to {@link BufferedImage}s and PNG bytes.
 *
 * <p>Stateless and thread-safe. The samples are copied into a new image.
 */
public final class FrameImages {

    private FrameImages() {
    }

    /**
     * An 8-bit grey image ({@link BufferedImage#TYPE_BYTE_GRAY}).
     *
     * @param grey    rows * columns values, row by row
     * @param rows    image rows
     * @param columns image columns
     * @return a new image
     * @throws IllegalArgumentException if {@code grey} is too small
     */
    public static BufferedImage grey(ByteSamples grey, int rows, int columns) {
        int n = check(rows, columns, 1, grey.length());
        BufferedImage img = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(grey.array(), grey.offset(), dst, 0, n);
        return img;
    }

    /**
     * A 16-bit grey image ({@link BufferedImage#TYPE_USHORT_GRAY}).
     *
     * @param grey    rows * columns unsigned values, row by row
     * @param rows    image rows
     * @param columns image columns
     * @return a new image
     * @throws IllegalArgumentException if {@code grey} is too small
     */
    public static BufferedImage grey16(ShortSamples grey, int rows, int columns) {
        int n = check(rows, columns, 1, grey.length());
        BufferedImage img = new BufferedImage(columns, rows, BufferedImage.TYPE_USHORT_GRAY);
        short[] dst = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(grey.array(), grey.offset(), dst, 0, n);
        return img;
    }

    /**
     * An 8-bit RGB image ({@link BufferedImage#TYPE_3BYTE_BGR}).
     *
     * @param rgb     rows * columns * 3 values, R G B interleaved, row by row
     * @param rows    image rows
     * @param columns image columns
     * @return a new image
     * @throws IllegalArgumentException if {@code rgb} is too small
     */
    public static BufferedImage rgb(ByteSamples rgb, int rows, int columns) {
        int n = check(rows, columns, 3, rgb.length());
        BufferedImage img = new BufferedImage(columns, rows, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] src = rgb.array();
        int o = rgb.offset();
        for (int i = 0; i < n; i += 3) {
            dst[i] = src[o + i + 2];
            dst[i + 1] = src[o + i + 1];
            dst[i + 2] = src[o + i];
        }
        return img;
    }

    /**
     * Renders one greyscale frame (MONOCHROME1/2) through a display pipeline built for 8-bit output.
     *
     * @param stored   the frame's samples as decoded
     * @param image    the image (rows and columns are used)
     * @param pipeline the display pipeline, 8-bit output
     * @return a new 8-bit grey image
     * @throws IllegalStateException if the pipeline was built for 16-bit output
     */
    public static BufferedImage renderGrey(Samples stored, ImageDescriptor image, PixelPipeline pipeline) {
        byte[] grey = new byte[image.pixelsPerFrame()];
        pipeline.apply(stored, ByteSamples.of(grey));
        return grey(ByteSamples.of(grey), image.rows(), image.columns());
    }

    /**
     * Renders one PALETTE COLOR frame.
     *
     * @param indices the frame's samples as decoded
     * @param image   the image (rows and columns are used)
     * @param palette the palette
     * @return a new RGB image
     */
    public static BufferedImage renderPalette(Samples indices, ImageDescriptor image, Palette palette) {
        byte[] rgb = new byte[image.pixelsPerFrame() * 3];
        palette.expand(indices, ByteSamples.of(rgb));
        return rgb(ByteSamples.of(rgb), image.rows(), image.columns());
    }

    /**
     * Renders one colour frame of three samples per pixel: RGB as it is, the YBR family converted
     * (PS3.3 C.7.6.3.1.2). Samples of more than 8 bits are scaled to 8 by dropping low bits of
     * Bits Stored.
     *
     * @param samples   the frame's interleaved samples as decoded (byte or short)
     * @param image     the image (rows, columns and bits stored are used)
     * @param decodedAs the photometric interpretation of the decoded samples (from the decoder's
     *                  {@code DecodedFrame}, which may differ from the dataset's)
     * @return a new RGB image
     * @throws dev.aperture.imaging.UnsupportedDataException for interpretations without a conversion
     * @throws IllegalArgumentException for sample types other than byte and short
     */
    public static BufferedImage renderColour(Samples samples, ImageDescriptor image, Photometric decodedAs) {
        int n = image.pixelsPerFrame() * 3;
        byte[] eight = new byte[n];
        if (samples instanceof ByteSamples b) {
            System.arraycopy(b.array(), b.offset(), eight, 0, n);
        } else if (samples instanceof ShortSamples s) {
            int shift = Math.max(0, image.bitsStored() - 8);
            for (int i = 0; i < n; i++) {
                eight[i] = (byte) Math.min(255, (s.array()[s.offset() + i] & 0xFFFF) >>> shift);
            }
        } else {
            throw new IllegalArgumentException("colour frames come in byte or short samples");
        }
        byte[] rgb = new byte[n];
        ColorConversion.toRgb(decodedAs, ByteSamples.of(eight), ByteSamples.of(rgb));
        return rgb(ByteSamples.of(rgb), image.rows(), image.columns());
    }

    /**
     * Encodes an image as PNG with the JDK's ImageIO writer.
     *
     * @param image the image
     * @return the PNG bytes
     * @throws UncheckedIOException if no PNG writer is available
     */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int check(int rows, int columns, int spp, int length) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("rows and columns must be positive");
        }
        long n = (long) rows * columns * spp;
        if (n > length) {
            throw new IllegalArgumentException("samples smaller than rows * columns * samples per pixel");
        }
        return (int) n;
    }
}
