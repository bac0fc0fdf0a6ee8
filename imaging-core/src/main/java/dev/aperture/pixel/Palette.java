// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.util.Objects;

/**
 * PALETTE COLOR expansion (PS3.3 C.7.6.3.1.5): each stored value indexes the Red, Green and
 * Blue Palette Color Lookup Tables; values below the first mapped value take the first entry,
 * values past the last entry take the last (as C.7.6.3.1.5 and pydicom's
 * {@code apply_color_lut} do).
 *
 * <p>Immutable and thread-safe. The tables are interleaved once at construction.
 */
public final class Palette {

    private final int first;
    private final int last;
    private final int bits;
    private final boolean signed;
    private final short[] rgb16;
    private final byte[] rgb8;

    private Palette(LookupTable r, LookupTable g, LookupTable b, boolean signed) {
        this.first = r.firstMapped();
        this.last = r.size() - 1;
        this.bits = Math.max(r.bits(), Math.max(g.bits(), b.bits()));
        this.signed = signed;
        int n = r.size();
        int[] re = r.entries();
        int[] ge = g.entries();
        int[] be = b.entries();
        rgb16 = new short[3 * n];
        rgb8 = new byte[3 * n];
        // 8-bit display: 16-bit entries keep their high byte; 8-bit entries are used as they are.
        int shift = bits > 8 ? bits - 8 : 0;
        for (int i = 0; i < n; i++) {
            rgb16[3 * i] = (short) re[i];
            rgb16[3 * i + 1] = (short) ge[i];
            rgb16[3 * i + 2] = (short) be[i];
            rgb8[3 * i] = (byte) Math.min(255, re[i] >>> shift);
            rgb8[3 * i + 1] = (byte) Math.min(255, ge[i] >>> shift);
            rgb8[3 * i + 2] = (byte) Math.min(255, be[i] >>> shift);
        }
    }

    /**
     * Creates a palette from three tables of the same size and first mapped value.
     *
     * @param red    the Red table
     * @param green  the Green table
     * @param blue   the Blue table
     * @param signed whether the stored indices are signed (Pixel Representation 1)
     * @return the palette
     * @throws IllegalArgumentException if the tables differ in size or first mapped value
     */
    public static Palette of(LookupTable red, LookupTable green, LookupTable blue, boolean signed) {
        Objects.requireNonNull(red, "red");
        Objects.requireNonNull(green, "green");
        Objects.requireNonNull(blue, "blue");
        if (red.size() != green.size() || red.size() != blue.size()
                || red.firstMapped() != green.firstMapped() || red.firstMapped() != blue.firstMapped()) {
            throw new IllegalArgumentException("the three palette tables must have the same size and first mapped value");
        }
        return new Palette(red, green, blue, signed);
    }

    /** Returns the bits per entry (the largest of the three descriptors). */
    public int bits() {
        return bits;
    }

    /**
     * Expands indices to 8-bit RGB, interleaved: 16-bit entries are shifted down to their
     * high 8 bits.
     *
     * @param indices stored values (byte, short or int samples), one per pixel
     * @param rgb     receives {@code 3 * indices.length()} values from its offset
     * @throws IllegalArgumentException if {@code rgb} is too small or {@code indices} is floating point
     */
    public void expand(Samples indices, ByteSamples rgb) {
        int n = indices.length();
        check(n, rgb.length());
        byte[] t = rgb8;
        byte[] o = rgb.array();
        int p = rgb.offset();
        // The sample type and signedness are chosen once; each loop is then one clamp and three copies.
        int mask = mask(indices);
        int first = this.first;
        int last = this.last;
        if (indices instanceof ByteSamples b) {
            byte[] x = b.array();
            for (int i = b.offset(), end = i + n; i < end; i++, p += 3) {
                int k = 3 * Math.max(0, Math.min(last, (x[i] & mask) - first));
                o[p] = t[k];
                o[p + 1] = t[k + 1];
                o[p + 2] = t[k + 2];
            }
        } else if (indices instanceof ShortSamples b) {
            short[] x = b.array();
            for (int i = b.offset(), end = i + n; i < end; i++, p += 3) {
                int k = 3 * Math.max(0, Math.min(last, (x[i] & mask) - first));
                o[p] = t[k];
                o[p + 1] = t[k + 1];
                o[p + 2] = t[k + 2];
            }
        } else {
            int[] x = ((IntSamples) indices).array();
            for (int i = indices.offset(), end = i + n; i < end; i++, p += 3) {
                int k = 3 * (int) Math.max(0, Math.min(last, (long) x[i] - first));
                o[p] = t[k];
                o[p + 1] = t[k + 1];
                o[p + 2] = t[k + 2];
            }
        }
    }

    /**
     * Expands indices to the palette's own entries (8 or 16 bits, unsigned in a {@code short}),
     * interleaved RGB.
     *
     * @param indices stored values (byte, short or int samples), one per pixel
     * @param rgb     receives {@code 3 * indices.length()} values from its offset
     * @throws IllegalArgumentException if {@code rgb} is too small or {@code indices} is floating point
     */
    public void expand(Samples indices, ShortSamples rgb) {
        int n = indices.length();
        check(n, rgb.length());
        short[] t = rgb16;
        short[] o = rgb.array();
        int p = rgb.offset();
        int mask = mask(indices);
        int first = this.first;
        int last = this.last;
        if (indices instanceof ByteSamples b) {
            byte[] x = b.array();
            for (int i = b.offset(), end = i + n; i < end; i++, p += 3) {
                int k = 3 * Math.max(0, Math.min(last, (x[i] & mask) - first));
                o[p] = t[k];
                o[p + 1] = t[k + 1];
                o[p + 2] = t[k + 2];
            }
        } else if (indices instanceof ShortSamples b) {
            short[] x = b.array();
            for (int i = b.offset(), end = i + n; i < end; i++, p += 3) {
                int k = 3 * Math.max(0, Math.min(last, (x[i] & mask) - first));
                o[p] = t[k];
                o[p + 1] = t[k + 1];
                o[p + 2] = t[k + 2];
            }
        } else {
            int[] x = ((IntSamples) indices).array();
            for (int i = indices.offset(), end = i + n; i < end; i++, p += 3) {
                int k = 3 * (int) Math.max(0, Math.min(last, (long) x[i] - first));
                o[p] = t[k];
                o[p + 1] = t[k + 1];
                o[p + 2] = t[k + 2];
            }
        }
    }

    /**
     * The mask that reads a sample as its index: all ones (sign-extended) for signed data, else
     * 0xFF or 0xFFFF (zero-extended). Also rejects floating-point samples.
     */
    private int mask(Samples s) {
        if (s instanceof ByteSamples) {
            return signed ? -1 : 0xFF;
        } else if (s instanceof ShortSamples) {
            return signed ? -1 : 0xFFFF;
        } else if (s instanceof IntSamples) {
            return -1;
        }
        throw new IllegalArgumentException("palette indices are integers: byte, short or int samples");
    }

    private static void check(int n, int outLength) {
        if (outLength / 3 < n) {
            throw new IllegalArgumentException("output holds " + outLength + " values, need 3 per pixel for " + n);
        }
    }
}
