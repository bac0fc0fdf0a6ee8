// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.compress.ByteSlice;
import dev.aperture.compress.Inflate;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes one frame of Deflated Image Frame Compression: raw Deflate (RFC 1951, no zlib header
 * or Adler-32 trailer, PS3.5 8.2.16) inflating to exactly the frame's native little-endian bytes
 * (1-bit frames start at bit 0 of their own first byte). Inflation is capped at the native frame
 * length, so a deflate bomb stops there with a {@link MalformedDataException}.
 *
 * <p>Lenient, reported as a {@link Repair}: a frame wrapped in a zlib header and trailer
 * (RFC 1950), which some writers produce, is accepted.
 *
 * <p>Stateless and thread-safe.
 */
final class DeflatedFrameDecoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(ByteBuffer encoded, ImageDescriptor image, Samples dst) {
        long frameLength = image.nativeFrameLength();
        if (frameLength > Integer.MAX_VALUE - 8) {
            throw new UnsupportedDataException("native frame larger than 2 GiB");
        }
        int n = image.samplesPerFrame();
        if (dst.length() < n) {
            throw new IllegalArgumentException("destination holds " + dst.length() + " samples, the frame has " + n);
        }
        int cap = (int) frameLength;
        ByteSlice in = ByteSlice.of(encoded);
        // 8-bit interleaved frames inflate straight into the caller's array; others via a scratch array.
        boolean direct = image.bitsAllocated() == 8 && dst instanceof ByteSamples
                && (image.samplesPerPixel() == 1 || image.planarConfiguration() == 0);
        byte[] out;
        int outOff;
        if (direct) {
            out = ((ByteSamples) dst).array();
            outOff = dst.offset();
        } else {
            out = new byte[cap];
            outOff = 0;
        }
        List<Repair> repairs = List.of();
        int got;
        try {
            got = Inflate.inflate(in.array(), in.offset(), in.length(), false, out, outOff, cap);
        } catch (MalformedDataException raw) {
            if (in.length() < 2 || !Inflate.looksLikeZlib(in.array()[in.offset()], in.array()[in.offset() + 1])) {
                throw raw;
            }
            got = Inflate.inflate(in.array(), in.offset(), in.length(), true, out, outOff, cap);
            repairs = List.of(new Repair("deflated frame has a zlib wrapper; accepted", 0, ApertureException.NO_TAG));
        }
        if (got < cap) {
            throw new MalformedDataException("deflated frame inflates to fewer bytes than the frame", got,
                    ApertureException.NO_TAG);
        }
        if (!direct) {
            NativeFrames.decode(ByteBuffer.wrap(out), 0L, image, dst, NativeLayout.LITTLE_ENDIAN);
        }
        return repairs.isEmpty() ? DecodedFrame.asDescribed(image)
                : new DecodedFrame(image.photometric(), image.bitsStored(), image.signed(), repairs);
    }
}
