// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ShortSamples;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link FrameResizer} (separable passes: widened row cache, vertical pass over float rows,
 * unrolled horizontal taps) against a slow 2-D reference that sums {@link Taps} weights over the
 * input in double for every output sample: floats agree to float rounding, bytes and shorts to one
 * unit (a value within float rounding of a half may round either way). Every kernel, 8/16-bit and
 * float, 1 to 3 channels, sources at an offset inside a larger array, shrinking and enlarging.
 */
class FrameResizerReferenceProperties {

    /** The slow reference: output sample {@code (u, v, c)} as a double. */
    static double[] reference(Kernel kernel, float[] in, int sw, int sh, int ch, int w, int h) {
        float[] src = in;
        if (kernel == Kernel.B_SPLINE) {
            src = in.clone();
            double[] line = new double[Math.max(sw, sh)];
            for (int c = 0; c < ch; c++) {
                if (sw > 1) {
                    for (int y = 0; y < sh; y++) {
                        BSpline.filterLine(src, y * sw * ch + c, ch, sw, line);
                    }
                }
                if (sh > 1) {
                    for (int x = 0; x < sw; x++) {
                        BSpline.filterLine(src, x * ch + c, sw * ch, sh, line);
                    }
                }
            }
        }
        double sx = (double) sw / w;
        double sy = (double) sh / h;
        double hx = 0.5 * Math.max(1, sx);
        double hy = 0.5 * Math.max(1, sy);
        int[] ix = new int[Taps.maxTaps(kernel, hx)];
        double[] wx = new double[ix.length];
        int[] iy = new int[Taps.maxTaps(kernel, hy)];
        double[] wy = new double[iy.length];
        double[] out = new double[w * h * ch];
        for (int v = 0; v < h; v++) {
            int ny = Taps.compute(kernel, (v + 0.5) * sy - 0.5, sh, hy, iy, wy);
            for (int u = 0; u < w; u++) {
                int nx = Taps.compute(kernel, (u + 0.5) * sx - 0.5, sw, hx, ix, wx);
                for (int c = 0; c < ch; c++) {
                    double acc = 0;
                    for (int b = 0; b < ny; b++) {
                        for (int a = 0; a < nx; a++) {
                            acc += wy[b] * wx[a] * src[(iy[b] * sw + ix[a]) * ch + c];
                        }
                    }
                    out[(v * w + u) * ch + c] = acc;
                }
            }
        }
        return out;
    }

