// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.TestSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.Deflater;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** jqwik: deflated-frame decode(encode(x)) == x for 1-, 8-, 16- and 32-bit images, 1 and 3 samples, planar 0 and 1. */
class DeflatedFrameProperties {

    @Property(tries = 150)
    void decodeOfEncodeIsIdentity(@ForAll @IntRange(min = 1, max = 30) int rows,
                                  @ForAll @IntRange(min = 1, max = 70) int cols,
                                  @ForAll @IntRange(min = 0, max = 3) int depth,
                                  @ForAll boolean rgb, @ForAll boolean planar,
                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        int bits = new int[] {1, 8, 16, 32}[depth];
        boolean colour = rgb && bits != 1;
        ImageDescriptor image = ImageDescriptor.of(rows, cols, colour ? 3 : 1, bits, bits, false,
                colour ? Photometric.RGB : Photometric.MONOCHROME2).withPlanarConfiguration(colour && planar ? 1 : 0);
        Samples src = Samples.allocate(image, 1);
        dev.aperture.codec.rle.RleTestAccess.fill(src, new Random(seed), 1);
        if (bits == 1) {
            byte[] a = ((dev.aperture.image.ByteSamples) src).array();
            for (int i = 0; i < a.length; i++) {
                a[i] &= 1;
            }
        }
        byte[] enc = new DeflatedFrameEncoder(Deflater.BEST_SPEED).encode(src, image, EncodeOptions.DEFAULT).bytes();
        Samples back = Samples.allocate(image, 1);
        assertTrue(new DeflatedFrameDecoder().decode(ByteBuffer.wrap(enc), image, back).repairs().isEmpty());
        dev.aperture.codec.rle.RleOracleTestAccess.assertArrayEqualsAny(TestSamples.contents(src),
                TestSamples.contents(back), "round trip");
    }
}
