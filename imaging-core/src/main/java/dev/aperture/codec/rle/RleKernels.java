// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.rle;

import dev.aperture.compress.PackBits;

/**
 * PackBits decoding straight into one byte plane of 16- and 32-bit samples, so a frame decodes
 * without a scratch buffer. Each plane is merged in at its shift as
 * {@code dst = (dst & keep) | (byte << shift)}: {@code keep = 0} for a sample's first (most
 * significant) plane overwrites whatever the array held, {@code keep = -1} for the later planes
 * ORs them in, so the destination needs no clearing pass and the loop has no branch on it.
 * Same return convention as {@link PackBits#decode}.
 *
 * <p>Bounds: the caller checked that {@code dst} holds {@code (count - 1) * stride + 1} samples
 * from {@code dstPos}; every run is cut to what is left of {@code count}, so writes stay inside.
 * Reads are checked against {@code srcEnd} once per run.
 */
final class RleKernels {

    private RleKernels() {
    }

    static int decodeShort(byte[] src, int srcPos, int srcEnd, short[] dst, int dstPos, int stride,
                           int count, int shift, int keep) {
        int s = srcPos;
        int left = count;
        int d = dstPos;
        while (left > 0) {
            if (s >= srcEnd) {
                return PackBits.TRUNCATED;
            }
            int n = src[s++];
            if (n >= 0) {
                int len = n + 1;
                boolean cut = len > left;
                if (cut) {
                    len = left;
                }
                if (len > srcEnd - s) {
                    return PackBits.TRUNCATED;
                }
                for (int end = s + len; s < end; s++, d += stride) {
                    dst[d] = (short) ((dst[d] & keep) | ((src[s] & 0xFF) << shift));
                }
                left -= len;
                if (cut) {
                    return ~s;
                }
            } else if (n != -128) {
                int len = 1 - n;
                boolean cut = len > left;
                if (cut) {
                    len = left;
                }
                if (s >= srcEnd) {
                    return PackBits.TRUNCATED;
                }
                short v = (short) ((src[s++] & 0xFF) << shift);
                for (int i = 0; i < len; i++, d += stride) {
                    dst[d] = (short) ((dst[d] & keep) | v);
                }
                left -= len;
                if (cut) {
                    return ~s;
                }
            }
        }
        return s;
    }

    static int decodeInt(byte[] src, int srcPos, int srcEnd, int[] dst, int dstPos, int stride,
                         int count, int shift, int keep) {
        int s = srcPos;
        int left = count;
        int d = dstPos;
        while (left > 0) {
            if (s >= srcEnd) {
                return PackBits.TRUNCATED;
            }
            int n = src[s++];
            if (n >= 0) {
                int len = n + 1;
                boolean cut = len > left;
                if (cut) {
                    len = left;
                }
                if (len > srcEnd - s) {
                    return PackBits.TRUNCATED;
                }
                for (int end = s + len; s < end; s++, d += stride) {
                    dst[d] = (dst[d] & keep) | ((src[s] & 0xFF) << shift);
                }
                left -= len;
                if (cut) {
                    return ~s;
                }
            } else if (n != -128) {
                int len = 1 - n;
                boolean cut = len > left;
                if (cut) {
                    len = left;
                }
                if (s >= srcEnd) {
                    return PackBits.TRUNCATED;
                }
                int v = (src[s++] & 0xFF) << shift;
                for (int i = 0; i < len; i++, d += stride) {
                    dst[d] = (dst[d] & keep) | v;
                }
                left -= len;
                if (cut) {
                    return ~s;
                }
            }
        }
        return s;
    }
}
