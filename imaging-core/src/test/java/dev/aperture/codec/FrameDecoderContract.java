// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.DoubleSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FrameDecoder} must honour (STYLE.md section 7). A codec's test
 * extends this and supplies the decoder and a few valid frames with their expected samples.
 *
 * <p>Covered: the expected output; output at an offset with canaries on both sides; the
 * encoded buffer's position and limit respected and unchanged; a destination that is too small;
 * every truncation and random corruption of valid frames giving either samples or an
 * {@link ApertureException}, and nothing else, within a time bound; the same for descriptors a
 * damaged dataset could carry (other Bits Allocated, Bits Stored, Samples per Pixel, Rows,
 * Columns, Planar Configuration) with a destination allocated for them.
 */
public abstract class FrameDecoderContract {

    /**
     * A valid encoded frame and what it must decode to.
     *
     * @param name     label for messages
     * @param encoded  encoded bytes of exactly one frame
     * @param image    the descriptor the decoder receives
     * @param expected the expected samples, an array of the type {@code image} calls for
     *                 (byte[], short[], int[], float[] or double[])
     */
    public record Case(String name, byte[] encoded, ImageDescriptor image, Object expected) {
    }

    /** Returns the decoder under test. */
    protected abstract FrameDecoder decoder();

    /** Returns a few valid frames (small ones: corruption tests decode each many times). */
    protected abstract List<Case> cases();

    /** How many random corruptions per case. */
    protected int corruptions() {
        return 300;
    }

    private static final int CANARY = 0x5A;

    @Test
    void decodesTheExpectedSamples() {
        for (Case c : cases()) {
            Samples dst = allocate(c.expected(), 0, 0);
            decoder().decode(ByteBuffer.wrap(c.encoded()), c.image(), dst);
            assertSameSamples(c.name(), c.expected(), dst);
        }
    }

    @Test
    void writesAtTheOffsetAndNothingOutsideIt() {
        for (Case c : cases()) {
            int pad = 7;
            Samples dst = allocate(c.expected(), pad, pad);
            decoder().decode(ByteBuffer.wrap(c.encoded()), c.image(), dst);
            assertSameSamples(c.name(), c.expected(), dst);
            assertCanaries(c.name(), dst, pad);
        }
    }

    @Test
    void respectsAndKeepsBufferPositionAndLimit() {
        for (Case c : cases()) {
            byte[] framed = new byte[c.encoded().length + 20];
            Arrays.fill(framed, (byte) 0xFF);
            System.arraycopy(c.encoded(), 0, framed, 10, c.encoded().length);
            ByteBuffer buf = ByteBuffer.wrap(framed);
            buf.position(10).limit(10 + c.encoded().length);
            Samples dst = allocate(c.expected(), 0, 0);
            decoder().decode(buf, c.image(), dst);
            assertEquals(10, buf.position(), c.name() + ": position changed");
            assertEquals(10 + c.encoded().length, buf.limit(), c.name() + ": limit changed");
            assertSameSamples(c.name(), c.expected(), dst);
            // A read-only or direct buffer holds the same bytes and must decode the same.
            ByteBuffer direct = ByteBuffer.allocateDirect(c.encoded().length);
            direct.put(c.encoded()).flip();
            Samples dst2 = allocate(c.expected(), 0, 0);
            decoder().decode(direct.asReadOnlyBuffer(), c.image(), dst2);
            assertSameSamples(c.name() + " (direct, read-only)", c.expected(), dst2);
        }
    }

    @Test
    void rejectsATooSmallDestination() {
        for (Case c : cases()) {
            Samples tooSmall = shrink(allocate(c.expected(), 0, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> decoder().decode(ByteBuffer.wrap(c.encoded()), c.image(), tooSmall), c.name());
        }
    }

    @Test
    void truncatedInputGivesOnlyTheLibrarysException() {
        for (Case c : cases()) {
            byte[] enc = c.encoded();
            int step = Math.max(1, enc.length / 200);
            for (int len = 0; len < enc.length; len += step) {
                byte[] cut = Arrays.copyOf(enc, len);
                decodeExpectingNothingButApertureException(c, cut, "truncated to " + len);
            }
        }
    }

    @Test
    void corruptedInputGivesOnlyTheLibrarysException() {
        Random rnd = new Random(0xA9E27DL);
        for (Case c : cases()) {
            byte[] enc = c.encoded();
            for (int i = 0; i < corruptions() && enc.length > 0; i++) {
                byte[] bad = enc.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = rnd.nextInt(bad.length);
                    bad[at] = rnd.nextInt(4) == 0 ? (byte) 0xFF : (byte) rnd.nextInt(256);
                }
                decodeExpectingNothingButApertureException(c, bad, "corruption " + i);
            }
        }
    }

