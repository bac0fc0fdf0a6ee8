// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JDK's ImageIO JPEG writer and reader (libjpeg-turbo in Debian's OpenJDK: islow IDCT, fancy
 * upsampling) as the oracle of the 8-bit baseline tests: baseline streams of grey or RGB samples,
 * and their decode as bytes, which Aperture's decoder must match byte for byte.
 */
final class ImageIoJpeg {
    private ImageIoJpeg() {
    }

    /** ImageIO's JPEG of 8-bit grey samples, row by row. */
    static byte[] writeGrey(byte[] samples, int rows, int cols, float quality) throws IOException {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(samples, 0, pixels(img), 0, samples.length);
        return write(img, quality, 1, 1);
    }

    /** ImageIO's JPEG of interleaved RGB samples, luma sampled h x v against chroma. */
    static byte[] writeRgb(byte[] rgb, int rows, int cols, int h, int v, float quality) throws IOException {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = pixels(img);
        for (int i = 0; i < rows * cols; i++) {
            d[i * 3] = rgb[i * 3 + 2];
            d[i * 3 + 1] = rgb[i * 3 + 1];
            d[i * 3 + 2] = rgb[i * 3];
        }
        return write(img, quality, h, v);
    }

    /** ImageIO's decode of a grey stream. */
    static byte[] decodeGrey(byte[] jpeg, int rows, int cols) throws IOException {
        return pixels(read(jpeg, rows, cols, BufferedImage.TYPE_BYTE_GRAY));
    }

    /** ImageIO's decode of a colour stream, as interleaved RGB. */
    static byte[] decodeRgb(byte[] jpeg, int rows, int cols) throws IOException {
        byte[] bgr = pixels(read(jpeg, rows, cols, BufferedImage.TYPE_3BYTE_BGR));
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return rgb;
    }

    private static byte[] pixels(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }

    private static byte[] write(BufferedImage img, float quality, int h, int v) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        IIOMetadata md = null;
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            md = w.getDefaultImageMetadata(new ImageTypeSpecifier(img), p);
            String fmt = "javax_imageio_jpeg_image_1.0";
            Element root = (Element) md.getAsTree(fmt);
            NodeList comps = root.getElementsByTagName("componentSpec");
            for (int i = 0; i < comps.getLength(); i++) {
                Element e = (Element) comps.item(i);
                e.setAttribute("HsamplingFactor", i == 0 ? String.valueOf(h) : "1");
                e.setAttribute("VsamplingFactor", i == 0 ? String.valueOf(v) : "1");
            }
            md.setFromTree(fmt, root);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, md), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage read(byte[] jpeg, int rows, int cols, int type) throws IOException {
        ImageReader r = ImageIO.getImageReadersByFormatName("jpeg").next();
        try {
            r.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
            BufferedImage img = r.read(0);
            assertEquals(type, img.getType());
            assertEquals(cols, img.getWidth());
            assertEquals(rows, img.getHeight());
            return img;
        } finally {
            r.dispose();
        }
    }
}
