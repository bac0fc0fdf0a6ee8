// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.nativ;

import dev.aperture.codec.TestSamples;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** jqwik: native decode(encode(x)) == x for every depth, layout, planar configuration, float or not. */
class NativeProperties {

    @Property(tries = 300)
    void decodeOfEncodeIsIdentity(@ForAll @IntRange(min = 1, max = 20) int rows,
                                  @ForAll @IntRange(min = 1, max = 33) int cols,
                                  @ForAll @IntRange(min = 0, max = 4) int depth,
                                  @ForAll boolean rgb, @ForAll boolean planar, @ForAll boolean floating,
                                  @ForAll NativeLayout layout,
                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        int bits = new int[] {1, 8, 16, 32, 64}[depth];
        boolean colour = rgb && bits != 1;
        ImageDescriptor image = ImageDescriptor.of(rows, cols, colour ? 3 : 1, bits, bits, false,
                colour ? Photometric.RGB : Photometric.MONOCHROME2).withPlanarConfiguration(colour && planar ? 1 : 0);
        Samples src = bits == 32 && floating ? FloatSamples.of(new float[image.samplesPerFrame()])
                : Samples.allocate(image, 1);
        Random rnd = new Random(seed);
        fill(src, rnd, bits);
        byte[] enc = NativeFrames.encode(src, image, layout);
        Samples back = bits == 32 && floating ? FloatSamples.of(new float[image.samplesPerFrame()])
                : Samples.allocate(image, 1);
        NativeFrames.decode(ByteBuffer.wrap(enc), 0, image, back, layout);
        dev.aperture.codec.rle.RleOracleTestAccess.assertArrayEqualsAny(TestSamples.contents(src),
                TestSamples.contents(back), "round trip");
    }

    private static void fill(Samples s, Random rnd, int bits) {
        int n = s.length();
        if (s instanceof ByteSamples b) {
            for (int i = 0; i < n; i++) {
                b.array()[i] = (byte) (bits == 1 ? rnd.nextInt(2) : rnd.nextInt(256));
            }
        } else if (s instanceof dev.aperture.image.ShortSamples b) {
            for (int i = 0; i < n; i++) {
                b.array()[i] = (short) rnd.nextInt();
            }
        } else if (s instanceof dev.aperture.image.IntSamples b) {
            for (int i = 0; i < n; i++) {
                b.array()[i] = rnd.nextInt();
            }
        } else if (s instanceof FloatSamples b) {
            for (int i = 0; i < n; i++) {
                b.array()[i] = (float) rnd.nextGaussian() * 1000;
            }
        } else {
            double[] a = ((dev.aperture.image.DoubleSamples) s).array();
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextGaussian();
            }
        }
    }
}
