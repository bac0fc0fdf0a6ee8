// SPDX-License-Identifier: Apache-2.0
package dev.aperture.render;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ShortSamples;
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
