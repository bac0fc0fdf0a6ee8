// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.TestSamples;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** jqwik: RLE decode(encode(x)) == x for random images of 8, 16 and 32 bits, 1 and 3 samples. */
class RleProperties {

    @Property(tries = 200)
    void decodeOfEncodeIsIdentity(@ForAll @IntRange(min = 1, max = 40) int rows,
                                  @ForAll @IntRange(min = 1, max = 300) int cols,
                                  @ForAll @IntRange(min = 0, max = 2) int depth,
                                  @ForAll boolean rgb,
                                  @ForAll @IntRange(min = 0, max = 3) int runniness,
                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        int bits = new int[] {8, 16, 32}[depth];
        ImageDescriptor image = ImageDescriptor.of(rows, cols, rgb ? 3 : 1, bits, bits, false,
                rgb ? Photometric.RGB : Photometric.MONOCHROME2);
        Samples src = Samples.allocate(image, 1);
        fill(src, new Random(seed), runniness);
        byte[] enc = new RleEncoder().encode(src, image, EncodeOptions.DEFAULT).bytes();
        Samples back = Samples.allocate(image, 1);
        var r = new RleDecoder().decode(ByteBuffer.wrap(enc), image, back);
        assertEquals(0, r.repairs().size());
        RleOracleTest.assertArrayEqualsAny(TestSamples.contents(src), TestSamples.contents(back), "round trip");
    }

    /** Noise mixed with runs of varying length, so both PackBits run kinds and the 128 cap occur. */
    static void fill(Samples s, Random rnd, int runniness) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int v = rnd.nextInt();
            int len = runniness == 0 ? 1 : 1 + rnd.nextInt(runniness * 100);
            for (int k = 0; k < len && i < n; k++, i++) {
                int x = rnd.nextInt(4) == 0 ? rnd.nextInt() : v;
                if (s instanceof ByteSamples b) {
                    b.array()[i] = (byte) x;
                } else if (s instanceof ShortSamples b) {
                    b.array()[i] = (short) x;
                } else {
                    ((IntSamples) s).array()[i] = x;
                }
            }
        }
    }
}
