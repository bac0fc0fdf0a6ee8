// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.deflate;

import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.compress.ByteSlice;
import dev.aperture.compress.Inflate;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.DoubleSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import dev.aperture.imaging.Repair;
import dev.aperture.imaging.UnsupportedDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Decodes one frame of Deflated Image Frame Compression: raw Deflate (RFC 1951, no zlib header
 * or Adler-32 trailer, PS3.5 8.2.16) inflating to exactly the frame's native little-endian bytes
 * (1-bit frames start at bit 0 of their own first byte). Inflation is capped at the native frame
 * length, so a deflate bomb stops there with a {@link MalformedDataException}. 8-bit frames
 * inflate straight into the caller's array, 16-, 32- and 64-bit interleaved frames through a
 * 32 KiB scratch array; 1-bit and planar frames through one frame-sized scratch array.
 *
 * <p>Lenient, reported as a {@link Repair}: a frame wrapped in a zlib header and trailer
 * (RFC 1950), which some writers produce, is accepted.
 *
 * <p>Stateless and thread-safe.
 */
final class DeflatedFrameDecoder implements FrameDecoder {

    /** Scratch size for chunked inflation: 32 KiB, a multiple of every sample size. */
    static final int CHUNK = 1 << 15;

    /**
     * Inflates raw, or with the zlib wrapper when raw fails and the bytes start like a zlib
     * header; returns the inflated length, complemented ({@code ~n}) when the wrapper was used.
     */
    private static int inflate(ByteSlice in, byte[] out, int outOff, int cap, byte[] scratch, Inflate.ChunkSink sink) {
        try {
            return inflateOnce(in, false, out, outOff, cap, scratch, sink);
        } catch (MalformedDataException raw) {
            if (in.length() < 2 || !Inflate.looksLikeZlib(in.array()[in.offset()], in.array()[in.offset() + 1])) {
                throw raw;
            }
            return ~inflateOnce(in, true, out, outOff, cap, scratch, sink);
        }
    }

    private static int inflateOnce(ByteSlice in, boolean zlib, byte[] out, int outOff, int cap, byte[] scratch,
                                   Inflate.ChunkSink sink) {
        if (sink == null) {
            return Inflate.inflate(in.array(), in.offset(), in.length(), zlib, out, outOff, cap);
        }
        return Inflate.inflateChunks(in.array(), in.offset(), in.length(), zlib, scratch, cap, sink);
    }

    private static void checkType(ImageDescriptor image, Samples dst) {
        boolean ok = switch (image.bitsAllocated()) {
            case 1, 8 -> dst instanceof ByteSamples;
            case 16 -> dst instanceof ShortSamples;
            case 32 -> dst instanceof IntSamples || dst instanceof FloatSamples;
            default -> dst instanceof DoubleSamples;
        };
        if (!ok) {
            throw new IllegalArgumentException("samples type does not match bits allocated " + image.bitsAllocated());
        }
    }

    /**
     * Converts little-endian chunks into the caller's samples. Chunks hold whole samples: every
     * chunk but the last is {@link #CHUNK} bytes, a multiple of 8, and the frame length is a
     * multiple of the sample size, so {@code position / sampleBytes} is the first sample's index.
     */
    private static final class ChunkedSamples implements Inflate.ChunkSink {
        private final Samples dst;
        private final int sampleBytes;

        ChunkedSamples(Samples dst, int sampleBytes) {
            this.dst = dst;
            this.sampleBytes = sampleBytes;
        }

        @Override
        public void accept(byte[] chunk, int length, int position) {
            ByteBuffer b = ByteBuffer.wrap(chunk, 0, length).order(ByteOrder.LITTLE_ENDIAN);
            int at = dst.offset() + position / sampleBytes;
            int n = length / sampleBytes;
            if (dst instanceof ShortSamples s) {
                b.asShortBuffer().get(s.array(), at, n);
            } else if (dst instanceof IntSamples s) {
                b.asIntBuffer().get(s.array(), at, n);
            } else if (dst instanceof FloatSamples s) {
                b.asFloatBuffer().get(s.array(), at, n);
            } else {
                b.asDoubleBuffer().get(((DoubleSamples) dst).array(), at, n);
            }
        }
    }

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
        checkType(image, dst);
        int cap = (int) frameLength;
        ByteSlice in = ByteSlice.of(encoded);
        int ba = image.bitsAllocated();
        boolean interleaved = image.samplesPerPixel() == 1 || image.planarConfiguration() == 0;
        List<Repair> repairs = List.of();
        int got;
        if (ba == 8 && dst instanceof ByteSamples b && interleaved) {
            // 8-bit interleaved frames inflate straight into the caller's array.
            got = inflate(in, b.array(), b.offset(), cap, null, null);
        } else if (ba >= 16 && interleaved) {
            // Wider samples inflate through a small scratch array, converted chunk by chunk, so the
            // frame never exists twice in memory. The scratch holds whole samples (a multiple of 8).
            byte[] scratch = new byte[Math.min(cap, CHUNK)];
            ChunkedSamples sink = new ChunkedSamples(dst, ba / 8);
            got = inflate(in, null, 0, cap, scratch, sink);
        } else {
            byte[] out = new byte[cap];
            got = inflate(in, out, 0, cap, null, null);
            if (got == cap) {
                NativeFrames.decode(ByteBuffer.wrap(out), 0L, image, dst, NativeLayout.LITTLE_ENDIAN);
            }
        }
        if (got < 0) {
            got = ~got;
            repairs = List.of(new Repair("deflated frame has a zlib wrapper; accepted", 0, ApertureException.NO_TAG));
        }
        if (got < cap) {
            throw new MalformedDataException("deflated frame inflates to fewer bytes than the frame", got,
                    ApertureException.NO_TAG);
        }
        return repairs.isEmpty() ? DecodedFrame.asDescribed(image)
                : new DecodedFrame(image.photometric(), image.bitsStored(), image.signed(), repairs);
    }
}
