// SPDX-License-Identifier: Apache-2.0
package dev.aperture.volume;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ShortSamples;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Resizes 2-D frames (thumbnails, model inputs such as 224 x 224 or 512 x 512) with the
 * {@link Kernel kernels} of the volume resampler, stretched to fill or letterboxed to keep the
 * aspect ratio.
 *
 * <p>Pixel centres are aligned as in most imaging libraries: output pixel {@code u} samples the
 * input at {@code (u + 0.5) * inWidth / outWidth - 0.5}, so the two images cover the same area.
 * The resize is separable: per-column and per-row weight tables are built once per call, then a
 * horizontal pass writes a float intermediate of {@code inRows * outColumns} values and a vertical
 * pass writes the output (rounded half up and clamped to the range of byte and short outputs).
 * Edges are extended (clamped taps). {@link Kernel#AREA} averages over each output pixel's
 * footprint and does not alias when shrinking; the other kernels are interpolators.
 *
 * <p>Immutable and thread-safe. Work is split over rows on the caller's {@link Executor}
 * ({@code null}: calling thread). Allocates the weight tables and the intermediate per call,
 * nothing per pixel; the output is written into the caller's {@link Frame}.
 */
public final class FrameResizer {
    private final Kernel kernel;

    private FrameResizer(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * A resizer with the given kernel.
     *
     * @param kernel the kernel
     * @return the resizer
     */
    public static FrameResizer of(Kernel kernel) {
        return new FrameResizer(Objects.requireNonNull(kernel, "kernel"));
    }

    /** Returns the kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /**
     * The largest size with the aspect ratio of {@code columns x rows} that fits in
     * {@code maxColumns x maxRows} (each side at least 1): the size of a thumbnail.
     *
     * @param columns    input width
     * @param rows       input height
     * @param maxColumns largest output width
     * @param maxRows    largest output height
     * @return {@code {width, height}}
     */
    public static int[] fitWithin(int columns, int rows, int maxColumns, int maxRows) {
        if (columns < 1 || rows < 1 || maxColumns < 1 || maxRows < 1) {
            throw new IllegalArgumentException("sizes must be >= 1");
        }
        double s = Math.min((double) maxColumns / columns, (double) maxRows / rows);
        int w = (int) Math.max(1, Math.min(maxColumns, Math.round(columns * s)));
        int h = (int) Math.max(1, Math.min(maxRows, Math.round(rows * s)));
        return new int[] {w, h};
    }

    /**
     * Resizes {@code src} to fill {@code dst} (the aspect ratio changes if the shapes differ).
     *
     * @param src      the input
     * @param dst      the output; its size is the target size
     * @param executor runs the work; {@code null} for the calling thread
     * @throws IllegalArgumentException if the channel counts differ
     */
    public void resize(Frame src, Frame dst, Executor executor) {
        check(src, dst);
        resizeInto(src, dst, 0, 0, dst.columns(), dst.rows(), executor);
    }

    /**
     * Resizes {@code src} to the largest size with its aspect ratio that fits in {@code dst},
     * centred, and fills the rest of {@code dst} with {@code padValue}.
     *
     * @param src      the input
     * @param dst      the output
     * @param padValue value of the border (rounded and clamped for byte and short outputs)
     * @param executor runs the work; {@code null} for the calling thread
     * @throws IllegalArgumentException if the channel counts differ
     */
    public void letterbox(Frame src, Frame dst, double padValue, Executor executor) {
        check(src, dst);
        int[] wh = fitWithin(src.columns(), src.rows(), dst.columns(), dst.rows());
        int x0 = (dst.columns() - wh[0]) / 2;
        int y0 = (dst.rows() - wh[1]) / 2;
        fill(dst, padValue);
        resizeInto(src, dst, x0, y0, wh[0], wh[1], executor);
    }

    private static void check(Frame src, Frame dst) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        if (src.channels() != dst.channels()) {
            throw new IllegalArgumentException("input and output must have the same number of channels");
        }
        if ((long) src.rows() * dst.columns() * src.channels() > Volume.MAX_VOXELS) {
            throw new IllegalArgumentException("intermediate image too large");
        }
    }

    private static void fill(Frame dst, double v) {
        int n = dst.columns() * dst.rows() * dst.channels();
        float[] row = {(float) v};
        if (dst.samples() instanceof FloatSamples f) {
            java.util.Arrays.fill(f.array(), f.offset(), f.offset() + n, (float) v);
        } else if (dst.samples() instanceof ShortSamples s) {
            short[] one = new short[1];
            storeShorts(row, one, 0, 1, dst.signed());
            java.util.Arrays.fill(s.array(), s.offset(), s.offset() + n, one[0]);
        } else {
            ByteSamples b = (ByteSamples) dst.samples();
            byte[] one = new byte[1];
            storeBytes(row, one, 0, 1, dst.signed());
            java.util.Arrays.fill(b.array(), b.offset(), b.offset() + n, one[0]);
        }
    }

    /** Weight table along one axis: {@code taps} entries per output position, zero-padded. */
    private static final class Table {
        final int taps;
        final int[] index;
        final float[] weight;

        Table(Kernel kernel, int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double h = 0.5 * Math.max(1, scale);
            int k = Taps.maxTaps(kernel, h);
            int[] idx = new int[k];
            double[] w = new double[k];
            this.taps = k;
            this.index = new int[outSize * k];
            this.weight = new float[outSize * k];
            for (int u = 0; u < outSize; u++) {
                double x = (u + 0.5) * scale - 0.5;
                int c = Taps.compute(kernel, x, inSize, h, idx, w);
                for (int t = 0; t < c; t++) {
                    index[u * k + t] = idx[t];
                    weight[u * k + t] = (float) w[t];
                }
                for (int t = c; t < k; t++) {
                    index[u * k + t] = idx[0];
                }
            }
        }
    }

    private void resizeInto(Frame src, Frame dst, int x0, int y0, int w, int h, Executor executor) {
        int ch = src.channels();
        int sw = src.columns();
        int sh = src.rows();
        Table tx = new Table(kernel, sw, w);
        Table ty = new Table(kernel, sh, h);
        // Source as read by the horizontal pass: the caller's array, or B-spline coefficients.
        Object srcArray;
        int srcOffset;
        if (kernel == Kernel.B_SPLINE) {
            float[] c = toFloats(src);
            double[] line = new double[Math.max(sw, sh)];
            for (int k = 0; k < ch; k++) {
                if (sw > 1) {
                    for (int y = 0; y < sh; y++) {
                        BSpline.filterLine(c, y * sw * ch + k, ch, sw, line);
                    }
                }
                if (sh > 1) {
                    for (int x = 0; x < sw; x++) {
                        BSpline.filterLine(c, x * ch + k, sw * ch, sh, line);
                    }
                }
            }
            srcArray = c;
            srcOffset = 0;
        } else if (src.samples() instanceof FloatSamples f) {
            srcArray = f.array();
            srcOffset = f.offset();
        } else if (src.samples() instanceof ShortSamples s) {
            srcArray = s.array();
            srcOffset = s.offset();
        } else {
            ByteSamples b = (ByteSamples) src.samples();
            srcArray = b.array();
            srcOffset = b.offset();
        }
        // Only the input rows the vertical pass reads need the horizontal pass.
        boolean[] needed = new boolean[sh];
        for (int i = 0; i < ty.index.length; i++) {
            if (ty.weight[i] != 0) {
                needed[ty.index[i]] = true;
            }
        }
        int rowLen = w * ch;
        float[] tmp = new float[sh * rowLen];
        int mask = src.signed() ? -1 : (src.samples() instanceof ByteSamples ? 0xFF : 0xFFFF);
        Parallel.run(executor, sh, (from, to) -> {
            for (int y = from; y < to; y++) {
                if (!needed[y]) {
                    continue;
                }
                int in = srcOffset + y * sw * ch;
                int out = y * rowLen;
                if (srcArray instanceof float[] f) {
                    horizontalFloat(f, in, tmp, out, tx, w, ch);
                } else if (srcArray instanceof short[] s) {
                    horizontalShort(s, in, mask, tmp, out, tx, w, ch);
                } else {
                    horizontalByte((byte[]) srcArray, in, mask, tmp, out, tx, w, ch);
                }
            }
        });
        int dstStride = dst.columns() * ch;
        Parallel.run(executor, h, (from, to) -> {
            float[] acc = new float[rowLen];
            for (int v = from; v < to; v++) {
                java.util.Arrays.fill(acc, 0f);
                int k0 = v * ty.taps;
                for (int t = 0; t < ty.taps; t++) {
                    float wt = ty.weight[k0 + t];
                    if (wt == 0) {
                        continue;
                    }
                    int o = ty.index[k0 + t] * rowLen;
                    for (int i = 0; i < rowLen; i++) {
                        acc[i] += wt * tmp[o + i];
                    }
                }
                int d = (y0 + v) * dstStride + x0 * ch;
                if (dst.samples() instanceof FloatSamples f) {
                    System.arraycopy(acc, 0, f.array(), f.offset() + d, rowLen);
                } else if (dst.samples() instanceof ShortSamples s) {
                    storeShorts(acc, s.array(), s.offset() + d, rowLen, dst.signed());
                } else {
                    ByteSamples b = (ByteSamples) dst.samples();
                    storeBytes(acc, b.array(), b.offset() + d, rowLen, dst.signed());
                }
            }
        });
    }

    private static float[] toFloats(Frame src) {
        int n = src.columns() * src.rows() * src.channels();
        float[] c = new float[n];
        if (src.samples() instanceof FloatSamples f) {
            System.arraycopy(f.array(), f.offset(), c, 0, n);
        } else if (src.samples() instanceof ShortSamples s) {
            int m = src.signed() ? -1 : 0xFFFF;
            for (int i = 0; i < n; i++) {
                c[i] = s.array()[s.offset() + i] & m;
            }
        } else {
            ByteSamples b = (ByteSamples) src.samples();
            int m = src.signed() ? -1 : 0xFF;
            for (int i = 0; i < n; i++) {
                c[i] = b.array()[b.offset() + i] & m;
            }
        }
        return c;
    }

    private static void horizontalFloat(float[] s, int in, float[] tmp, int out, Table tx, int w, int ch) {
        final int k = tx.taps;
        final int[] idx = tx.index;
        final float[] wt = tx.weight;
        for (int u = 0; u < w; u++) {
            int base = u * k;
            for (int c = 0; c < ch; c++) {
                float acc = 0;
                for (int t = 0; t < k; t++) {
                    acc += wt[base + t] * s[in + idx[base + t] * ch + c];
                }
                tmp[out + u * ch + c] = acc;
            }
        }
    }

    private static void horizontalShort(short[] s, int in, int mask, float[] tmp, int out, Table tx, int w, int ch) {
        final int k = tx.taps;
        final int[] idx = tx.index;
        final float[] wt = tx.weight;
        for (int u = 0; u < w; u++) {
            int base = u * k;
            for (int c = 0; c < ch; c++) {
                float acc = 0;
                for (int t = 0; t < k; t++) {
                    acc += wt[base + t] * (s[in + idx[base + t] * ch + c] & mask);
                }
                tmp[out + u * ch + c] = acc;
            }
        }
    }

    private static void horizontalByte(byte[] s, int in, int mask, float[] tmp, int out, Table tx, int w, int ch) {
        final int k = tx.taps;
        final int[] idx = tx.index;
        final float[] wt = tx.weight;
        for (int u = 0; u < w; u++) {
            int base = u * k;
            for (int c = 0; c < ch; c++) {
                float acc = 0;
                for (int t = 0; t < k; t++) {
                    acc += wt[base + t] * (s[in + idx[base + t] * ch + c] & mask);
                }
                tmp[out + u * ch + c] = acc;
            }
        }
    }

    private static void storeShorts(float[] v, short[] d, int off, int n, boolean signed) {
        float lo = signed ? Short.MIN_VALUE : 0;
        float hi = signed ? Short.MAX_VALUE : 0xFFFF;
        for (int i = 0; i < n; i++) {
            float x = v[i];
            x = x < lo ? lo : (x > hi ? hi : x);
            d[off + i] = (short) Math.round(x); // floor(x + 0.5); NaN gives 0
        }
    }

    private static void storeBytes(float[] v, byte[] d, int off, int n, boolean signed) {
        float lo = signed ? Byte.MIN_VALUE : 0;
        float hi = signed ? Byte.MAX_VALUE : 0xFF;
        for (int i = 0; i < n; i++) {
            float x = v[i];
            x = x < lo ? lo : (x > hi ? hi : x);
            d[off + i] = (byte) Math.round(x);
        }
    }
}
