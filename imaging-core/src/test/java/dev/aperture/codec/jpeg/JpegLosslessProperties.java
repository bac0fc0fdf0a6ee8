// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Lossless JPEG: decode(encode(x)) == x for any size, depth, predictor and component count. */
class JpegLosslessProperties {

    @Property(tries = 150)
    void roundTripIsIdentity(@ForAll @IntRange(min = 1, max = 40) int rows,
                             @ForAll @IntRange(min = 1, max = 40) int cols,
                             @ForAll @IntRange(min = 2, max = 16) int bits,
                             @ForAll @IntRange(min = 1, max = 7) int predictor,
                             @ForAll boolean colour,
                             @ForAll boolean signed,
                             @ForAll @IntRange(min = 0, max = 4) int restartRows,
                             @ForAll long seed) {
        int spp = colour ? 3 : 1;
        int alloc = bits <= 8 ? 8 : 16;
        ImageDescriptor image = ImageDescriptor.of(rows, cols, spp, alloc, bits, signed,
                colour ? Photometric.RGB : Photometric.MONOCHROME2);
        Random rnd = new Random(seed);
        int n = image.samplesPerFrame();
        int max = (1 << bits) - 1;
        int[] v = new int[n];
        int walk = rnd.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            // mixture of smooth runs, jumps to the extremes and noise
            int r = rnd.nextInt(10);
            walk = r == 0 ? 0 : r == 1 ? max : Math.max(0, Math.min(max, walk + rnd.nextInt(65) - 32));
            v[i] = signed ? walk - (1 << (bits - 1)) : walk;
        }
        LosslessEncoder enc = new LosslessEncoder(false, restartRows);
        EncodedFrame e;
        JpegDecoder dec = new JpegDecoder(false, true);
        DecodedFrame f;
        EncodeOptions opt = EncodeOptions.DEFAULT.withPredictor(predictor);
        if (alloc == 8) {
            byte[] src = new byte[n];
            for (int i = 0; i < n; i++) {
                src[i] = (byte) v[i];
            }
            e = enc.encode(ByteSamples.of(src), image, opt);
            byte[] out = new byte[n];
            f = dec.decode(ByteBuffer.wrap(e.bytes()), image, ByteSamples.of(out));
            assertArrayEquals(src, out);
        } else {
            short[] src = new short[n];
            for (int i = 0; i < n; i++) {
                src[i] = (short) v[i];
            }
            e = enc.encode(ShortSamples.of(src), image, opt);
            short[] out = new short[n];
            f = dec.decode(ByteBuffer.wrap(e.bytes()), image, ShortSamples.of(out));
            assertArrayEquals(src, out);
        }
        assertTrue(f.repairs().isEmpty(), f.repairs().toString());
    }
}
