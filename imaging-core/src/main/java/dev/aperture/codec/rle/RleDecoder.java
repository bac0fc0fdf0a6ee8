// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.compress.ByteSlice;
import dev.aperture.compress.PackBits;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G).
 *
 * <pre>
 *  offset 0        4        8             60       64
 *         +--------+--------+----  ...  ---+--------+----------------------------------+
 *         | nSeg   | off[0] | off[1] ...   | off[14]| segment 0 | segment 1 | ...      |
 *         +--------+--------+----  ...  ---+--------+----------------------------------+
 *  uint32 little endian; off[i] counts from the start of the header (off[0] = 64).
 *  Segment k holds byte plane (k mod bytesPerSample) of sample (k / bytesPerSample), most
 *  significant byte first (PS3.5 G.2), PackBits-coded (G.3.1), rows * columns bytes decoded.
 * </pre>
 *
 * <p>Strict: a short segment, a bad header, or more segments than Samples per Pixel and Bits
 * Allocated allow is a {@link MalformedDataException}. Lenient, and reported as a
 * {@link Repair}: fewer segments per sample than Bits Allocated implies (the bytes hold a
 * smaller depth: decoded as such, high bytes zero, {@code bitsStored} of the result reduced);
 * a run that crosses the end of its segment (cut); more than one byte left in a segment after
 * it decoded (ignored; one byte is the standard's even-length padding).
 *
 * <p>Stateless and thread-safe.
 */
final class RleDecoder implements FrameDecoder {

    static final int HEADER = 64;

    @Override
    public DecodedFrame decode(ByteBuffer encoded, ImageDescriptor image, Samples dst) {
        int bps = bytesPerSample(image);
        int spp = image.samplesPerPixel();
        int pixels = image.pixelsPerFrame();
        int n = image.samplesPerFrame();
        checkDestination(image, dst, n);
        ByteSlice in = ByteSlice.of(encoded);
        byte[] src = in.array();
        int base = in.offset();
        int len = in.length();
        if (len < HEADER) {
            throw new MalformedDataException("RLE header shorter than 64 bytes", len, ApertureException.NO_TAG);
        }
        long nSeg = in.uint32le(0);
        int expected = spp * bps;
        // Bytes per sample the segments hold. Fewer than Bits Allocated implies (8-bit segments
        // under a 16-bit descriptor, say) is followed and reported; anything else is malformed.
        int planes = bps;
        List<Repair> repairs = null;
        if (nSeg != expected) {
            if (nSeg >= spp && nSeg % spp == 0 && nSeg / spp < bps) {
                planes = (int) (nSeg / spp);
                repairs = add(null, new Repair(
                        "RLE segments hold fewer bytes per sample than bits allocated; followed the segments", 0,
                        ApertureException.NO_TAG));
            } else {
                throw new MalformedDataException(
                        "RLE segment count does not match samples per pixel and bits allocated", 0,
                        ApertureException.NO_TAG);
            }
        }
        int segments = spp * planes;
        int[] start = new int[segments + 1];
        for (int i = 0; i < segments; i++) {
            long off = in.uint32le(4 + 4 * i);
            if (off < HEADER || off > len || (i > 0 && off < start[i - 1])) {
                throw new MalformedDataException("RLE segment offset out of order or past the end of the frame",
                        4 + 4 * i, ApertureException.NO_TAG);
            }
            start[i] = (int) off;
        }
        start[segments] = len;
        for (int k = 0; k < segments; k++) {
            int sample = k / planes;
            int shift = 8 * (planes - 1 - k % planes);
            int keep = k % planes == 0 ? 0 : -1; // the first plane of a sample overwrites, later planes OR in
            int from = base + start[k];
            int end = base + start[k + 1];
            int r;
            if (dst instanceof ByteSamples b) {
                r = PackBits.decode(src, from, end, b.array(), b.offset() + sample, spp, pixels);
            } else if (dst instanceof ShortSamples s) {
                r = RleKernels.decodeShort(src, from, end, s.array(), s.offset() + sample, spp, pixels, shift, keep);
            } else {
                IntSamples s = (IntSamples) dst;
                r = RleKernels.decodeInt(src, from, end, s.array(), s.offset() + sample, spp, pixels, shift, keep);
            }
            if (r == PackBits.TRUNCATED) {
                throw new MalformedDataException("RLE segment decodes to fewer bytes than rows * columns",
                        start[k], ApertureException.NO_TAG);
            }
            if (r < 0) {
                repairs = add(repairs, new Repair("RLE run crosses the end of its segment; excess dropped",
                        start[k], ApertureException.NO_TAG));
            } else if (end - r > 1) {
                repairs = add(repairs, new Repair("RLE segment has bytes after its decoded length; ignored",
                        r - base, ApertureException.NO_TAG));
            }
        }
        // RLE holds every sample of every pixel: a dataset saying YBR_FULL_422 gets full YBR.
        Photometric out = image.photometric() == Photometric.YBR_FULL_422 ? Photometric.YBR_FULL : image.photometric();
        if (repairs == null && out == image.photometric()) {
            return DecodedFrame.asDescribed(image);
        }
        return new DecodedFrame(out, Math.min(image.bitsStored(), 8 * planes), image.signed(),
                repairs == null ? List.of() : repairs);
    }

    private static List<Repair> add(List<Repair> list, Repair r) {
        List<Repair> l = list == null ? new ArrayList<>() : list;
        l.add(r);
        return l;
    }

    static int bytesPerSample(ImageDescriptor image) {
        int ba = image.bitsAllocated();
        if (ba != 8 && ba != 16 && ba != 32) {
            throw new UnsupportedDataException("RLE Lossless supports bits allocated 8, 16 and 32 only");
        }
        int bps = ba / 8;
        if (bps * image.samplesPerPixel() > 15) {
            throw new UnsupportedDataException("RLE Lossless holds at most 15 segments");
        }
        return bps;
    }

    static void checkDestination(ImageDescriptor image, Samples dst, int n) {
        boolean ok = switch (image.bitsAllocated()) {
            case 8 -> dst instanceof ByteSamples;
            case 16 -> dst instanceof ShortSamples;
            default -> dst instanceof IntSamples;
        };
        if (!ok) {
            throw new IllegalArgumentException("destination type does not match bits allocated "
                    + image.bitsAllocated());
        }
        if (dst.length() < n) {
            throw new IllegalArgumentException("destination holds " + dst.length()
                    + " samples, the frame has " + n);
        }
    }
}
