// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.jpeg;

/**
 * YCbCr to RGB as JFIF defines it (ITU-T T.871 section 7, full range), in 16-bit fixed point
 * with the same tables and rounding as libjpeg's {@code jdcolor.c}, so that output matches
 * DCMTK's decoder exactly for the same upsampled input.
 *
 * <p>Immutable and thread-safe; one instance per precision is cached.
 */
final class ColourTables {
    private static final int SCALE = 16;
    private static final int HALF = 1 << (SCALE - 1);
    private static final ColourTables EIGHT = new ColourTables(8);
    private static final ColourTables TWELVE = new ColourTables(12);

    /**
     * clamp(v, 0, 255) for v in [-384, 640): y is 0..255 and the largest chroma term is
     * |FIX(1.772) * 128| >> 16 = 227, so every sum lands inside.
     */
    private static final byte[] LIMIT8 = new byte[1024];
    private static final int LIMIT_OFFSET = 384;

    static {
        for (int i = 0; i < LIMIT8.length; i++) {
            int v = i - LIMIT_OFFSET;
            LIMIT8[i] = (byte) (v < 0 ? 0 : (v > 255 ? 255 : v));
        }
    }

    private final int[] crR;
    private final int[] cbB;
    private final int[] crG;
    private final int[] cbG;

    private ColourTables(int precision) {
        int size = 1 << precision;
        int center = size >> 1;
        crR = new int[size];
        cbB = new int[size];
        crG = new int[size];
        cbG = new int[size];
        for (int i = 0; i < size; i++) {
            int x = i - center;
            // FIX(a) = round(a * 2^16)
            crR[i] = (fix(1.40200) * x + HALF) >> SCALE;
            cbB[i] = (fix(1.77200) * x + HALF) >> SCALE;
            crG[i] = -fix(0.71414) * x;
            cbG[i] = -fix(0.34414) * x + HALF;
        }
    }

    private static int fix(double a) {
        return (int) (a * (1 << SCALE) + 0.5);
    }

    static ColourTables of(int precision) {
        return precision == 8 ? EIGHT : TWELVE;
    }

    /** Converts one row of Y, Cb, Cr (each {@code [0, maxVal]}) to interleaved RGB at {@code o}. */
    void toRgb(int[] yRow, int[] cbRow, int[] crRow, int width, byte[] outB, short[] outS, int o, int maxVal) {
        final int[] crR = this.crR;
        final int[] cbB = this.cbB;
        final int[] crG = this.crG;
        final int[] cbG = this.cbG;
        if (outB != null) {
            for (int x = 0, i = o; x < width; x++, i += 3) {
                int y = yRow[x];
                int cb = cbRow[x];
                int cr = crRow[x];
                outB[i] = (byte) clamp(y + crR[cr], maxVal);
                outB[i + 1] = (byte) clamp(y + ((cbG[cb] + crG[cr]) >> SCALE), maxVal);
                outB[i + 2] = (byte) clamp(y + cbB[cb], maxVal);
            }
        } else {
            for (int x = 0, i = o; x < width; x++, i += 3) {
                int y = yRow[x];
                int cb = cbRow[x];
                int cr = crRow[x];
                outS[i] = (short) clamp(y + crR[cr], maxVal);
                outS[i + 1] = (short) clamp(y + ((cbG[cb] + crG[cr]) >> SCALE), maxVal);
                outS[i + 2] = (short) clamp(y + cbB[cb], maxVal);
            }
        }
    }

    /**
     * As {@link #toRgb}, with Y read straight from its full-resolution plane at {@code yOff}, and
     * 8-bit output (the common baseline case).
     */
    void toRgb8(byte[] yPlane, int yOff, int[] cbRow, int[] crRow, int width, byte[] out, int o) {
        final int[] crR = this.crR;
        final int[] cbB = this.cbB;
        final int[] crG = this.crG;
        final int[] cbG = this.cbG;
        for (int x = 0, i = o; x < width; x++, i += 3) {
            int y = (yPlane[yOff + x] & 0xFF);
            int cb = cbRow[x];
            int cr = crRow[x];
            out[i] = LIMIT8[y + crR[cr] + LIMIT_OFFSET];
            out[i + 1] = LIMIT8[y + ((cbG[cb] + crG[cr]) >> SCALE) + LIMIT_OFFSET];
            out[i + 2] = LIMIT8[y + cbB[cb] + LIMIT_OFFSET];
        }
    }

    private static int clamp(int v, int maxVal) {
        return v < 0 ? 0 : (v > maxVal ? maxVal : v);
    }
}
