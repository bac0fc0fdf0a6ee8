// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * jqwik: the VOI functions of PS3.3 C.11.2.1.2 and C.11.2.1.3. LINEAR windows are monotonic and
 * stay in [0, 2^n - 1] through the folded table; the formulas are exact at the documented points.
 */
class WindowProperties {

    @Property(tries = 300)
    void linearWindowIsMonotonicAndInRange(@ForAll @IntRange(min = 1, max = 16) int bitsStored,
                                           @ForAll boolean signed,
                                           @ForAll @DoubleRange(min = -5000, max = 5000) double center,
                                           @ForAll @DoubleRange(min = 1, max = 10000) double width,
                                           @ForAll @DoubleRange(min = 0.01, max = 10) double slope,
                                           @ForAll @DoubleRange(min = -2000, max = 2000) double intercept,
                                           @ForAll boolean sixteen, @ForAll VoiFunction function) {
        ImageDescriptor image = ImageDescriptor.of(1, 1, 1, 16, bitsStored, signed, Photometric.MONOCHROME2);
        PixelPipeline p = PixelPipeline.builder(image).rescale(new Rescale(slope, intercept))
                .window(new Window(center, width, function)).outputBits(sixteen ? 16 : 8).build();
        int size = 1 << bitsStored;
        long min = p.storedValues().min();
        short[] in = new short[size];
        for (int i = 0; i < size; i++) {
            in[i] = (short) (min + i); // ascending stored values, so ascending modality values
        }
        long yMax = sixteen ? 65535 : 255;
        long prev = -1;
        short[] out16 = new short[size];
        byte[] out8 = new byte[size];
        if (sixteen) {
            p.apply(dev.aperture.image.ShortSamples.of(in), dev.aperture.image.ShortSamples.of(out16));
        } else {
            p.apply(dev.aperture.image.ShortSamples.of(in), dev.aperture.image.ByteSamples.of(out8));
        }
        for (int i = 0; i < size; i++) {
            long y = sixteen ? out16[i] & 0xFFFF : out8[i] & 0xFF;
            assertTrue(y >= 0 && y <= yMax, "in range");
            assertTrue(y >= prev, "monotonic at " + i);
            prev = y;
        }
    }

    @Property(tries = 300)
    void linearIsExactAtItsBoundaries(@ForAll @DoubleRange(min = -5000, max = 5000) double c,
                                      @ForAll @DoubleRange(min = 1, max = 10000) double w,
                                      @ForAll @IntRange(min = 1, max = 16) int n) {
        Window win = new Window(c, w, VoiFunction.LINEAR);
        double yMax = (1 << n) - 1;
        // x <= c - 0.5 - (w-1)/2 gives ymin; x > c - 0.5 + (w-1)/2 gives ymax.
        assertEquals(0, win.apply(c - 0.5 - (w - 1) / 2, 0, yMax));
        assertEquals(0, win.apply(c - 0.5 - (w - 1) / 2 - 1, 0, yMax));
        assertEquals(yMax, win.apply(Math.nextUp(c - 0.5 + (w - 1) / 2), 0, yMax));
        assertEquals(yMax, win.apply(c + w, 0, yMax));
        if (w > 1) {
            // The center of the ramp, x = c - 0.5, gives exactly the middle of the range.
            assertEquals(yMax / 2, win.apply(c - 0.5, 0, yMax), 1e-9 * yMax);
            // The top of the ramp, x = c - 0.5 + (w-1)/2, gives ymax by the middle formula.
            assertEquals(yMax, win.apply(c - 0.5 + (w - 1) / 2, 0, yMax), 1e-9 * yMax);
        }
    }

    @Property(tries = 300)
    void linearExactAndSigmoidAreExactAtTheirPoints(@ForAll @DoubleRange(min = -5000, max = 5000) double c,
                                                     @ForAll @DoubleRange(min = 0.001, max = 10000) @Scale(4) double w,
                                                     @ForAll @IntRange(min = 1, max = 16) int n) {
        double yMax = (1 << n) - 1;
        Window exact = new Window(c, w, VoiFunction.LINEAR_EXACT);
        assertEquals(0, exact.apply(c - w / 2, 0, yMax));
        assertEquals(yMax, exact.apply(c + w / 2, 0, yMax), 1e-9 * yMax);
        assertEquals(yMax, exact.apply(Math.nextUp(c + w / 2), 0, yMax));
        assertEquals(yMax / 2, exact.apply(c, 0, yMax), 1e-9 * yMax);
        Window sig = new Window(c, w, VoiFunction.SIGMOID);
        assertEquals(yMax / 2, sig.apply(c, 0, yMax), 1e-9 * yMax);
        // y(c + w/2) = ymax / (1 + e^-2)
        assertEquals(yMax / (1 + Math.exp(-2)), sig.apply(c + w / 2, 0, yMax), 1e-9 * yMax);
        assertTrue(sig.apply(c - 100 * w, 0, yMax) >= 0 && sig.apply(c + 100 * w, 0, yMax) <= yMax);
    }

    @Property(tries = 500)
    void storedValuesMatchAReferenceExtraction(@ForAll @IntRange(min = 1, max = 16) int bitsStored,
                                               @ForAll @IntRange(min = 0, max = 15) int extra,
                                               @ForAll boolean signed, @ForAll short raw) {
        int highBit = Math.min(15, bitsStored - 1 + extra);
        StoredValues sv = StoredValues.of(16, bitsStored, highBit, signed);
        long field = ((raw & 0xFFFFL) >> (highBit - bitsStored + 1)) % (1L << bitsStored);
        long expected = signed && field >= (1L << (bitsStored - 1)) ? field - (1L << bitsStored) : field;
        assertEquals(expected, sv.value(raw));
        assertTrue(expected >= sv.min() && expected <= sv.max());
    }
}
