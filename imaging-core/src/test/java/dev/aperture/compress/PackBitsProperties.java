// SPDX-License-Identifier: Apache-2.0
package dev.aperture.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** jqwik: PackBits decode(encode(x)) == x with strides, within the worst-case bound, and truncation is reported. */
class PackBitsProperties {

    @Property(tries = 300)
    void decodeOfEncodeIsIdentity(@ForAll @IntRange(min = 0, max = 2000) int count,
                                  @ForAll @IntRange(min = 1, max = 4) int stride,
                                  @ForAll @IntRange(min = 0, max = 300) int maxRun,
                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Random rnd = new Random(seed);
        byte[] src = new byte[count * stride + 1];
        for (int i = 0; i < count; ) {
            byte v = (byte) rnd.nextInt(256);
            int run = 1 + (maxRun == 0 ? 0 : rnd.nextInt(maxRun));
            for (int k = 0; k < run && i < count; k++, i++) {
                src[1 + i * stride] = rnd.nextInt(8) == 0 ? (byte) rnd.nextInt(256) : v;
            }
        }
        byte[] enc = new byte[PackBits.maxEncodedLength(count) + 3];
        int end = PackBits.encode(src, 1, stride, count, enc, 3);
        assertTrue(end - 3 <= PackBits.maxEncodedLength(count), "within the bound");
        byte[] back = new byte[count * stride + 1];
        assertEquals(end, PackBits.decode(enc, 3, end, back, 1, stride, count));
        for (int i = 0; i < count; i++) {
            assertEquals(src[1 + i * stride], back[1 + i * stride]);
        }
        if (count > 0) {
            assertEquals(PackBits.TRUNCATED, PackBits.decode(enc, 3, end - 1, new byte[back.length], 1, stride, count));
        }
    }

    @Property(tries = 50)
    void aRunOfOneValueCostsTwoBytesPer128(@ForAll @IntRange(min = 3, max = 1000) int count) {
        byte[] src = new byte[count];
        byte[] enc = new byte[PackBits.maxEncodedLength(count)];
        int end = PackBits.encode(src, 0, 1, count, enc, 0);
        int full = count / 128;
        int rest = count % 128;
        int expected = 2 * full + (rest == 0 ? 0 : rest >= 3 ? 2 : 1 + rest);
        assertEquals(expected, end);
        byte[] back = new byte[count];
        PackBits.decode(enc, 0, end, back, 0, 1, count);
        assertArrayEquals(src, back);
    }
}
