// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bit reader of {@link JpegReader} ({@code fill()}, which takes the bytes before a 0xFF in
 * one step) against a byte-at-a-time reading of T.81 F.1.2.3 and B.1.1.2: 0xFF 0x00 is a data
 * byte 0xFF, any other 0xFF starts a marker, and past a marker or the end of the data the
 * reader gives zero bits. The data are dense in 0xFF, 0x00 and 0xFE (a 0xFE before a 0xFF is
 * what the word-at-a-time 0xFF test may flag as well), so every position of the 8-byte window
 * meets stuffing and markers.
 */
class JpegBitReaderTest {

    private static final byte[] INTERESTING = {(byte) 0xFF, (byte) 0xFF, 0x00, (byte) 0xFE, 0x01, (byte) 0xD0};

    @Test
    void fillReadsTheDestuffedBytesThenZeros() {
        Random rnd = new Random(20261128L);
        ImageDescriptor image = ImageDescriptor.of(1, 1, 1, 8, 8, false, Photometric.MONOCHROME2);
        for (int trial = 0; trial < 3000; trial++) {
            int len = 1 + rnd.nextInt(48);
            byte[] data = new byte[len + 4];
            int start = rnd.nextInt(4);
            for (int i = start; i < start + len; i++) {
                data[i] = rnd.nextInt(3) == 0 ? INTERESTING[rnd.nextInt(INTERESTING.length)] : (byte) rnd.nextInt(256);
            }
            // Reference: the destuffed bytes up to the first marker (or the end), then zeros.
            byte[] expected = new byte[len + 16];
            int count = 0;
            int markerAt = start + len;
            for (int p = start; p < start + len; p++) {
                if (data[p] == (byte) 0xFF) {
                    if (p + 1 < start + len && data[p + 1] == 0) {
                        expected[count++] = (byte) 0xFF;
                        p++;
                        continue;
                    }
                    markerAt = p;
                    break;
                }
                expected[count++] = data[p];
            }
            JpegReader r = new JpegReader(data, start, start + len, image, ByteSamples.of(new byte[1]), true, true);
            int bitsToRead = count * 8 + 80;
            int read = 0;
            while (read < bitsToRead) {
                int s = 1 + rnd.nextInt(16);
                if (r.nbits() < 16) {
                    r.fill();
                    assertTrue(r.nbits() >= 56 && r.nbits() <= 64, "trial " + trial + ": fill left " + r.nbits());
                }
                int got = r.bits(s);
                int want = 0;
                for (int i = 0; i < s; i++) {
                    int bit = read + i;
                    int byteIndex = bit >> 3;
                    int b = byteIndex < count ? expected[byteIndex] & 0xFF : 0;
                    want = (want << 1) | ((b >> (7 - (bit & 7))) & 1);
                }
                assertEquals(want, got, "trial " + trial + ": bits " + read + ".." + (read + s));
                read += s;
            }
            // The reader stops on the marker's 0xFF (or at the end), never past it.
            assertEquals(markerAt, r.pos(), "trial " + trial + ": position after the data");
        }
    }
}
