// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Extended (SOF1) 12-bit encoding for any frame size (partial MCUs, 1x1), signedness, Bits Stored
 * and table choice: our decoder reads the stream back, and at quality 100 (every quantiser 1) the
 * error against the source (plus the value offset) stays within the rounding bound.
 */
class JpegExtendedProperties {

    private static final FrameEncoder EXTENDED = new JpegCodecProvider().encoder(JpegCodecProvider.EXTENDED).orElseThrow();

    @Property(tries = 120)
    void qualityHundredStaysWithinRounding(@ForAll @IntRange(min = 1, max = 40) int rows,
                                           @ForAll @IntRange(min = 1, max = 40) int cols,
                                           @ForAll @IntRange(min = 9, max = 12) int stored,
                                           @ForAll boolean signed,
                                           @ForAll boolean optimised,
                                           @ForAll long seed) {
        ImageDescriptor image = ImageDescriptor.of(rows, cols, 1, 16, stored, signed, Photometric.MONOCHROME2);
        Random rnd = new Random(seed);
        int max = (1 << stored) - 1;
        short[] src = new short[rows * cols];
        // a random walk plus noise: smooth areas, edges and texture
        int walk = rnd.nextInt(max + 1);
        for (int i = 0; i < src.length; i++) {
            walk = Math.max(0, Math.min(max, walk + (int) (rnd.nextGaussian() * max / 40)));
            int v = rnd.nextInt(16) == 0 ? rnd.nextInt(max + 1) : walk;
            src[i] = (short) (signed ? v - (1 << (stored - 1)) : v);
        }
        EncodedFrame e = EXTENDED.encode(ShortSamples.of(src), image,
                EncodeOptions.DEFAULT.withQuality(100).withOptimisedHuffman(optimised));
        assertEquals(signed ? 2048 : 0, e.valueOffset());
        ImageDescriptor declared = JpegExtendedEncoderTest.declared(image.withFrames(1), e);
        short[] back = (short[]) JpegEncoderTest.decodeOwn(e.bytes(), declared, JpegCodecProvider.EXTENDED);
        int worst = 0;
        for (int i = 0; i < src.length; i++) {
            int expected = (signed ? src[i] : src[i] & 0xFFFF) + e.valueOffset();
            worst = Math.max(worst, Math.abs(expected - (back[i] & 0xFFFF)));
        }
        // Quantiser 1: each coefficient is off by at most 1/2 before the decoder's integer IDCT
        // rounds again; over 120 random frames the worst error measured was 1 (0 for 15).
        assertTrue(worst <= 2, "max error " + worst);
    }
}
