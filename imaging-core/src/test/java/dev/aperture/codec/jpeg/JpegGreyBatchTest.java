// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The streamed 8-bit grey baseline path (blocks written straight into the destination, the
 * batched IDCT filled across block rows, DC-only blocks written flat) against the JDK's ImageIO
 * reader, whose islow transform Aperture matches bit for bit: frames written by ImageIO with
 * black (DC-only) regions, smooth and noisy ones, widths that are and are not multiples of 8
 * (the right edge blocks through the column buffer) and heights cut by the bottom edge (the last
 * block row through the plane), so that batches span
 * rows that go straight out and rows that go through the plane.
 */
class JpegGreyBatchTest {

    @Test
    void matchesImageIo() throws IOException {
        Random rnd = new Random(20261128L);
        int[] widths = {8, 16, 3, 13, 24, 512, 521, 1040, 1037, 3 * 8 * IdctBatch.N, 2001};
        for (int trial = 0; trial < 33; trial++) {
            int width = widths[trial % widths.length];
            int rows = 1 + rnd.nextInt(70);
            byte[] src = new byte[width * rows];
            int kind = trial % 3;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < width; x++) {
                    int v;
                    if (((x >> 5) + (y >> 4)) % 3 == 0) {
                        v = 0;                                 // background: DC-only blocks
                    } else if (kind == 0) {
                        v = (x * 3 + y * 5) & 0xFF;            // smooth, low frequencies
                    } else if (kind == 1) {
                        v = rnd.nextInt(256);                  // noise, dense blocks
                    } else {
                        v = rnd.nextInt(4) == 0 ? 255 : 40;    // saturating edges
                    }
                    src[y * width + x] = (byte) v;
                }
            }
            byte[] jpeg = ImageIoJpeg.writeGrey(src, rows, width, 0.5f + rnd.nextFloat() * 0.5f);
            byte[] expected = ImageIoJpeg.decodeGrey(jpeg, rows, width);
            int off = rnd.nextInt(3);
            byte[] actual = new byte[off + width * rows + 5];
            Arrays.fill(actual, (byte) 0x5A);
            ImageDescriptor image = ImageDescriptor.of(rows, width, 1, 8, 8, false, Photometric.MONOCHROME2);
            new JpegCodecProvider().decoder(JpegCodecProvider.BASELINE).orElseThrow()
                    .decode(ByteBuffer.wrap(jpeg), image, new ByteSamples(actual, off, width * rows));
            String what = width + "x" + rows + " kind " + kind;
            assertArrayEquals(expected, Arrays.copyOfRange(actual, off, off + width * rows), what);
            for (int i = 0; i < actual.length; i++) {
                if (i < off || i >= off + width * rows) {
                    assertEquals((byte) 0x5A, actual[i], what + ": byte outside the frame at " + i);
                }
            }
        }
    }
}
