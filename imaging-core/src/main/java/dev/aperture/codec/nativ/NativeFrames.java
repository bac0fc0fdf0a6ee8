// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.nativ;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.DoubleSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Native (uncompressed) frames: decoding bytes into {@link Samples} and encoding them back.
 *
 * <p>Sample types: Bits Allocated 1 and 8 in {@link ByteSamples} (1-bit data unpacked to one
 * byte per pixel, 0 or 1), 16 in {@link ShortSamples}, 32 in {@link IntSamples} or, for Float
 * Pixel Data, {@link FloatSamples}, 64 (Double Float Pixel Data) in {@link DoubleSamples}.
 * Values are returned as stored: no masking to Bits Stored and no sign extension (see
 * {@code dev.aperture.pixel.StoredValues} for that). Planar Configuration 1 is converted to
 * interleaved samples on decoding, and produced from them on encoding.
 *
 * <p>Multi-frame 1-bit data is packed across frame boundaries, so frame {@code i} starts at bit
 * {@link #frameBitOffset(ImageDescriptor, int) frameBitOffset(image, i)} of the Pixel Data
 * value, usually in the middle of a byte.
 *
 * <p>Native YBR_FULL_422 and YBR_PARTIAL_422 (8-bit) are stored subsampled, two bytes per pixel;
 * they decode to three samples per pixel (the chroma of each pixel pair repeated), reported as
 * YBR_FULL (or still YBR_PARTIAL_422) in the returned {@link DecodedFrame}, and encode back
 * with the mean chroma of each pair. Use {@link #frameLength} for their frame size. {@link #decode(ByteBuffer, long, ImageDescriptor,
 * Samples, NativeLayout)} takes that bit offset.
 *
 * <p>Stateless and thread-safe. Input buffers are not modified (their position and limit are
 * kept); output goes into the caller's arrays.
 */
public final class NativeFrames {

    private NativeFrames() {
    }

    /**
     * Returns the {@link FrameDecoder} for one layout: each frame starts at the buffer's
     * position, at bit 0 of that byte.
     *
     * @param layout the byte order (and OB/OW for big endian)
     * @return a stateless decoder
     */
    public static FrameDecoder decoder(NativeLayout layout) {
        Objects.requireNonNull(layout, "layout");
        return (encoded, image, dst) -> decode(encoded, 0L, image, dst, layout);
    }

    /**
     * Returns the {@link FrameEncoder} for one layout ({@link #encode}).
     *
     * @param layout the byte order (and OB/OW for big endian)
     * @return a stateless encoder
     */
    public static FrameEncoder encoder(NativeLayout layout) {
        Objects.requireNonNull(layout, "layout");
        return (src, image, options) -> new EncodedFrame(encode(src, image, layout), image.photometric(), false);
    }

    /**
     * Returns where frame {@code frame} starts in a native Pixel Data value, in bits:
     * {@code frame * rows * columns * samplesPerPixel * bitsAllocated}.
     *
     * @param image the image
     * @param frame 0-based frame index
     * @return the bit offset (a multiple of 8 unless Bits Allocated is 1)
     */
    public static long frameBitOffset(ImageDescriptor image, int frame) {
        if (frame < 0) {
            throw new IllegalArgumentException("frame must not be negative");
        }
        if (subsampled(image)) {
            return (long) frame * frameLength(image) * 8;
        }
        return (long) frame * image.samplesPerFrame() * image.bitsAllocated();
    }

    /**
     * Returns the bytes of one native frame: {@link ImageDescriptor#nativeFrameLength()}, except
     * for 8-bit YBR_FULL_422 and YBR_PARTIAL_422, whose native form stores two bytes per pixel
     * (PS3.3 C.7.6.3.1.2: Y1 Y2 Cb Cr for each pair of pixels in a row).
     *
     * @param image the image
     * @return the frame length in bytes, rounded up to whole bytes for 1-bit data
     */
    public static long frameLength(ImageDescriptor image) {
        if (subsampled(image)) {
            return (long) image.pixelsPerFrame() * 2;
        }
        return image.nativeFrameLength();
    }

    /** Native YBR 4:2:2 with 8-bit samples, the only subsampled native layout. */
    private static boolean subsampled(ImageDescriptor image) {
        return (image.photometric() == Photometric.YBR_FULL_422 || image.photometric() == Photometric.YBR_PARTIAL_422)
                && image.samplesPerPixel() == 3 && image.bitsAllocated() == 8;
    }

    private static void requireEvenColumns(ImageDescriptor image) {
        if ((image.columns() & 1) != 0) {
            throw new UnsupportedDataException("YBR 4:2:2 with an odd number of columns");
        }
    }

