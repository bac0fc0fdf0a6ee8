// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two-symbol AC lookup of {@link HuffmanDecodeTable#acPair()}: every entry against a plain
 * canonical decode of its prefix (T.81 C and F.2.2.3, written out here bit by bit), for the
 * Annex K tables and random complete and incomplete ones; and whole frames whose blocks end at
 * zig-zag position 63 without EOB (quality 1.0 noise: the bits after the last coefficient are
 * the next block's DC, which the pair lookup must leave alone) against the JDK's ImageIO.
 */
class JpegAcPairTableTest {

    @Test
    void everyEntryMatchesSymbolBySymbolDecoding() {
        assertTrue(check(StandardHuffmanTables.ac(0)) > 500, "Annex K luma table: pair entries");
        assertTrue(check(StandardHuffmanTables.ac(1)) > 500, "Annex K chroma table: pair entries");
        Random rnd = new Random(7);
        int checked = 0;
        while (checked < 200) {
            int[] counts = new int[17];
            int total = 0;
            int room = 2;                 // codes still free at the current length
            for (int len = 1; len <= 16; len++) {
                int n = Math.min(room - (len == 16 ? 1 : 0), rnd.nextInt(len < 3 ? 2 : 6));
                n = Math.max(0, Math.min(n, 256 - total));
                counts[len] = n;
                total += n;
                room = Math.min(512, (room - n) * 2);
            }
            if (total == 0) {
                continue;
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                int r = rnd.nextInt(16);
                int s = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(10);
                symbols[i] = s == 0 ? (rnd.nextBoolean() ? 0x00 : 0xF0) : (r << 4) | s;
            }
            HuffmanDecodeTable t = new HuffmanDecodeTable(counts, symbols);
            if (t.build(counts)) {
                check(t);
                checked++;
            }
        }
    }

    /** Checks every entry of t's pair table against a canonical decode of its prefix; returns the pairs. */
    private static int check(HuffmanDecodeTable t) {
        int[] pair = t.acPair();
        int fastBits = HuffmanDecodeTable.AC_FAST;
        int pairs = 0;
        for (int p = 0; p < pair.length; p++) {
            int g = pair[p];
            if (g == 0) {
                continue;
            }
            int used = g & 0x3F;
            assertTrue(used >= 1 && used <= fastBits && (g & 0x30) == 0, "bits used at prefix " + p);
            // Decode symbols from the prefix one at a time, as the one-symbol loop would.
            int[] first = symbol(t, p, 0);
            assertTrue(first != null, "entry for a prefix without a whole symbol: " + p);
            int d1 = (g >> 8) & 15;
            int d2 = (g >> 12) & 31;
            int v1 = g >> 24;
            int v2 = (g << 8) >> 25;
            boolean end = (g & HuffmanDecodeTable.END) != 0;
            int r = first[0] >> 4;
            int s = first[0] & 15;
            String at = "prefix " + p;
            if (s == 0) {
                assertEquals(first[1], used, at);
                assertEquals(r == 0 ? 0 : 15, d1, at);
                assertEquals(r == 0, end, at);
                assertEquals(0, v1, at);
                assertEquals(0, d2, at);
                assertEquals(0, v2, at);
                continue;
            }
            assertEquals(r, d1, at);
            assertEquals(first[2], v1, at);
            if (first[1] == used) {
                assertEquals(0, d2, at);
                assertEquals(0, v2, at);
                assertTrue(!end, at);
                continue;
            }
            pairs++;
            int[] second = symbol(t, p, first[1]);
            assertTrue(second != null && first[1] + second[1] == used, at);
            int r2 = second[0] >> 4;
            int s2 = second[0] & 15;
            if (s2 == 0) {
                assertEquals(0, r2, "a ZRL is never paired: " + at);
                assertTrue(end, at);
                assertEquals(1, d2, at);
                assertEquals(0, v2, at);
            } else {
                assertTrue(!end, at);
                assertEquals(r2 + 1, d2, at);
                assertEquals(second[2], v2, at);
            }
        }
        return pairs;
    }

    /**
     * Decodes one AC symbol and its extra bits from bit {@code from} of the AC_FAST-bit prefix p
     * with the canonical code of T.81 C.2: {symbol, bits used, value}, or null if the prefix
     * does not hold them whole.
     */
    private static int[] symbol(HuffmanDecodeTable t, int p, int from) {
        int fastBits = HuffmanDecodeTable.AC_FAST;
        int code = 0;
        int first = 0;                    // first code of the current length
        int index = 0;                    // index of that code's symbol
        int[] counts = countsOf(t);
        for (int len = 1; len <= 16 && from + len <= fastBits; len++) {
            code = (code << 1) | ((p >> (fastBits - from - len)) & 1);
            if (code - first < counts[len]) {
                int sym = t.values[index + code - first];
                int s = sym & 15;
                if (from + len + s > fastBits) {
                    return null;
                }
                int v = (p >> (fastBits - from - len - s)) & ((1 << s) - 1);
                int value = s == 0 ? 0 : (v < (1 << (s - 1)) ? v - (1 << s) + 1 : v);
                return new int[] {sym, len + s, value};
            }
            index += counts[len];
            first = (first + counts[len]) << 1;
        }
        return null;
    }

    /** The code counts per length, recovered from the table's canonical maxCode array. */
    private static int[] countsOf(HuffmanDecodeTable t) {
        int[] counts = new int[17];
        int first = 0;
        for (int len = 1; len <= 16; len++) {
            counts[len] = t.maxCode[len] < 0 ? 0 : t.maxCode[len] - first + 1;
            first = (first + counts[len]) << 1;
        }
        return counts;
    }

    @Test
    void blocksEndingAtPosition63WithoutEobMatchImageIo() throws IOException {
        Random rnd = new Random(63);
        for (int trial = 0; trial < 6; trial++) {
            int rows = 16 + rnd.nextInt(40);
            int cols = 16 + rnd.nextInt(60);
            boolean grey = trial % 2 == 0;
            int spp = grey ? 1 : 3;
            byte[] src = new byte[rows * cols * spp];
            for (int i = 0; i < src.length; i++) {
                // full-band noise over a mid level: most coefficients non-zero at quality 1.0,
                // large ones (outside the pair table's value ranges) among them
                src[i] = (byte) (trial < 2 ? rnd.nextInt(256) : 128 + rnd.nextInt(9) - 4);
            }
            float quality = trial < 4 ? 1.0f : 0.97f;
            byte[] jpeg = grey ? ImageIoJpeg.writeGrey(src, rows, cols, quality)
                    : ImageIoJpeg.writeRgb(src, rows, cols, 1, 1, quality);
            byte[] expected = grey ? ImageIoJpeg.decodeGrey(jpeg, rows, cols) : ImageIoJpeg.decodeRgb(jpeg, rows, cols);
            byte[] actual = new byte[src.length];
            ImageDescriptor image = ImageDescriptor.of(rows, cols, spp, 8, 8, false,
                    grey ? Photometric.MONOCHROME2 : Photometric.YBR_FULL_422);
            new JpegCodecProvider().decoder(JpegCodecProvider.BASELINE).orElseThrow()
                    .decode(ByteBuffer.wrap(jpeg), image, ByteSamples.of(actual));
            assertArrayEquals(expected, actual, cols + "x" + rows + " trial " + trial);
        }
    }
}
