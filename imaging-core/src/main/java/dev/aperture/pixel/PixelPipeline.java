// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Photometric;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import dev.aperture.imaging.UnsupportedDataException;
import java.util.Objects;
import java.util.Optional;

/**
 * The greyscale display pipeline of PS3.3 C.11, folded into one lookup table over the range of
 * stored values (at most 2^16 entries), built once: stored value &rarr; Modality LUT (or
 * {@link Rescale}) &rarr; VOI ({@link Window} or a VOI LUT) &rarr; Presentation LUT Shape
 * &rarr; 8- or 16-bit output. Each pixel is then one table lookup.
 *
 * <p>Samples go in as decoded (raw); the table index is taken from them branch-free with
 * {@link StoredValues}' shifts ({@code ((v << (31 - highBit)) >>> (32 - bitsStored)) ^ flip},
 * where {@code flip = 2^(bitsStored-1)} for signed data: XOR with the sign bit of an n-bit two's
 * complement pattern adds 2^(n-1) modulo 2^n, so the index of the smallest signed value is 0).
 * Every index is in range by construction, so bad pixel values cannot fail.
 *
 * <p>Output: a window maps to {@code [0, 2^outputBits - 1]}, rounded to the nearest integer
 * (halves up). Without a window or VOI LUT the whole modality range of the stored values is
 * mapped linearly. MONOCHROME1 is inverted unless a Presentation LUT Shape is given, which then
 * decides alone (C.11.6). {@link #toModality} gives modality values (HU) as {@code float}.
 *
 * <p>Immutable and thread-safe: share one pipeline between threads. Callers own the sample arrays.
 */
public final class PixelPipeline {

    private final StoredValues stored;
    private final int left;
    private final int right;
    private final int flip;
    private final int outputBits;
    private final byte[] lut8;
    private final short[] lut16;
    private final float[] modality;
    private final Rescale rescale;

