// SPDX-License-Identifier: Apache-2.0
package dev.aperture.compress;

import dev.aperture.imaging.ApertureException;
import dev.aperture.imaging.MalformedDataException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates Deflate data (RFC 1951, raw or with the zlib wrapper of RFC 1950) into a caller's
 * array with a hard cap on the output: input that would inflate past the cap (a deflate bomb)
 * is rejected as soon as the cap is reached, without inflating further.
 *
 * <p>Stateless and thread-safe; each call uses its own {@link Inflater} and ends it.
 */
public final class Inflate {

    private Inflate() {
    }

    /**
     * Inflates {@code src[off, off + len)} into {@code dst[dstOff, dstOff + cap)}.
     *
     * @param src    compressed bytes
     * @param off    first compressed byte
     * @param len    number of compressed bytes
     * @param zlib   true for the RFC 1950 wrapper, false for raw RFC 1951
     * @param dst    destination
     * @param dstOff first destination index
     * @param cap    most bytes the data may inflate to
     * @return the number of bytes inflated (at most {@code cap}); the stream ended there
     * @throws MalformedDataException if the data is not valid Deflate, ends before the end of
     *                                its stream, or inflates to more than {@code cap} bytes
     */
    public static int inflate(byte[] src, int off, int len, boolean zlib, byte[] dst, int dstOff, int cap) {
        Inflater inf = new Inflater(!zlib);
        try {
            inf.setInput(src, off, len);
            int total = 0;
            while (total < cap && !inf.finished()) {
                int got = inf.inflate(dst, dstOff + total, cap - total);
                total += got;
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new MalformedDataException("deflate stream ends before its last block",
                            len, ApertureException.NO_TAG);
                }
            }
            if (!inf.finished()) {
                // The cap is reached: one more byte means the stream is larger than allowed.
                byte[] one = new byte[1];
                if (inf.inflate(one) > 0) {
                    throw new MalformedDataException("deflate stream inflates past the expected size",
                            inf.getBytesRead(), ApertureException.NO_TAG);
                }
                if (!inf.finished()) {
                    throw new MalformedDataException("deflate stream ends before its last block",
                            len, ApertureException.NO_TAG);
                }
            }
            return total;
        } catch (DataFormatException e) {
            throw new MalformedDataException("invalid deflate data", inf.getBytesRead(),
                    ApertureException.NO_TAG, -1, e);
        } finally {
            inf.end();
        }
    }

    /** Receives inflated bytes chunk by chunk. */
    @FunctionalInterface
    public interface ChunkSink {
        /**
         * Takes one chunk.
         *
         * @param chunk    the scratch array holding the chunk from index 0
         * @param length   bytes in the chunk: the scratch length, except for the last chunk
         * @param position bytes inflated before this chunk
         */
        void accept(byte[] chunk, int length, int position);
    }

    /**
     * Inflates {@code src[off, off + len)} through {@code scratch}, handing each full scratch (and
     * the final partial one) to {@code sink}, with the same cap and checks as {@link #inflate}.
     * The caller's memory use is the scratch array, whatever the inflated size.
     *
     * @param src     compressed bytes
     * @param off     first compressed byte
     * @param len     number of compressed bytes
     * @param zlib    true for the RFC 1950 wrapper, false for raw RFC 1951
     * @param scratch the chunk buffer, at least one byte
     * @param cap     most bytes the data may inflate to
     * @param sink    receives the chunks in order
     * @return the number of bytes inflated (at most {@code cap}); the stream ended there
     * @throws MalformedDataException as {@link #inflate} does
     */
    public static int inflateChunks(byte[] src, int off, int len, boolean zlib, byte[] scratch, int cap,
                                    ChunkSink sink) {
        Inflater inf = new Inflater(!zlib);
        try {
            inf.setInput(src, off, len);
            int total = 0;
            while (total < cap && !inf.finished()) {
                int want = Math.min(scratch.length, cap - total);
                int got = 0;
                while (got < want && !inf.finished()) {
                    int k = inf.inflate(scratch, got, want - got);
                    got += k;
                    if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        throw new MalformedDataException("deflate stream ends before its last block",
                                len, ApertureException.NO_TAG);
                    }
                }
                if (got > 0) {
                    sink.accept(scratch, got, total);
                }
                total += got;
            }
            if (!inf.finished()) {
                byte[] one = new byte[1];
                if (inf.inflate(one) > 0) {
                    throw new MalformedDataException("deflate stream inflates past the expected size",
                            inf.getBytesRead(), ApertureException.NO_TAG);
                }
                if (!inf.finished()) {
                    throw new MalformedDataException("deflate stream ends before its last block",
                            len, ApertureException.NO_TAG);
                }
            }
            return total;
        } catch (DataFormatException e) {
            throw new MalformedDataException("invalid deflate data", inf.getBytesRead(),
                    ApertureException.NO_TAG, -1, e);
        } finally {
            inf.end();
        }
    }

    /**
     * Tells whether two bytes look like an RFC 1950 (zlib) header: method 8 (deflate), window
     * at most 32 KiB, and the header check {@code (CMF * 256 + FLG) % 31 == 0}.
     *
     * @param b0 first byte (CMF)
     * @param b1 second byte (FLG)
     * @return true for a plausible zlib header
     */
    public static boolean looksLikeZlib(byte b0, byte b1) {
        int cmf = b0 & 0xFF;
        int flg = b1 & 0xFF;
        return (cmf & 0x0F) == 8 && (cmf >>> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0 && (flg & 0x20) == 0;
    }
}
