// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.Photometric;
import dev.aperture.imaging.UnsupportedDataException;

/**
 * YBR to RGB for 8-bit interleaved samples, per PS3.3 C.7.6.3.1.2 (ITU-R BT.601 as in JFIF).
 *
 * <pre>
 *   YBR_FULL:    R = Y + 1.402 (Cr - 128)
 *                G = Y - (0.114 * 1.772 / 0.587) (Cb - 128) - (0.299 * 1.402 / 0.587) (Cr - 128)
 *                B = Y + 1.772 (Cb - 128)
 *   YBR_PARTIAL: the same with Y scaled by 255/219 after subtracting 16, and Cb, Cr by 255/224
 * </pre>
 * Results are rounded to nearest (halves up) and clamped to 0..255. Subsampled 4:2:2 data must
 * be upsampled first (the native decoder does so).
 *
 * <p>Stateless and thread-safe; the per-value terms are tables built once.
 */
public final class ColorConversion {

    private static final double KG_CB = 0.114 * 1.772 / 0.587;
    private static final double KG_CR = 0.299 * 1.402 / 0.587;
    private static final double[] FULL_Y = new double[256];
    private static final double[] FULL_R_CR = new double[256];
    private static final double[] FULL_G_CB = new double[256];
    private static final double[] FULL_G_CR = new double[256];
    private static final double[] FULL_B_CB = new double[256];
    private static final double[] PART_Y = new double[256];
    private static final double[] PART_R_CR = new double[256];
    private static final double[] PART_G_CB = new double[256];
    private static final double[] PART_G_CR = new double[256];
    private static final double[] PART_B_CB = new double[256];

    static {
        double ys = 255.0 / 219.0;
        double cs = 255.0 / 224.0;
        for (int v = 0; v < 256; v++) {
            double c = v - 128;
            FULL_Y[v] = v;
            FULL_R_CR[v] = 1.402 * c;
            FULL_G_CB[v] = -KG_CB * c;
            FULL_G_CR[v] = -KG_CR * c;
            FULL_B_CB[v] = 1.772 * c;
            PART_Y[v] = ys * (v - 16);
            PART_R_CR[v] = cs * 1.402 * c;
            PART_G_CB[v] = -cs * KG_CB * c;
            PART_G_CR[v] = -cs * KG_CR * c;
            PART_B_CB[v] = cs * 1.772 * c;
        }
    }

    private ColorConversion() {
    }

    /**
     * Converts interleaved samples of a photometric interpretation to RGB. RGB is copied;
     * YBR_FULL and YBR_FULL_422 (already upsampled) use the full-range equations; YBR_PARTIAL_422
     * and YBR_PARTIAL_420 (already upsampled) the partial-range ones.
     *
     * @param from the interpretation of {@code in}
     * @param in   3 samples per pixel
     * @param out  receives as many samples as {@code in} has; may be the same window as {@code in}
     * @throws UnsupportedDataException for other interpretations (YBR_ICT and YBR_RCT belong to
     *                                  the JPEG 2000 decoder)
     * @throws IllegalArgumentException if {@code out} is smaller than {@code in}
     */
    public static void toRgb(Photometric from, ByteSamples in, ByteSamples out) {
        int n = in.length();
        if (out.length() < n) {
            throw new IllegalArgumentException("output smaller than input");
        }
        switch (from) {
            case RGB -> System.arraycopy(in.array(), in.offset(), out.array(), out.offset(), n);
            case YBR_FULL, YBR_FULL_422 -> convert(in, out, FULL_Y, FULL_R_CR, FULL_G_CB, FULL_G_CR, FULL_B_CB);
            case YBR_PARTIAL_422, YBR_PARTIAL_420 ->
                    convert(in, out, PART_Y, PART_R_CR, PART_G_CB, PART_G_CR, PART_B_CB);
            default -> throw new UnsupportedDataException("no conversion to RGB for this photometric interpretation");
        }
    }

    private static void convert(ByteSamples in, ByteSamples out, double[] ty, double[] rCr, double[] gCb,
                                double[] gCr, double[] bCb) {
        byte[] a = in.array();
        byte[] o = out.array();
        int p = in.offset();
        int q = out.offset();
        int end = p + in.length() / 3 * 3;
        for (; p < end; p += 3, q += 3) {
            double y = ty[a[p] & 0xFF];
            int cb = a[p + 1] & 0xFF;
            int cr = a[p + 2] & 0xFF;
            o[q] = clamp(y + rCr[cr]);
            o[q + 1] = clamp(y + gCb[cb] + gCr[cr]);
            o[q + 2] = clamp(y + bCb[cb]);
        }
    }

    private static byte clamp(double v) {
        int r = (int) Math.floor(v + 0.5);
        return (byte) Math.max(0, Math.min(255, r));
    }
}
