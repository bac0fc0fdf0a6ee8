// SPDX-License-Identifier: Apache-2.0
package dev.aperture.compress;

/**
 * PackBits run-length coding, as used by each segment of DICOM RLE Lossless (PS3.5 G.3.1).
 *
 * <pre>
 *   header byte n (signed)   meaning
 *   0 .. 127                 copy the next n + 1 bytes literally
 *   -127 .. -1               repeat the next byte 1 - n times (2 .. 128)
 *   -128                     no operation
 * </pre>
 *
 * <p>Stateless and thread-safe. The caller owns every array. Methods check only the data, not
 * the caller's indices: the codec validates those once at its boundary (STYLE.md section 4).
 */
public final class PackBits {

    /** What {@link #decode} returns when the input ends before the output is complete. */
    public static final int TRUNCATED = Integer.MIN_VALUE;

    private PackBits() {
    }

    /**
     * The most bytes {@link #encode} can write for {@code count} input bytes: one header byte per
     * 128 literal bytes in the worst case.
     *
     * @param count number of input bytes
     * @return an upper bound of the encoded length
     */
    public static int maxEncodedLength(int count) {
        return count + (count + 127) / 128;
    }

    /**
     * Decodes PackBits from {@code src[srcPos, srcEnd)} into {@code count} bytes written at
     * {@code dst[dstPos + k * dstStride]}, {@code k = 0 .. count-1}.
     *
     * <p>Decoding stops as soon as {@code count} bytes are written. A run that reaches past
     * {@code count} is cut at {@code count}; the return value tells the caller so.
     *
     * @param src       encoded bytes
     * @param srcPos    first encoded byte
     * @param srcEnd    end of the encoded bytes (exclusive)
     * @param dst       destination
     * @param dstPos    index of the first output byte
     * @param dstStride distance between output bytes, at least 1
     * @param count     number of bytes to produce
     * @return the source position after the last byte consumed; or {@code ~position} (a
     *         negative value) when a run was cut because it went past {@code count}; or
     *         {@link #TRUNCATED} when the input ended before {@code count} bytes were produced
     */
    public static int decode(byte[] src, int srcPos, int srcEnd, byte[] dst, int dstPos, int dstStride,
                             int count) {
        int s = srcPos;
        int produced = 0;
        int d = dstPos;
        while (produced < count) {
            if (s >= srcEnd) {
                return TRUNCATED;
            }
            int n = src[s++];
            if (n >= 0) {
                int len = n + 1;
                boolean cut = false;
                if (len > count - produced) {
                    len = count - produced;
                    cut = true;
                }
                if (len > srcEnd - s) {
                    return TRUNCATED;
                }
                if (dstStride == 1) {
                    System.arraycopy(src, s, dst, d, len);
                    d += len;
                } else {
                    for (int i = 0; i < len; i++, d += dstStride) {
                        dst[d] = src[s + i];
                    }
                }
                s += len;
                produced += len;
                if (cut) {
                    return ~s;
                }
            } else if (n != -128) {
                int len = 1 - n;
                boolean cut = false;
                if (len > count - produced) {
                    len = count - produced;
                    cut = true;
                }
                if (s >= srcEnd) {
                    return TRUNCATED;
                }
                byte v = src[s++];
                if (dstStride == 1) {
                    java.util.Arrays.fill(dst, d, d + len, v);
                    d += len;
                } else {
                    for (int i = 0; i < len; i++, d += dstStride) {
                        dst[d] = v;
                    }
                }
                produced += len;
                if (cut) {
                    return ~s;
                }
            }
        }
        return s;
    }

    /**
     * Encodes {@code count} bytes read at {@code src[srcPos + k * srcStride]} into
     * {@code dst} from {@code dstPos}. Runs of three or more equal bytes become replicate runs,
     * everything else literal runs; no run is longer than 128 bytes.
     *
     * @param src       input bytes
     * @param srcPos    index of the first input byte
     * @param srcStride distance between input bytes, at least 1
     * @param count     number of input bytes
     * @param dst       output, with room for {@link #maxEncodedLength(int) maxEncodedLength(count)}
     *                  bytes from {@code dstPos}
     * @param dstPos    index of the first output byte
     * @return the output position after the last byte written
     */
    public static int encode(byte[] src, int srcPos, int srcStride, int count, byte[] dst, int dstPos) {
        int d = dstPos;
        int i = 0;
        while (i < count) {
            byte b = src[srcPos + i * srcStride];
            int run = 1;
            int maxRun = Math.min(128, count - i);
            while (run < maxRun && src[srcPos + (i + run) * srcStride] == b) {
                run++;
            }
            if (run >= 3) {
                dst[d++] = (byte) (1 - run);
                dst[d++] = b;
                i += run;
                continue;
            }
            // Literal run: extend until three equal bytes start, 128 bytes, or the end.
            int start = i;
            int lit = 0;
            while (i < count && lit < 128) {
                if (i + 2 < count) {
                    byte x = src[srcPos + i * srcStride];
                    if (x == src[srcPos + (i + 1) * srcStride] && x == src[srcPos + (i + 2) * srcStride]) {
                        break;
                    }
                }
                i++;
                lit++;
            }
            // lit >= 1: no run of three started at 'start' (run < 3 above).
            dst[d++] = (byte) (lit - 1);
            if (srcStride == 1) {
                System.arraycopy(src, srcPos + start, dst, d, lit);
                d += lit;
            } else {
                for (int k = 0; k < lit; k++) {
                    dst[d++] = src[srcPos + (start + k) * srcStride];
                }
            }
        }
        return d;
    }
}
