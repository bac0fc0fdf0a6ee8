// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.compress.PackBits;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;
import java.util.Arrays;

/**
 * Encodes one frame as RLE Lossless (PS3.5 Annex G): one segment per byte plane, most
 * significant first, each row PackBits-coded on its own (G.3.1: runs never cross a row), each
 * segment padded with a zero byte to even length. Options are ignored. Samples of a YBR_FULL_422
 * image are taken as full YBR (as decoders deliver them) and the result says YBR_FULL.
 *
 * <p>Stateless and thread-safe.
 */
final class RleEncoder implements FrameEncoder {

    @Override
    public EncodedFrame encode(Samples src, ImageDescriptor image, EncodeOptions options) {
        int bps = RleDecoder.bytesPerSample(image);
        int spp = image.samplesPerPixel();
        int rows = image.rows();
        int cols = image.columns();
        int n = image.samplesPerFrame();
        RleDecoder.checkDestination(image, src, n);
        int nSeg = spp * bps;
        long bound = RleDecoder.HEADER + (long) nSeg * ((long) rows * PackBits.maxEncodedLength(cols) + 1);
        if (bound > Integer.MAX_VALUE - 8) {
            throw new UnsupportedDataException("frame too large for one RLE Lossless fragment");
        }
        byte[] out = new byte[(int) bound];
        out[0] = (byte) nSeg;
        byte[] row = bps == 1 ? null : new byte[cols];
        int pos = RleDecoder.HEADER;
        for (int k = 0; k < nSeg; k++) {
            putInt(out, 4 + 4 * k, pos);
            int sample = k / bps;
            int shift = 8 * (bps - 1 - k % bps);
            for (int r = 0; r < rows; r++) {
                int first = r * cols * spp + sample; // sample index of this row's first value
                if (src instanceof ByteSamples b) {
                    pos = PackBits.encode(b.array(), b.offset() + first, spp, cols, out, pos);
                } else {
                    fillRow(src, first, spp, cols, shift, row);
                    pos = PackBits.encode(row, 0, 1, cols, out, pos);
                }
            }
            if ((pos & 1) != 0) {
                out[pos++] = 0; // PS3.5 G.3.1: pad the segment to even length with a zero
            }
        }
        // Full YBR samples are encoded as they are: the dataset must then say YBR_FULL, not 4:2:2.
        Photometric p = image.photometric() == Photometric.YBR_FULL_422 ? Photometric.YBR_FULL : image.photometric();
        return new EncodedFrame(Arrays.copyOf(out, pos), p, false);
    }

    private static void fillRow(Samples src, int first, int stride, int cols, int shift, byte[] row) {
        if (src instanceof ShortSamples s) {
            short[] a = s.array();
            int p = s.offset() + first;
            for (int c = 0; c < cols; c++, p += stride) {
                row[c] = (byte) (a[p] >> shift);
            }
        } else {
            IntSamples s = (IntSamples) src;
            int[] a = s.array();
            int p = s.offset() + first;
            for (int c = 0; c < cols; c++, p += stride) {
                row[c] = (byte) (a[p] >> shift);
            }
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }
}