    private PixelPipeline(Builder b) {
        this.stored = StoredValues.of(b.image.bitsAllocated() == 1 ? 8 : b.image.bitsAllocated(),
                b.image.bitsStored(), b.highBit, b.image.signed());
        this.left = 31 - b.highBit;
        this.right = 32 - b.image.bitsStored();
        this.outputBits = b.outputBits;
        this.rescale = b.rescale;
        int bs = b.image.bitsStored();
        if (bs > 16) {
            this.flip = 0;
            this.lut8 = null;
            this.lut16 = null;
            this.modality = null;
            if (b.modalityLut != null) {
                throw new UnsupportedDataException("a Modality LUT needs bits stored of 16 or less");
            }
            return;
        }
        int size = 1 << bs;
        this.flip = b.image.signed() ? size >>> 1 : 0;
        int min = (int) stored.min();
        // Modality values over the stored range, in index order (index = value - min).
        float[] m = new float[size];
        double mMin = Double.POSITIVE_INFINITY;
        double mMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            int x = i + min;
            double v = b.modalityLut != null ? b.modalityLut.lookup(x) : b.rescale.apply(x);
            m[i] = (float) v;
            mMin = Math.min(mMin, v);
            mMax = Math.max(mMax, v);
        }
        this.modality = m;
        double yMax = (1 << outputBits) - 1;
        PresentationShape shape = b.shape != null ? b.shape
                : b.image.photometric() == Photometric.MONOCHROME1 ? PresentationShape.INVERSE : PresentationShape.IDENTITY;
        boolean invert = shape == PresentationShape.INVERSE;
        byte[] l8 = outputBits == 8 ? new byte[size] : null;
        short[] l16 = outputBits == 16 ? new short[size] : null;
        double voiMax = b.voiLut != null ? (1 << b.voiLut.bits()) - 1 : 0;
        for (int i = 0; i < size; i++) {
            double x = b.modalityLut != null ? b.modalityLut.lookup(i + min) : b.rescale.apply(i + min);
            double y;
            if (b.window != null) {
                y = b.window.apply(x, 0, yMax);
            } else if (b.voiLut != null) {
                y = b.voiLut.lookup(Math.round(x)) * yMax / voiMax;
            } else {
                y = mMax > mMin ? (x - mMin) / (mMax - mMin) * yMax : 0;
            }
            long q = (long) Math.floor(y + 0.5);
            q = Math.max(0, Math.min((long) yMax, q));
            if (invert) {
                q = (long) yMax - q;
            }
            if (l8 != null) {
                l8[i] = (byte) q;
            } else {
                l16[i] = (short) q;
            }
        }
        this.lut8 = l8;
        this.lut16 = l16;
    }

    /**
     * Starts a pipeline for one image: no Modality LUT (rescale identity), no VOI (whole range),
     * Presentation LUT Shape from the photometric interpretation, 8-bit output, High Bit
     * {@code bitsStored - 1}.
     *
     * @param image the image; MONOCHROME1 or MONOCHROME2 (other interpretations are treated as
     *              grey values too)
     * @return a builder
     */
    public static Builder builder(ImageDescriptor image) {
        return new Builder(image);
    }

    /**
     * A LINEAR window pipeline with a rescale and 8- or 16-bit output: the common case.
     *
     * @param image      the image
     * @param rescale    the modality rescale
     * @param window     the window (use {@link #builder} for no window: the whole range)
     * @param outputBits 8 or 16
     * @return the pipeline
     */
    public static PixelPipeline of(ImageDescriptor image, Rescale rescale, Window window, int outputBits) {
        return builder(image).rescale(rescale).window(window).outputBits(outputBits).build();
    }

    /** Returns the output bits, 8 or 16. */
    public int outputBits() {
        return outputBits;
    }

    /** Returns how stored values are extracted from samples. */
    public StoredValues storedValues() {
        return stored;
    }

    /**
     * Returns a copy of the folded 8-bit table, indexed by {@code stored value - min stored value},
     * or empty for 16-bit output or Bits Stored above 16.
     */
    public Optional<byte[]> table8() {
        return lut8 == null ? Optional.empty() : Optional.of(lut8.clone());
    }

    /**
     * Maps samples to 8-bit display values: one table lookup per sample.
     *
     * @param in  raw samples (byte, short or int) as decoded, greyscale
     * @param out receives {@code in.length()} values from its offset
     * @throws IllegalStateException    if the pipeline was built for 16-bit output
     * @throws UnsupportedDataException if Bits Stored is above 16
     * @throws IllegalArgumentException if {@code out} is too small or {@code in} is floating point
     */
    public void apply(Samples in, ByteSamples out) {
        if (lut8 == null) {
            if (modality == null) {
                throw new UnsupportedDataException("display of more than 16 bits stored");
            }
            throw new IllegalStateException("pipeline built for 16-bit output");
        }
        int n = in.length();
        checkOut(n, out.length());
        byte[] lut = lut8;
        byte[] o = out.array();
        int oo = out.offset();
        int a = left;
        int b = right;
        int f = flip;
        if (in instanceof ShortSamples s) {
            short[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else if (in instanceof ByteSamples s) {
            byte[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else if (in instanceof IntSamples s) {
            int[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else {
            throw new IllegalArgumentException("stored values are integers: byte, short or int samples");
        }
    }

    /**
     * Maps samples to 16-bit display values (unsigned, in a {@code short}).
     *
     * @param in  raw samples (byte, short or int) as decoded, greyscale
     * @param out receives {@code in.length()} values from its offset
     * @throws IllegalStateException    if the pipeline was built for 8-bit output
     * @throws UnsupportedDataException if Bits Stored is above 16
     * @throws IllegalArgumentException if {@code out} is too small or {@code in} is floating point
     */
    public void apply(Samples in, ShortSamples out) {
        if (lut16 == null) {
            if (modality == null) {
                throw new UnsupportedDataException("display of more than 16 bits stored");
            }
            throw new IllegalStateException("pipeline built for 8-bit output");
        }
        int n = in.length();
        checkOut(n, out.length());
        short[] lut = lut16;
        short[] o = out.array();
        int oo = out.offset();
        int a = left;
        int b = right;
        int f = flip;
        if (in instanceof ShortSamples s) {
            short[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else if (in instanceof ByteSamples s) {
            byte[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else if (in instanceof IntSamples s) {
            int[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else {
            throw new IllegalArgumentException("stored values are integers: byte, short or int samples");
        }
    }

    /**
     * Maps samples to modality values (Hounsfield units for CT) through the Modality LUT or
     * rescale: a table lookup for Bits Stored up to 16, arithmetic above (rescale only).
     *
     * @param in  raw samples (byte, short or int) as decoded
     * @param out receives {@code in.length()} values from its offset
     * @throws IllegalArgumentException if {@code out} is too small or {@code in} is floating point
     */
    public void toModality(Samples in, FloatSamples out) {
        int n = in.length();
        checkOut(n, out.length());
        float[] o = out.array();
        int oo = out.offset();
        int a = left;
        int b = right;
        if (modality == null) {
            if (!(in instanceof IntSamples s)) {
                throw new IllegalArgumentException("more than 16 bits stored come in int samples");
            }
            int[] x = s.array();
            int xo = s.offset();
            double slope = rescale.slope();
            double icpt = rescale.intercept();
            if (stored.signed()) {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) (((x[xo + i] << a) >> b) * slope + icpt);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    o[oo + i] = (float) ((((x[xo + i] << a) >>> b) & 0xFFFFFFFFL) * slope + icpt);
                }
            }
            return;
        }
        float[] lut = modality;
        int f = flip;
        if (in instanceof ShortSamples s) {
            short[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else if (in instanceof ByteSamples s) {
            byte[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else if (in instanceof IntSamples s) {
            int[] x = s.array();
            int xo = s.offset();
            for (int i = 0; i < n; i++) {
                o[oo + i] = lut[((x[xo + i] << a) >>> b) ^ f];
            }
        } else {
            throw new IllegalArgumentException("stored values are integers: byte, short or int samples");
        }
    }

    private static void checkOut(int n, int outLength) {
        if (outLength < n) {
            throw new IllegalArgumentException("output holds " + outLength + " values, input has " + n);
        }
    }

    /**
     * Collects the pipeline's settings. Not thread-safe; the pipeline it builds is.
     */
    public static final class Builder {
        private final ImageDescriptor image;
        private int highBit;
        private Rescale rescale = Rescale.IDENTITY;
        private LookupTable modalityLut;
        private Window window;
        private LookupTable voiLut;
        private PresentationShape shape;
        private int outputBits = 8;

        private Builder(ImageDescriptor image) {
            this.image = Objects.requireNonNull(image, "image");
            this.highBit = image.bitsStored() - 1;
        }

        /**
         * Sets High Bit (0028,0102); the default is {@code bitsStored - 1}.
         *
         * @param hb High Bit, in {@code bitsStored - 1 .. bitsAllocated - 1}
         * @return this builder
         */
        public Builder highBit(int hb) {
            this.highBit = hb;
            return this;
        }

        /**
         * Sets the modality rescale and clears any Modality LUT.
         *
         * @param r the rescale
         * @return this builder
         */
        public Builder rescale(Rescale r) {
            this.rescale = Objects.requireNonNull(r, "rescale");
            this.modalityLut = null;
            return this;
        }

        /**
         * Sets a Modality LUT (Modality LUT Sequence, C.11.1), used instead of the rescale.
         *
         * @param lut the table, indexed by stored value
         * @return this builder
         */
        public Builder modalityLut(LookupTable lut) {
            this.modalityLut = Objects.requireNonNull(lut, "lut");
            return this;
        }

        /**
         * Sets the VOI window and clears any VOI LUT.
         *
         * @param w the window, in modality units
         * @return this builder
         */
        public Builder window(Window w) {
            this.window = Objects.requireNonNull(w, "window");
            this.voiLut = null;
            return this;
        }

        /**
         * Sets a VOI LUT (VOI LUT Sequence, C.11.2) and clears any window. Its input is the
         * modality value rounded to an integer; its output is scaled from {@code 2^bits - 1}
         * to the output range.
         *
         * @param lut the table
         * @return this builder
         */
        public Builder voiLut(LookupTable lut) {
            this.voiLut = Objects.requireNonNull(lut, "lut");
            this.window = null;
            return this;
        }

        /**
         * Sets the Presentation LUT Shape; without one, MONOCHROME1 is inverted and everything
         * else is not.
         *
         * @param s the shape
         * @return this builder
         */
        public Builder presentation(PresentationShape s) {
            this.shape = Objects.requireNonNull(s, "shape");
            return this;
        }

        /**
         * Sets the output depth.
         *
         * @param bits 8 or 16
         * @return this builder
         */
        public Builder outputBits(int bits) {
            if (bits != 8 && bits != 16) {
                throw new IllegalArgumentException("output bits must be 8 or 16");
            }
            this.outputBits = bits;
            return this;
        }

        /**
         * Builds the table (2^bitsStored entries, at most 65536).
         *
         * @return the immutable pipeline
         * @throws IllegalArgumentException if High Bit does not fit Bits Stored and Bits Allocated,
         *                                  or the image has 64-bit or floating-point samples
         */
        public PixelPipeline build() {
            if (image.bitsAllocated() == 64) {
                throw new IllegalArgumentException("the pipeline works on integer stored values");
            }
            return new PixelPipeline(this);
        }
    }
}
