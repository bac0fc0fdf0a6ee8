// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

/**
 * The fused table-driven 8-bit colour loops (libjpeg's h2v1 and h2v2 "fancy" upsampling with
 * YCbCr to RGB, and 4:4:4) that decoded baseline frames until session 3, kept as the tests'
 * reference for the vectorisable {@link ColourRows} stages. Same tables and rounding as
 * libjpeg's {@code jdcolor.c} and {@code jdsample.c}.
 */
final class ColourRows8Reference {
    private static final int SCALE = 16;
    private static final int HALF = 1 << (SCALE - 1);

    /** clamp(v, 0, 255) for v in [-384, 640). */
    private static final byte[] LIMIT8 = new byte[1024];
    private static final int LIMIT_OFFSET = 384;

    static {
        for (int i = 0; i < LIMIT8.length; i++) {
            int v = i - LIMIT_OFFSET;
            LIMIT8[i] = (byte) (v < 0 ? 0 : (v > 255 ? 255 : v));
        }
    }

    /**
     * The 8-bit tables as constants, indexed by {@code value & 0xFF} so that the JIT can drop
     * the bounds checks: entries equal those of the instance tables for precision 8.
     */
    private static final int[] CR_R8 = new int[256];
    private static final int[] CB_B8 = new int[256];
    private static final int[] CR_G8 = new int[256];
    private static final int[] CB_G8 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R8[i] = (fix(1.40200) * x + HALF) >> SCALE;
            CB_B8[i] = (fix(1.77200) * x + HALF) >> SCALE;
            CR_G8[i] = -fix(0.71414) * x;
            CB_G8[i] = -fix(0.34414) * x + HALF;
        }
    }

    private static final int[] crR = CR_R8;
    private static final int[] cbB = CB_B8;
    private static final int[] crG = CR_G8;
    private static final int[] cbG = CB_G8;

    private ColourRows8Reference() {
    }

    private static int fix(double a) {
        return (int) (a * (1 << SCALE) + 0.5);
    }

    /**
     * Fused libjpeg h2v1 "fancy" upsampling of Cb and Cr and conversion to 8-bit RGB for one row
     * (4:2:2): every plane is read directly. Each chroma sample c[i] gives output 2i as
     * (3c[i] + c[i-1] + 1) >> 2 and 2i+1 as (3c[i] + c[i+1] + 2) >> 2; at the edges the missing
     * neighbour is c[i] itself, which reproduces libjpeg's edge rule (3v + v + 1) >> 2 == v.
     *
     * @param n chroma samples in the row (ceil(width / 2)); at least 2
     */
    static void h2v1ToRgb8(byte[] yP, int yOff, byte[] cbP, int cbOff, byte[] crP, int crOff, int n, int width,
                    byte[] out, int o) {
        h2v1Edge(yP, yOff, cbP, cbOff, crP, crOff, n, width, out, o, 0);
        // Interior: both neighbours exist and 2i + 1 <= 2n - 3 < width. The chroma terms come
        // from constant 256-entry tables indexed by value & 0xFF (no bounds checks); a pixel pair
        // is clamped only when one of its six values leaves 0..255.
        int cbPrev = (cbP[cbOff] & 0xFF);
        int crPrev = (crP[crOff] & 0xFF);
        int cbCur = (cbP[cbOff + 1] & 0xFF);
        int crCur = (crP[crOff + 1] & 0xFF);
        for (int i = 1, k = o + 6, yi = yOff + 2; i < n - 1; i++, k += 6, yi += 2) {
            int cbNext = (cbP[cbOff + i + 1] & 0xFF);
            int crNext = (crP[crOff + i + 1] & 0xFF);
            int cb3 = cbCur * 3;
            int cr3 = crCur * 3;
            // The upsampled values are in 0..255, so & 0xFF changes nothing but proves the range.
            int cb = ((cb3 + cbPrev + 1) >> 2) & 0xFF;
            int cr = ((cr3 + crPrev + 1) >> 2) & 0xFF;
            int y = yP[yi] & 0xFF;
            int r0 = y + CR_R8[cr];
            int g0 = y + ((CB_G8[cb] + CR_G8[cr]) >> SCALE);
            int b0 = y + CB_B8[cb];
            cb = ((cb3 + cbNext + 2) >> 2) & 0xFF;
            cr = ((cr3 + crNext + 2) >> 2) & 0xFF;
            y = yP[yi + 1] & 0xFF;
            int r1 = y + CR_R8[cr];
            int g1 = y + ((CB_G8[cb] + CR_G8[cr]) >> SCALE);
            int b1 = y + CB_B8[cb];
            if (((r0 | g0 | b0 | r1 | g1 | b1) & ~0xFF) == 0) {
                // All six in 0..255 (the usual case): no clamping needed.
                out[k] = (byte) r0;
                out[k + 1] = (byte) g0;
                out[k + 2] = (byte) b0;
                out[k + 3] = (byte) r1;
                out[k + 4] = (byte) g1;
                out[k + 5] = (byte) b1;
            } else {
                out[k] = clamp8(r0);
                out[k + 1] = clamp8(g0);
                out[k + 2] = clamp8(b0);
                out[k + 3] = clamp8(r1);
                out[k + 4] = clamp8(g1);
                out[k + 5] = clamp8(b1);
            }
            cbPrev = cbCur;
            crPrev = crCur;
            cbCur = cbNext;
            crCur = crNext;
        }
        h2v1Edge(yP, yOff, cbP, cbOff, crP, crOff, n, width, out, o, n - 1);
    }

    /** One chroma column of {@link #h2v1ToRgb8} with the edge rules (neighbour clamped to the row). */
    private static void h2v1Edge(byte[] yP, int yOff, byte[] cbP, int cbOff, byte[] crP, int crOff, int n, int width,
                          byte[] out, int o, int i) {
        int il = i == 0 ? 0 : i - 1;
        int ir = i == n - 1 ? i : i + 1;
        int cb3 = (cbP[cbOff + i] & 0xFF) * 3;
        int cr3 = (crP[crOff + i] & 0xFF) * 3;
        int x = i << 1;
        int cb = (cb3 + (cbP[cbOff + il] & 0xFF) + 1) >> 2;
        int cr = (cr3 + (crP[crOff + il] & 0xFF) + 1) >> 2;
        int y = (yP[yOff + x] & 0xFF) + LIMIT_OFFSET;
        int k = o + 3 * x;
        out[k] = LIMIT8[y + crR[cr]];
        out[k + 1] = LIMIT8[y + ((cbG[cb] + crG[cr]) >> SCALE)];
        out[k + 2] = LIMIT8[y + cbB[cb]];
        if (x + 1 < width) {
            cb = (cb3 + (cbP[cbOff + ir] & 0xFF) + 2) >> 2;
            cr = (cr3 + (crP[crOff + ir] & 0xFF) + 2) >> 2;
            y = (yP[yOff + x + 1] & 0xFF) + LIMIT_OFFSET;
            out[k + 3] = LIMIT8[y + crR[cr]];
            out[k + 4] = LIMIT8[y + ((cbG[cb] + crG[cr]) >> SCALE)];
            out[k + 5] = LIMIT8[y + cbB[cb]];
        }
    }

    /**
     * Fused libjpeg h2v2 "fancy" upsampling of Cb and Cr and conversion to 8-bit RGB for one
     * output row (4:2:0). Vertically each chroma sample is 3/4 of its own row ({@code *0P}) plus
     * 1/4 of the nearer neighbour row ({@code *1P}); horizontally the column sums s[i] give
     * output 2i as (3s[i] + s[i-1] + 8) >> 4 and 2i+1 as (3s[i] + s[i+1] + 7) >> 4, the missing
     * neighbour at an edge being s[i] itself (libjpeg's (4s + 8) >> 4 and (4s + 7) >> 4).
     *
     * @param n chroma samples in the row (ceil(width / 2)); at least 2
     */
    static void h2v2ToRgb8(byte[] yP, int yOff, byte[] cbP, int cb0, int cb1, byte[] crP, int cr0, int cr1, int n,
                    int width, byte[] out, int o) {
        h2v2Edge(yP, yOff, cbP, cb0, cb1, crP, cr0, cr1, n, width, out, o, 0);
        int cbPrev = (cbP[cb0] & 0xFF) * 3 + (cbP[cb1] & 0xFF);
        int crPrev = (crP[cr0] & 0xFF) * 3 + (crP[cr1] & 0xFF);
        int cbCur = (cbP[cb0 + 1] & 0xFF) * 3 + (cbP[cb1 + 1] & 0xFF);
        int crCur = (crP[cr0 + 1] & 0xFF) * 3 + (crP[cr1 + 1] & 0xFF);
        // Interior: both neighbours exist and 2i + 1 <= 2n - 3 < width; the colour arithmetic is
        // that of h2v1ToRgb8.
        for (int i = 1, k = o + 6, yi = yOff + 2; i < n - 1; i++, k += 6, yi += 2) {
            int cbNext = (cbP[cb0 + i + 1] & 0xFF) * 3 + (cbP[cb1 + i + 1] & 0xFF);
            int crNext = (crP[cr0 + i + 1] & 0xFF) * 3 + (crP[cr1 + i + 1] & 0xFF);
            int cb3 = cbCur * 3;
            int cr3 = crCur * 3;
            // The upsampled values are in 0..255, so & 0xFF changes nothing but proves the range.
            int cb = ((cb3 + cbPrev + 8) >> 4) & 0xFF;
            int cr = ((cr3 + crPrev + 8) >> 4) & 0xFF;
            int y = yP[yi] & 0xFF;
            int r0 = y + CR_R8[cr];
            int g0 = y + ((CB_G8[cb] + CR_G8[cr]) >> SCALE);
            int b0 = y + CB_B8[cb];
            cb = ((cb3 + cbNext + 7) >> 4) & 0xFF;
            cr = ((cr3 + crNext + 7) >> 4) & 0xFF;
            y = yP[yi + 1] & 0xFF;
            int r1 = y + CR_R8[cr];
            int g1 = y + ((CB_G8[cb] + CR_G8[cr]) >> SCALE);
            int b1 = y + CB_B8[cb];
            if (((r0 | g0 | b0 | r1 | g1 | b1) & ~0xFF) == 0) {
                out[k] = (byte) r0;
                out[k + 1] = (byte) g0;
                out[k + 2] = (byte) b0;
                out[k + 3] = (byte) r1;
                out[k + 4] = (byte) g1;
                out[k + 5] = (byte) b1;
            } else {
                out[k] = clamp8(r0);
                out[k + 1] = clamp8(g0);
                out[k + 2] = clamp8(b0);
                out[k + 3] = clamp8(r1);
                out[k + 4] = clamp8(g1);
                out[k + 5] = clamp8(b1);
            }
            cbPrev = cbCur;
            crPrev = crCur;
            cbCur = cbNext;
            crCur = crNext;
        }
        h2v2Edge(yP, yOff, cbP, cb0, cb1, crP, cr0, cr1, n, width, out, o, n - 1);
    }

    /** One chroma column of {@link #h2v2ToRgb8} with the edge rules. */
    private static void h2v2Edge(byte[] yP, int yOff, byte[] cbP, int cb0, int cb1, byte[] crP, int cr0, int cr1, int n,
                          int width, byte[] out, int o, int i) {
        int il = i == 0 ? 0 : i - 1;
        int ir = i == n - 1 ? i : i + 1;
        int cb3 = ((cbP[cb0 + i] & 0xFF) * 3 + (cbP[cb1 + i] & 0xFF)) * 3;
        int cr3 = ((crP[cr0 + i] & 0xFF) * 3 + (crP[cr1 + i] & 0xFF)) * 3;
        int x = i << 1;
        int cb = (cb3 + (cbP[cb0 + il] & 0xFF) * 3 + (cbP[cb1 + il] & 0xFF) + 8) >> 4;
        int cr = (cr3 + (crP[cr0 + il] & 0xFF) * 3 + (crP[cr1 + il] & 0xFF) + 8) >> 4;
        int y = (yP[yOff + x] & 0xFF) + LIMIT_OFFSET;
        int k = o + 3 * x;
        out[k] = LIMIT8[y + crR[cr]];
        out[k + 1] = LIMIT8[y + ((cbG[cb] + crG[cr]) >> SCALE)];
        out[k + 2] = LIMIT8[y + cbB[cb]];
        if (x + 1 < width) {
            cb = (cb3 + (cbP[cb0 + ir] & 0xFF) * 3 + (cbP[cb1 + ir] & 0xFF) + 7) >> 4;
            cr = (cr3 + (crP[cr0 + ir] & 0xFF) * 3 + (crP[cr1 + ir] & 0xFF) + 7) >> 4;
            y = (yP[yOff + x + 1] & 0xFF) + LIMIT_OFFSET;
            out[k + 3] = LIMIT8[y + crR[cr]];
            out[k + 4] = LIMIT8[y + ((cbG[cb] + crG[cr]) >> SCALE)];
            out[k + 5] = LIMIT8[y + cbB[cb]];
        }
    }

    /** 4:4:4 conversion to 8-bit RGB straight from the three planes. */
    static void planesToRgb8(byte[] yP, int yOff, byte[] cbP, int cbOff, byte[] crP, int crOff, int width,
                      byte[] out, int o) {
        for (int x = 0, k = o; x < width; x++, k += 3) {
            int y = yP[yOff + x] & 0xFF;
            int cb = cbP[cbOff + x] & 0xFF;
            int cr = crP[crOff + x] & 0xFF;
            int r = y + CR_R8[cr];
            int g = y + ((CB_G8[cb] + CR_G8[cr]) >> SCALE);
            int b = y + CB_B8[cb];
            if (((r | g | b) & ~0xFF) == 0) {
                out[k] = (byte) r;
                out[k + 1] = (byte) g;
                out[k + 2] = (byte) b;
            } else {
                out[k] = clamp8(r);
                out[k + 1] = clamp8(g);
                out[k + 2] = clamp8(b);
            }
        }
    }

    /** clamp(v, 0, 255) as a byte, branch-free (min/max compile to conditional moves). */
    private static byte clamp8(int v) {
        return (byte) Math.min(Math.max(v, 0), 255);
    }
}