    @Test
    void descriptorsOfADamagedDatasetGiveOnlyTheLibrarysException() {
        for (Case c : cases()) {
            ImageDescriptor d = c.image();
            for (ImageDescriptor v : damagedDescriptors(d)) {
                Samples dst = Samples.allocate(v, 1);
                String what = c.name() + " as " + v;
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    try {
                        decoder().decode(ByteBuffer.wrap(c.encoded()), v, dst);
                    } catch (ApertureException expected) {
                        assertFalse(expected.getMessage().isEmpty(), "empty message");
                    } catch (RuntimeException | Error e) {
                        fail(what + ": " + e, e);
                    }
                });
            }
        }
    }

    /** What the dataset's attributes could say instead, when damaged or wrong. */
    private static List<ImageDescriptor> damagedDescriptors(ImageDescriptor d) {
        List<ImageDescriptor> out = new ArrayList<>();
        for (int ba : new int[] {1, 8, 16, 32, 64}) {
            for (int bs : new int[] {1, Math.min(ba, d.bitsStored()), ba}) {
                out.add(new ImageDescriptor(d.rows(), d.columns(), d.samplesPerPixel(), ba, bs, d.signed(),
                        d.photometric(), d.planarConfiguration(), 1));
            }
        }
        for (int spp = 1; spp <= 4; spp++) {
            out.add(new ImageDescriptor(d.rows(), d.columns(), spp, d.bitsAllocated(), d.bitsStored(), d.signed(),
                    d.photometric(), 1 - d.planarConfiguration(), 1));
        }
        out.add(new ImageDescriptor(d.rows() + 1, d.columns(), d.samplesPerPixel(), d.bitsAllocated(),
                d.bitsStored(), !d.signed(), d.photometric(), d.planarConfiguration(), 1));
        out.add(new ImageDescriptor(d.rows(), Math.max(1, d.columns() - 1), d.samplesPerPixel(),
                d.bitsAllocated(), d.bitsStored(), d.signed(), d.photometric(), d.planarConfiguration(), 1));
        out.add(new ImageDescriptor(Math.min(0xFFFF, d.rows() * 3), d.columns() * 2 > 0xFFFF ? d.columns()
                : d.columns() * 2, d.samplesPerPixel(), d.bitsAllocated(), d.bitsStored(), d.signed(),
                d.photometric(), d.planarConfiguration(), 1));
        return out;
    }

    private void decodeExpectingNothingButApertureException(Case c, byte[] input, String what) {
        Samples dst = allocate(c.expected(), 3, 3);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                decoder().decode(ByteBuffer.wrap(input), c.image(), dst);
            } catch (ApertureException expected) {
                assertFalse(expected.getMessage().isEmpty(), "empty message");
            } catch (RuntimeException | Error e) {
                fail(c.name() + ", " + what + ": " + e, e);
            }
        });
        assertCanaries(c.name() + ", " + what, dst, 3);
    }

    // ---- helpers over the five sample types --------------------------------------------------

    private static Samples allocate(Object expected, int before, int after) {
        if (expected instanceof byte[] a) {
            byte[] arr = new byte[before + a.length + after];
            Arrays.fill(arr, (byte) CANARY);
            return new ByteSamples(arr, before, a.length);
        } else if (expected instanceof short[] a) {
            short[] arr = new short[before + a.length + after];
            Arrays.fill(arr, (short) CANARY);
            return new ShortSamples(arr, before, a.length);
        } else if (expected instanceof int[] a) {
            int[] arr = new int[before + a.length + after];
            Arrays.fill(arr, CANARY);
            return new IntSamples(arr, before, a.length);
        } else if (expected instanceof float[] a) {
            float[] arr = new float[before + a.length + after];
            Arrays.fill(arr, CANARY);
            return new FloatSamples(arr, before, a.length);
        } else if (expected instanceof double[] a) {
            double[] arr = new double[before + a.length + after];
            Arrays.fill(arr, CANARY);
            return new DoubleSamples(arr, before, a.length);
        }
        throw new IllegalArgumentException("expected must be a primitive array");
    }

    private static Samples shrink(Samples s) {
        return s.window(0, s.length() - 1);
    }

    /** Every element of the backing array as a double (exact for all five types). */
    private static double[] backing(Samples s) {
        if (s instanceof ByteSamples b) {
            double[] d = new double[b.array().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = b.array()[i];
            }
            return d;
        } else if (s instanceof ShortSamples b) {
            double[] d = new double[b.array().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = b.array()[i];
            }
            return d;
        } else if (s instanceof IntSamples b) {
            double[] d = new double[b.array().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = b.array()[i];
            }
            return d;
        } else if (s instanceof FloatSamples b) {
            double[] d = new double[b.array().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = b.array()[i];
            }
            return d;
        }
        return ((DoubleSamples) s).array().clone();
    }

    private static void assertSameSamples(String name, Object expected, Samples dst) {
        int o = dst.offset();
        int n = dst.length();
        if (dst instanceof ByteSamples b) {
            assertArrayEquals((byte[]) expected, Arrays.copyOfRange(b.array(), o, o + n), name);
        } else if (dst instanceof ShortSamples b) {
            assertArrayEquals((short[]) expected, Arrays.copyOfRange(b.array(), o, o + n), name);
        } else if (dst instanceof IntSamples b) {
            assertArrayEquals((int[]) expected, Arrays.copyOfRange(b.array(), o, o + n), name);
        } else if (dst instanceof FloatSamples b) {
            assertArrayEquals((float[]) expected, Arrays.copyOfRange(b.array(), o, o + n), name);
        } else {
            assertArrayEquals((double[]) expected,
                    Arrays.copyOfRange(((DoubleSamples) dst).array(), o, o + n), name);
        }
    }

    private static void assertCanaries(String name, Samples dst, int pad) {
        double[] all = backing(dst);
        int o = dst.offset();
        int end = o + dst.length();
        for (int i = 0; i < pad; i++) {
            assertEquals(CANARY, all[o - 1 - i], name + ": wrote before the offset");
            assertEquals(CANARY, all[end + i], name + ": wrote past the end");
        }
    }
}
