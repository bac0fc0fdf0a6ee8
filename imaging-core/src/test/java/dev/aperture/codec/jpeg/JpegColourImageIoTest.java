// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed 8-bit colour baseline paths (4:4:4 and 4:2:2 straight from the IDCT batch with
 * flat MCUs written at once and batches filling across MCU rows; 4:2:0 through one-MCU-row
 * planes with the previous MCU row's last rows kept) against the JDK's ImageIO reader
 * (libjpeg-turbo: islow, fancy upsampling), whose output Aperture matches bit for bit: frames
 * written by ImageIO in the three samplings, with flat regions of several colours next to each
 * other and next to textured ones (so that flat MCUs border flat MCUs of other chroma, and
 * lanes, on either side), smooth, noisy and saturating content, widths that end inside an MCU
 * at many chroma columns, and heights of every residue modulo 16 (the bottom edge at every
 * chroma row of the last MCU row). Bytes outside the frame must stay untouched.
 */
class JpegColourImageIoTest {

    @Test
    void matchesImageIo() throws IOException {
        Random rnd = new Random(20261128L);
        int[] widths = {5, 6, 7, 16, 17, 30, 31, 33, 512, 521, 1037, 1040};
        int frames = 0;
        for (int trial = 0; trial < 48; trial++) {
            int width = widths[trial % widths.length];
            int rows = trial < 32 ? 1 + (trial % 16) + 16 * (trial / 16) : 1 + rnd.nextInt(60);
            int sampling = trial % 3;                 // 0: 4:2:0, 1: 4:2:2, 2: 4:4:4
            int kind = (trial / 3) % 3;
            byte[] rgb = new byte[width * rows * 3];
            int[][] flatColours = {{0, 0, 0}, {200, 30, 40}, {20, 180, 230}, {128, 128, 128}};
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < width; x++) {
                    int region = ((x >> 4) + (y >> 4) * 3) % 5;
                    for (int c = 0; c < 3; c++) {
                        int v;
                        if (region < 4 && kind != 1) {
                            v = flatColours[(region + (x >> 6)) % 4][c];   // flat MCUs of several colours
                        } else if (kind == 0) {
                            v = (x * (3 + c) + y * 5) & 0xFF;              // smooth, low frequencies
                        } else if (kind == 1) {
                            v = rnd.nextInt(256);                          // noise, dense blocks
                        } else {
                            v = rnd.nextInt(4) == 0 ? 255 : 40 * c;        // saturating edges
                        }
                        rgb[(y * width + x) * 3 + c] = (byte) v;
                    }
                }
            }
            int h = sampling == 2 ? 1 : 2;
            int v = sampling == 0 ? 2 : 1;
            byte[] jpeg = ImageIoJpeg.writeRgb(rgb, rows, width, h, v, 0.5f + rnd.nextFloat() * 0.5f);
            byte[] expected = ImageIoJpeg.decodeRgb(jpeg, rows, width);
            int off = rnd.nextInt(3);
            int n = width * rows * 3;
            byte[] actual = new byte[off + n + 5];
            Arrays.fill(actual, (byte) 0x5A);
            ImageDescriptor image = ImageDescriptor.of(rows, width, 3, 8, 8, false, Photometric.YBR_FULL_422);
            new JpegCodecProvider().decoder(JpegCodecProvider.BASELINE).orElseThrow()
                    .decode(ByteBuffer.wrap(jpeg), image, new ByteSamples(actual, off, n));
            String what = width + "x" + rows + " sampling " + h + "x" + v + " kind " + kind;
            assertArrayEquals(expected, Arrays.copyOfRange(actual, off, off + n), what);
            for (int i = 0; i < actual.length; i++) {
                if (i < off || i >= off + n) {
                    assertEquals((byte) 0x5A, actual[i], what + ": byte outside the frame at " + i);
                }
            }
            frames++;
        }
        assertEquals(48, frames);
    }

    /**
     * Restart intervals in the streamed colour paths: ImageIO's writer cannot set one, so
     * libjpeg-turbo's {@code jpegtran -restart} rewrites ImageIO's frames with RSTm markers every
     * 1, 2 or 5 MCUs or every MCU row, keeping every coefficient. The decode of each rewritten
     * stream must equal ImageIO's decode of the stream without restarts, byte for byte, in the
     * three samplings, at widths and heights that end inside an MCU, and leave the bytes around the
     * frame untouched.
     */
    @Test
    void restartIntervalsInEverySamplingMatchImageIo(@TempDir Path dir) throws IOException {
        JpegTestSupport.requireTools("jpegtran");
        Random rnd = new Random(6);
        int[][] sizes = {{37, 45}, {16, 16}, {61, 603}, {33, 130}};
        String[] intervals = {"1B", "2B", "5B", "1"};
        int streams = 0;
        for (int sampling = 0; sampling < 3; sampling++) {
            for (int[] size : sizes) {
                int rows = size[0];
                int width = size[1];
                byte[] rgb = new byte[width * rows * 3];
                for (int i = 0; i < rgb.length; i++) {
                    int x = (i / 3) % width;
                    int y = i / 3 / width;
                    rgb[i] = (byte) (((x >> 3) + (y >> 3)) % 3 == 0 ? 0 : (x * 3 + y * 2 + rnd.nextInt(40)));
                }
                int h = sampling == 2 ? 1 : 2;
                int v = sampling == 0 ? 2 : 1;
                byte[] plain = ImageIoJpeg.writeRgb(rgb, rows, width, h, v, 0.85f);
                byte[] expected = ImageIoJpeg.decodeRgb(plain, rows, width);
                Path in = dir.resolve("plain.jpg");
                Files.write(in, plain);
                for (String interval : intervals) {
                    Path out = dir.resolve("restart.jpg");
                    JpegTestSupport.run(dir, "jpegtran", "-copy", "none", "-restart", interval,
                            "-outfile", out.toString(), in.toString());
                    byte[] jpeg = Files.readAllBytes(out);
                    String what = width + "x" + rows + " sampling " + h + "x" + v + " restart " + interval;
                    assertEquals(true, hasMarker(jpeg, 0xDD), what + ": jpegtran wrote no DRI");
                    int n = width * rows * 3;
                    byte[] actual = new byte[n + 7];
                    Arrays.fill(actual, (byte) 0x3C);
                    ImageDescriptor image = ImageDescriptor.of(rows, width, 3, 8, 8, false, Photometric.YBR_FULL_422);
                    new JpegCodecProvider().decoder(JpegCodecProvider.BASELINE).orElseThrow()
                            .decode(ByteBuffer.wrap(jpeg), image, new ByteSamples(actual, 3, n));
                    assertArrayEquals(expected, Arrays.copyOfRange(actual, 3, 3 + n), what);
                    for (int i = 0; i < actual.length; i++) {
                        if (i < 3 || i >= 3 + n) {
                            assertEquals((byte) 0x3C, actual[i], what + ": byte outside the frame at " + i);
                        }
                    }
                    streams++;
                }
            }
        }
        assertEquals(48, streams);
    }

    /** Whether the marker 0xFF {@code code} occurs before the first SOS. */
    private static boolean hasMarker(byte[] jpeg, int code) {
        int i = 2;
        while (i + 3 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int m = jpeg[i + 1] & 0xFF;
            if (m == code) {
                return true;
            }
            if (m == 0xDA) {
                return false;
            }
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return false;
    }
}
