// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpegls;

import static dev.aperture.codec.jpegls.JlsTestSupport.allocate;
import static dev.aperture.codec.jpegls.JlsTestSupport.array;
import static dev.aperture.codec.jpegls.JlsTestSupport.maxError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.imaging.ApertureException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the codec on random images of every bit depth (2..16), 1, 3 or 4 components and
 * every interleave mode: lossless round trips are exact, near-lossless ones stay within NEAR,
 * and corrupted streams give only the library's exception, quickly.
 */
class JpegLsProperties {

    /** Random samples with flat patches (run mode), smooth parts and noise (regular mode). */
    static Object image(ImageDescriptor d, long seed) {
        Random rnd = new Random(seed);
        int max = (1 << d.bitsStored()) - 1;
        int n = d.samplesPerFrame();
        int[] v = new int[n];
        int style = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            int x = (i / d.samplesPerPixel()) % d.columns();
            v[i] = switch (style) {
                case 0 -> rnd.nextInt(max + 1);
                case 1 -> (x / 7) % 2 == 0 ? max / 3 : rnd.nextInt(max + 1);
                case 2 -> Math.min(max, (int) ((long) max * x / Math.max(1, d.columns())) + rnd.nextInt(3));
                default -> rnd.nextInt(8) == 0 ? rnd.nextInt(max + 1) : (i > 0 ? v[i - 1] : 0);
            };
        }
        boolean signed = d.signed();
        if (d.bitsAllocated() == 8) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) v[i];
            }
            return b;
        }
        short[] s = new short[n];
        int shift = 32 - d.bitsStored();
        for (int i = 0; i < n; i++) {
            s[i] = (short) (signed ? (v[i] << shift) >> shift : v[i]);
        }
        return s;
    }

    static ImageDescriptor descriptor(int rows, int cols, int comps, int bits, boolean signed) {
        Photometric p = comps == 1 ? Photometric.MONOCHROME2 : comps == 3 ? Photometric.RGB : Photometric.CMYK;
        return ImageDescriptor.of(rows, cols, comps, bits <= 8 ? 8 : 16, bits, signed && bits > 8, p);
    }

    /** Decodes {@code jls} and asserts the samples equal {@code src} exactly. */
    private static void assertDecodesTo(Object src, byte[] jls, ImageDescriptor d) {
        Samples dst = allocate(d);
        new JpegLsDecoder(true).decode(ByteBuffer.wrap(jls), d, dst);
        if (src instanceof byte[] b) {
            assertArrayEquals(b, (byte[]) array(dst));
        } else {
            assertArrayEquals((short[]) src, (short[]) array(dst));
        }
    }

    private static int components(int pick) {
        return pick == 0 ? 1 : pick == 1 ? 3 : 4;
    }

    @Property(tries = 300)
    void losslessRoundTripIsExact(@ForAll @IntRange(min = 2, max = 16) int bits,
                                  @ForAll @IntRange(min = 0, max = 2) int compPick,
                                  @ForAll @IntRange(min = 0, max = 2) int ilv,
                                  @ForAll @IntRange(min = 1, max = 33) int rows,
                                  @ForAll @IntRange(min = 1, max = 33) int cols,
                                  @ForAll boolean signed, @ForAll long seed) {
        ImageDescriptor d = descriptor(rows, cols, components(compPick), bits, signed);
        Object src = image(d, seed);
        byte[] jls = JpegLsEncoder.encode(JlsTestSupport.wrapArray(src), d, 0, ilv, null);
        assertDecodesTo(src, jls, d);
    }

    /**
     * Lossless round trips with restart intervals, where the decoder resets its lines and
     * contexts: every interleave mode, run-heavy images among the styles of {@link #image},
     * odd widths.
     */
    @Property(tries = 200)
    void losslessRoundTripWithRestartsIsExact(@ForAll @IntRange(min = 2, max = 16) int bits,
                                              @ForAll @IntRange(min = 0, max = 2) int compPick,
                                              @ForAll @IntRange(min = 0, max = 2) int ilv,
                                              @ForAll @IntRange(min = 2, max = 24) int rows,
                                              @ForAll @IntRange(min = 1, max = 33) int cols,
                                              @ForAll @IntRange(min = 1, max = 5) int restart,
                                              @ForAll long seed) {
        ImageDescriptor d = descriptor(rows, cols, components(compPick), bits, false);
        Object src = image(d, seed);
        byte[] jls = JpegLsEncoder.encode(JlsTestSupport.wrapArray(src), d, 0, ilv, null, false, restart);
        assertDecodesTo(src, jls, d);
    }

    @Property(tries = 300)
    void nearLosslessStaysWithinNear(@ForAll @IntRange(min = 2, max = 16) int bits,
                                     @ForAll @IntRange(min = 0, max = 2) int compPick,
                                     @ForAll @IntRange(min = 0, max = 2) int ilv,
                                     @ForAll @IntRange(min = 1, max = 33) int rows,
                                     @ForAll @IntRange(min = 1, max = 33) int cols,
                                     @ForAll @IntRange(min = 1, max = 255) int nearWanted,
                                     @ForAll long seed) {
        ImageDescriptor d = descriptor(rows, cols, components(compPick), bits, false);
        int near = Math.min(nearWanted, ((1 << bits) - 1) / 2);
        Object src = image(d, seed);
        byte[] jls = JpegLsEncoder.encode(JlsTestSupport.wrapArray(src), d, near, ilv, null);
        Samples dst = allocate(d);
        new JpegLsDecoder(false).decode(ByteBuffer.wrap(jls), d, dst);
        int err = maxError(src, array(dst), bits);
        assertTrue(err <= near, "error " + err + " > NEAR " + near);
    }

    @Property(tries = 300)
    void corruptedStreamsGiveOnlyTheLibrarysException(@ForAll @IntRange(min = 2, max = 16) int bits,
                                                      @ForAll @IntRange(min = 0, max = 2) int compPick,
                                                      @ForAll @IntRange(min = 0, max = 2) int ilv,
                                                      @ForAll @IntRange(min = 0, max = 3) int near,
                                                      @ForAll long seed) {
        ImageDescriptor d = descriptor(24, 19, components(compPick), bits, false);
        int nr = Math.min(near, ((1 << bits) - 1) / 2);
        byte[] jls = JpegLsEncoder.encode(JlsTestSupport.wrapArray(image(d, seed)), d, nr, ilv, null, false,
                (int) (seed & 7));
        Random rnd = new Random(seed);
        byte[] bad = jls.clone();
        int flips = 1 + rnd.nextInt(6);
        for (int i = 0; i < flips; i++) {
            int at = rnd.nextInt(bad.length);
            bad[at] = switch (rnd.nextInt(4)) {
                case 0 -> (byte) 0xFF;
                case 1 -> 0;
                default -> (byte) rnd.nextInt(256);
            };
        }
        byte[] input = rnd.nextBoolean() ? bad : java.util.Arrays.copyOf(bad, rnd.nextInt(bad.length + 1));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                new JpegLsDecoder(false).decode(ByteBuffer.wrap(input), d, allocate(d));
            } catch (ApertureException expected) {
                assertFalse(expected.getMessage().isEmpty());
            } catch (RuntimeException | Error e) {
                fail("unexpected " + e, e);
            }
        });
    }
}