    @Property(tries = 120)
    void matchesTheSlowReference(@ForAll long seed, @ForAll Kernel kernel, @ForAll @IntRange(min = 1, max = 3) int ch,
                                 @ForAll @IntRange(min = 0, max = 2) int type) {
        Random r = new Random(seed);
        int sw = 1 + r.nextInt(40);
        int sh = 1 + r.nextInt(40);
        int w = 1 + r.nextInt(r.nextBoolean() ? 12 : 60);
        int h = 1 + r.nextInt(r.nextBoolean() ? 12 : 60);
        int n = sw * sh * ch;
        int off = r.nextInt(5);
        float[] values = new float[n];
        Frame src;
        Frame dst;
        int dOff = r.nextInt(4);
        boolean signed = r.nextBoolean();
        double lo;
        double hi;
        if (type == 0) {
            byte[] b = new byte[n + off + 3];
            r.nextBytes(b);
            for (int i = 0; i < n; i++) {
                values[i] = signed ? b[off + i] : b[off + i] & 0xFF;
            }
            src = new Frame(new ByteSamples(b, off, n), sw, sh, ch, signed);
            dst = new Frame(new ByteSamples(new byte[w * h * ch + dOff], dOff, w * h * ch), w, h, ch, signed);
            lo = signed ? -128 : 0;
            hi = signed ? 127 : 255;
        } else if (type == 1) {
            short[] s = new short[n + off + 3];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) r.nextInt(65536);
            }
            for (int i = 0; i < n; i++) {
                values[i] = signed ? s[off + i] : s[off + i] & 0xFFFF;
            }
            src = new Frame(new ShortSamples(s, off, n), sw, sh, ch, signed);
            dst = new Frame(new ShortSamples(new short[w * h * ch + dOff], dOff, w * h * ch), w, h, ch, signed);
            lo = signed ? Short.MIN_VALUE : 0;
            hi = signed ? Short.MAX_VALUE : 65535;
        } else {
            float[] f = new float[n + off + 3];
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextFloat() * 2000 - 1000;
            }
            System.arraycopy(f, off, values, 0, n);
            src = new Frame(new FloatSamples(f, off, n), sw, sh, ch, false);
            dst = new Frame(new FloatSamples(new float[w * h * ch + dOff], dOff, w * h * ch), w, h, ch, false);
            lo = Double.NEGATIVE_INFINITY;
            hi = Double.POSITIVE_INFINITY;
        }
        FrameResizer.of(kernel).resize(src, dst);
        double[] expected = reference(kernel, values, sw, sh, ch, w, h);
        double scale = type == 0 ? 128 : type == 1 ? 32768 : 1000;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            String at = kernel + " type " + type + " at " + i;
            if (type == 2) {
                float a = ((FloatSamples) dst.samples()).array()[dOff + i];
                assertEquals(e, a, 2e-5 * scale * (kernel == Kernel.B_SPLINE ? 10 : 1), at);
            } else {
                double clamped = Math.max(lo, Math.min(hi, e));
                double a = type == 0
                        ? (signed ? ((ByteSamples) dst.samples()).array()[dOff + i]
                                  : ((ByteSamples) dst.samples()).array()[dOff + i] & 0xFF)
                        : (signed ? ((ShortSamples) dst.samples()).array()[dOff + i]
                                  : ((ShortSamples) dst.samples()).array()[dOff + i] & 0xFFFF);
                assertTrue(Math.abs(a - Math.floor(clamped + 0.5)) <= 1, at + ": " + a + " vs " + clamped);
            }
        }
    }

    /**
     * The case a CI run found: Catmull-Rom on an output that falls exactly on source sample 0 took
     * one tap starting at 0 while its right neighbour started at -1, so the fast interior loop read
     * index -1. Odd-factor enlargements put outputs on source samples.
     */
    @Example
    void catmullRomOutputsOnSourceSamplesStayInside() {
        anExecutorGivesTheSameResult(207, Kernel.CATMULL_ROM);
        for (int factor = 1; factor <= 7; factor += 2) {
            for (int sw : new int[] {4, 5, 25}) {
                for (Kernel kernel : Kernel.values()) {
                    short[] s = new short[sw * 3];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = (short) (i * 977);
                    }
                    short[] a = new short[sw * factor * 3 * factor];
                    short[] b = new short[a.length];
                    FrameResizer fr = FrameResizer.of(kernel);
                    fr.resize(Frame.ofShorts(s, sw, 3, false), Frame.ofShorts(a, sw * factor, 3 * factor, false));
                    fr.resize(Frame.ofShorts(s, sw, 3, false), Frame.ofShorts(b, sw * factor, 3 * factor, false),
                            Runnable::run);
                    assertArrayEquals(a, b);
                    if (kernel == Kernel.CATMULL_ROM || kernel == Kernel.NEAREST) {
                        // Interpolating kernels reproduce the source on its own samples.
                        for (int y = 0; y < 3; y++) {
                            for (int x = 0; x < sw; x++) {
                                int ox = x * factor + factor / 2;
                                int oy = y * factor + factor / 2;
                                assertEquals(s[y * sw + x], a[oy * sw * factor + ox], kernel + " x" + factor);
                            }
                        }
                    }
                }
            }
        }
    }

    @Property(tries = 15)
    void anExecutorGivesTheSameResult(@ForAll long seed, @ForAll Kernel kernel) {
        Random r = new Random(seed);
        int sw = 20 + r.nextInt(200);
        int sh = 20 + r.nextInt(200);
        int w = 1 + r.nextInt(150);
        int h = 1 + r.nextInt(150);
        short[] s = new short[sw * sh];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) r.nextInt(65536);
        }
        short[] a = new short[w * h];
        short[] b = new short[w * h];
        FrameResizer fr = FrameResizer.of(kernel);
        fr.resize(Frame.ofShorts(s, sw, sh, false), Frame.ofShorts(a, w, h, false));
        ExecutorService ex = Executors.newFixedThreadPool(3);
        try {
            fr.resize(Frame.ofShorts(s, sw, sh, false), Frame.ofShorts(b, w, h, false), ex);
        } finally {
            ex.shutdown();
        }
        assertArrayEquals(a, b);
    }
    /**
     * The two loop shapes (the JDK 17 one: rows widened into a float cache; the one for JITs that
     * vectorise conversions: 16-bit rows read directly where they read the same as signed, unsigned
     * rows with values of 32768 and more through the cache) give bit-identical results, on any JDK.
     * Unsigned frames mix rows with and without such values; sizes include integer shrink factors
     * (the horizontal pass's stepped loop) and enlargements.
     */
    @Property(tries = 60)
    void bothLoopShapesGiveTheSameResult(@ForAll long seed, @ForAll Kernel kernel,
                                         @ForAll @IntRange(min = 1, max = 3) int ch) {
        Random r = new Random(seed);
        int factor = 1 + r.nextInt(5);
        int w = 1 + r.nextInt(40);
        int h = 1 + r.nextInt(40);
        boolean shrink = r.nextBoolean();
        int sw = shrink ? w * factor : 1 + r.nextInt(60);
        int sh = shrink ? h * factor : 1 + r.nextInt(60);
        boolean signed = r.nextBoolean();
        int off = r.nextInt(4);
        int n = sw * sh * ch;
        short[] s = new short[n + off + 2];
        int bound = r.nextBoolean() ? 4096 : 65536;
        for (int y = 0; y < sh; y++) {
            // Some rows keep below 32768 (the direct path), others may not (the cached path).
            int rowBound = r.nextInt(3) == 0 ? 65536 : bound;
            for (int i = 0; i < sw * ch; i++) {
                s[off + y * sw * ch + i] = (short) r.nextInt(rowBound);
            }
        }
        Frame src = new Frame(new ShortSamples(s, off, n), sw, sh, ch, signed);
        short[] a = new short[w * h * ch];
        short[] b = new short[w * h * ch];
        FrameResizer.of(kernel, false).resize(src, new Frame(new ShortSamples(a, 0, a.length), w, h, ch, signed));
        FrameResizer.of(kernel, true).resize(src, new Frame(new ShortSamples(b, 0, b.length), w, h, ch, signed));
        assertArrayEquals(a, b, kernel + " " + sw + "x" + sh + " -> " + w + "x" + h + " signed " + signed);
        float[] fa = new float[w * h * ch];
        float[] fb = new float[w * h * ch];
        FrameResizer.of(kernel, false).resize(src, new Frame(new FloatSamples(fa, 0, fa.length), w, h, ch, false));
        FrameResizer.of(kernel, true).resize(src, new Frame(new FloatSamples(fb, 0, fb.length), w, h, ch, false));
        assertArrayEquals(fa, fb, kernel + " float out");
    }
}