    /**
     * Native YBR_FULL_422: pairs of pixels stored as Y1 Y2 Cb Cr, upsampled here by giving both
     * pixels of a pair the pair's Cb and Cr (PS3.3 C.7.6.3.1.2).
     */
    private static DecodedFrame decode422(ByteBuffer src, long start, ImageDescriptor image, ByteSamples dst) {
        requireEvenColumns(image);
        int pairs = image.pixelsPerFrame() / 2;
        requireBytes(start + 4L * pairs, src.remaining());
        byte[] a = dst.array();
        int o = dst.offset();
        int p = src.position() + (int) start;
        for (int i = 0; i < pairs; i++, p += 4, o += 6) {
            byte y1 = src.get(p);
            byte y2 = src.get(p + 1);
            byte cb = src.get(p + 2);
            byte cr = src.get(p + 3);
            a[o] = y1;
            a[o + 1] = cb;
            a[o + 2] = cr;
            a[o + 3] = y2;
            a[o + 4] = cb;
            a[o + 5] = cr;
        }
        Photometric out = image.photometric() == Photometric.YBR_FULL_422 ? Photometric.YBR_FULL : image.photometric();
        return new DecodedFrame(out, image.bitsStored(), image.signed(), java.util.List.of());
    }

    /** The inverse of {@link #decode422}: chroma of each pair is the rounded mean of its two pixels. */
    private static byte[] encode422(ByteSamples src, ImageDescriptor image) {
        requireEvenColumns(image);
        int pairs = image.pixelsPerFrame() / 2;
        byte[] out = new byte[4 * pairs];
        byte[] a = src.array();
        int o = src.offset();
        for (int i = 0, q = 0; i < pairs; i++, q += 4, o += 6) {
            out[q] = a[o];
            out[q + 1] = a[o + 3];
            out[q + 2] = (byte) (((a[o + 1] & 0xFF) + (a[o + 4] & 0xFF) + 1) >> 1);
            out[q + 3] = (byte) (((a[o + 2] & 0xFF) + (a[o + 5] & 0xFF) + 1) >> 1);
        }
        return out;
    }

    /**
     * Decodes one native frame that starts {@code bitOffset} bits after the buffer's position.
     *
     * <p>The buffer's position must be at an even byte offset of the Pixel Data value (so that
     * OW byte pairs line up); to read frame {@code i} of a long value, position the buffer at
     * {@code w = (frameBitOffset(image, i) / 8) & ~1} and pass {@code frameBitOffset(image, i) - 8 * w}.
     * Bytes past the frame are ignored.
     *
     * @param src       the bytes, from position to limit; not modified
     * @param bitOffset where the frame starts, in bits from the position; a multiple of 8 unless
     *                  Bits Allocated is 1
     * @param image     the image ({@code frames} is ignored)
     * @param dst       receives {@code image.samplesPerFrame()} interleaved samples
     * @param layout    byte order and OB/OW
     * @return the frame as described (native data has nothing to repair), except that 4:2:2
     *         YBR_FULL_422 comes back upsampled as YBR_FULL
     * @throws MalformedDataException   if the buffer ends before the frame does
     * @throws UnsupportedDataException for 1-bit data with more than one sample per pixel
     * @throws IllegalArgumentException if {@code dst} is of the wrong type or too small, or the
     *                                  offset is negative or not byte aligned for byte data
     */
    public static DecodedFrame decode(ByteBuffer src, long bitOffset, ImageDescriptor image, Samples dst,
                                      NativeLayout layout) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(layout, "layout");
        int n = image.samplesPerFrame();
        checkSamples(image, dst, n);
        int ba = image.bitsAllocated();
        if (bitOffset < 0 || (ba != 1 && (bitOffset & 7) != 0)) {
            throw new IllegalArgumentException("bitOffset must be non-negative and byte aligned for byte data");
        }
        long avail = src.remaining();
        boolean swap = layout.pairSwapped() && ba <= 8;
        if (ba == 1) {
            if (image.samplesPerPixel() != 1) {
                throw new UnsupportedDataException("1-bit data with more than one sample per pixel");
            }
            long last = (bitOffset + n - 1) >>> 3;
            requireBytes(swap ? (last | 1) + 1 : last + 1, avail);
            unpackBits(src, bitOffset, n, (ByteSamples) dst, swap);
            return DecodedFrame.asDescribed(image);
        }
        long start = bitOffset >>> 3;
        if (subsampled(image)) {
            return decode422(src, start, image, (ByteSamples) dst);
        }
        long need = (long) n * (ba >>> 3);
        requireBytes(swap ? ((start + need - 1) | 1) + 1 : start + need, avail);
        int base = src.position() + (int) start;
        int spp = image.samplesPerPixel();
        boolean planar = image.planarConfiguration() == 1 && spp > 1;
        int pixels = image.pixelsPerFrame();
        ByteOrder order = layout.byteOrder();
        if (dst instanceof ByteSamples b) {
            byte[] a = b.array();
            int o = b.offset();
            if (!swap && !planar) {
                src.get(base, a, o, n);
            } else {
                int p = src.position();
                for (int k = 0; k < n; k++) {
                    int s = planar ? k % spp * pixels + k / spp : k;
                    int at = (int) (start + s);
                    a[o + k] = src.get(p + (swap ? at ^ 1 : at));
                }
            }
        } else if (dst instanceof ShortSamples s) {
            var view = slice(src, base, order).asShortBuffer();
            if (!planar) {
                view.get(0, s.array(), s.offset(), n);
            } else {
                short[] a = s.array();
                for (int k = 0; k < n; k++) {
                    a[s.offset() + k] = view.get(k % spp * pixels + k / spp);
                }
            }
        } else if (dst instanceof IntSamples s) {
            var view = slice(src, base, order).asIntBuffer();
            if (!planar) {
                view.get(0, s.array(), s.offset(), n);
            } else {
                int[] a = s.array();
                for (int k = 0; k < n; k++) {
                    a[s.offset() + k] = view.get(k % spp * pixels + k / spp);
                }
            }
        } else if (dst instanceof FloatSamples s) {
            var view = slice(src, base, order).asFloatBuffer();
            if (!planar) {
                view.get(0, s.array(), s.offset(), n);
            } else {
                float[] a = s.array();
                for (int k = 0; k < n; k++) {
                    a[s.offset() + k] = view.get(k % spp * pixels + k / spp);
                }
            }
        } else {
            DoubleSamples s = (DoubleSamples) dst;
            var view = slice(src, base, order).asDoubleBuffer();
            if (!planar) {
                view.get(0, s.array(), s.offset(), n);
            } else {
                double[] a = s.array();
                for (int k = 0; k < n; k++) {
                    a[s.offset() + k] = view.get(k % spp * pixels + k / spp);
                }
            }
        }
        return DecodedFrame.asDescribed(image);
    }

    /**
     * Encodes one frame of interleaved samples as native bytes in the image's planar
     * configuration. 1-bit data is packed least significant bit first from bit 0; for
     * multi-frame 1-bit data use {@link #packBits} to continue mid-byte. 8- and 1-bit data in
     * {@link NativeLayout#BIG_ENDIAN_OW} is padded to an even length and swapped in pairs.
     *
     * @param src    {@code image.samplesPerFrame()} samples (see the class comment for types);
     *               for 1-bit data only the lowest bit of each byte is used
     * @param image  the image
     * @param layout byte order and OB/OW
     * @return a new array of the frame's native bytes
     * @throws UnsupportedDataException for 1-bit data with more than one sample per pixel
     * @throws IllegalArgumentException if {@code src} is of the wrong type or too small
     */
    public static byte[] encode(Samples src, ImageDescriptor image, NativeLayout layout) {
        Objects.requireNonNull(layout, "layout");
        int n = image.samplesPerFrame();
        checkSamples(image, src, n);
        int ba = image.bitsAllocated();
        if (subsampled(image)) {
            return encode422((ByteSamples) src, image);
        }
        boolean swap = layout.pairSwapped() && ba <= 8;
        long len = image.nativeFrameLength();
        if (swap) {
            len = (len + 1) & ~1L;
        }
        if (len > Integer.MAX_VALUE - 8) {
            throw new UnsupportedDataException("native frame larger than 2 GiB");
        }
        byte[] out = new byte[(int) len];
        if (ba == 1) {
            if (image.samplesPerPixel() != 1) {
                throw new UnsupportedDataException("1-bit data with more than one sample per pixel");
            }
            packBits((ByteSamples) src, out, 0L);
        } else {
            int spp = image.samplesPerPixel();
            boolean planar = image.planarConfiguration() == 1 && spp > 1;
            int pixels = image.pixelsPerFrame();
            ByteBuffer bb = ByteBuffer.wrap(out).order(layout.byteOrder());
            if (src instanceof ByteSamples b) {
                if (!planar) {
                    System.arraycopy(b.array(), b.offset(), out, 0, n);
                } else {
                    for (int k = 0; k < n; k++) {
                        out[k % spp * pixels + k / spp] = b.array()[b.offset() + k];
                    }
                }
            } else if (src instanceof ShortSamples s) {
                var view = bb.asShortBuffer();
                if (!planar) {
                    view.put(0, s.array(), s.offset(), n);
                } else {
                    for (int k = 0; k < n; k++) {
                        view.put(k % spp * pixels + k / spp, s.array()[s.offset() + k]);
                    }
                }
            } else if (src instanceof IntSamples s) {
                var view = bb.asIntBuffer();
                if (!planar) {
                    view.put(0, s.array(), s.offset(), n);
                } else {
                    for (int k = 0; k < n; k++) {
                        view.put(k % spp * pixels + k / spp, s.array()[s.offset() + k]);
                    }
                }
            } else if (src instanceof FloatSamples s) {
                var view = bb.asFloatBuffer();
                if (!planar) {
                    view.put(0, s.array(), s.offset(), n);
                } else {
                    for (int k = 0; k < n; k++) {
                        view.put(k % spp * pixels + k / spp, s.array()[s.offset() + k]);
                    }
                }
            } else {
                DoubleSamples s = (DoubleSamples) src;
                var view = bb.asDoubleBuffer();
                if (!planar) {
                    view.put(0, s.array(), s.offset(), n);
                } else {
                    for (int k = 0; k < n; k++) {
                        view.put(k % spp * pixels + k / spp, s.array()[s.offset() + k]);
                    }
                }
            }
        }
        if (swap) {
            for (int i = 0; i + 1 < out.length; i += 2) {
                byte t = out[i];
                out[i] = out[i + 1];
                out[i + 1] = t;
            }
        }
        return out;
    }

    /**
     * Packs 1-bit samples (the lowest bit of each byte) into {@code dst} starting at bit
     * {@code bitOffset}, least significant bit first (PS3.5 D.2), little-endian byte order.
     * Bits of {@code dst} outside the written range are kept, so consecutive frames can be
     * packed into one value.
     *
     * @param src       the samples
     * @param dst       the packed value
     * @param bitOffset the first bit to write
     * @throws IllegalArgumentException if {@code dst} is too small
     */
    public static void packBits(ByteSamples src, byte[] dst, long bitOffset) {
        int n = src.length();
        if (bitOffset < 0 || ((bitOffset + n + 7) >>> 3) > dst.length) {
            throw new IllegalArgumentException("destination too small for the packed bits");
        }
        byte[] a = src.array();
        int o = src.offset();
        for (int k = 0; k < n; k++) {
            long bit = bitOffset + k;
            int at = (int) (bit >>> 3);
            int mask = 1 << (bit & 7);
            // Branch-free select: clear the bit, then OR in the sample's lowest bit at its place.
            dst[at] = (byte) ((dst[at] & ~mask) | (-(a[o + k] & 1) & mask));
        }
    }

    private static void unpackBits(ByteBuffer src, long bitOffset, int n, ByteSamples dst, boolean swap) {
        byte[] a = dst.array();
        int o = dst.offset();
        int p = src.position();
        if (!swap && (bitOffset & 7) == 0) {
            int at = p + (int) (bitOffset >>> 3);
            int k = 0;
            for (; k + 8 <= n; k += 8) {
                int v = src.get(at++);
                a[o + k] = (byte) (v & 1);
                a[o + k + 1] = (byte) ((v >> 1) & 1);
                a[o + k + 2] = (byte) ((v >> 2) & 1);
                a[o + k + 3] = (byte) ((v >> 3) & 1);
                a[o + k + 4] = (byte) ((v >> 4) & 1);
                a[o + k + 5] = (byte) ((v >> 5) & 1);
                a[o + k + 6] = (byte) ((v >> 6) & 1);
                a[o + k + 7] = (byte) ((v >> 7) & 1);
            }
            for (int b = 0; k < n; k++, b++) {
                a[o + k] = (byte) ((src.get(at) >> b) & 1);
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            long bit = bitOffset + k;
            int at = (int) (bit >>> 3);
            a[o + k] = (byte) ((src.get(p + (swap ? at ^ 1 : at)) >> (bit & 7)) & 1);
        }
    }

    private static ByteBuffer slice(ByteBuffer src, int base, ByteOrder order) {
        return src.duplicate().position(base).slice().order(order);
    }

    private static void requireBytes(long need, long avail) {
        if (need > avail) {
            throw new MalformedDataException("native frame shorter than its declared size", avail,
                    ApertureException.NO_TAG);
        }
    }

    static void checkSamples(ImageDescriptor image, Samples s, int n) {
        Objects.requireNonNull(s, "samples");
        boolean ok = switch (image.bitsAllocated()) {
            case 1, 8 -> s instanceof ByteSamples;
            case 16 -> s instanceof ShortSamples;
            case 32 -> s instanceof IntSamples || s instanceof FloatSamples;
            default -> s instanceof DoubleSamples;
        };
        if (!ok) {
            throw new IllegalArgumentException("samples type does not match bits allocated "
                    + image.bitsAllocated());
        }
        if (s.length() < n) {
            throw new IllegalArgumentException("samples hold " + s.length() + ", the frame has " + n);
        }
    }
}
