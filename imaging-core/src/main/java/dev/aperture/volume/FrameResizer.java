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
 * The resize is separable: per-column and per-row weight tables are built once per call; then, for
 * each output row, a vertical pass blends the input rows it needs into one padded float row and a
 * horizontal pass filters that row into the output (rounded half up and clamped to the range of
 * byte and short outputs).
 * Edges are extended (clamped taps). {@link Kernel#AREA} averages over each output pixel's
 * footprint and does not alias when shrinking; the other kernels are interpolators.
 *
 * <p>Immutable and thread-safe. Work is split over rows on the caller's {@link Executor} (methods
 * without one run on the calling thread). Allocates the weight tables and, per running task, a few
 * float rows (each input row the vertical taps need is widened to floats once into a small cache);
 * plus a float copy of the input for {@link Kernel#B_SPLINE}; nothing per pixel. The output is
 * written into the caller's {@link Frame}.
 */
public final class FrameResizer {
    private final Kernel kernel;
    /** Loop shapes for a JIT that vectorises 16-bit to float conversions ({@link Jit}); same results either way. */
    private final boolean vectorShapes;

    private FrameResizer(Kernel kernel, boolean vectorShapes) {
        this.kernel = kernel;
        this.vectorShapes = vectorShapes;
    }

    /** A resizer with the loop shapes chosen explicitly (tests run both on any JDK). */
    static FrameResizer of(Kernel kernel, boolean vectorShapes) {
        return new FrameResizer(Objects.requireNonNull(kernel, "kernel"), vectorShapes);
    }

    /**
     * A resizer with the given kernel.
     *
     * @param kernel the kernel
     * @return the resizer
     */
    public static FrameResizer of(Kernel kernel) {
        return of(kernel, Jit.VECTOR_CONVERSIONS);
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
     * @param executor runs the work
     * @throws IllegalArgumentException if the channel counts differ
     */
    public void resize(Frame src, Frame dst, Executor executor) {
        check(src, dst);
        resizeInto(src, dst, 0, 0, dst.columns(), dst.rows(), Objects.requireNonNull(executor, "executor"));
    }

    /**
     * {@link #resize(Frame, Frame, Executor)} on the calling thread.
     *
     * @param src the input
     * @param dst the output; its size is the target size
     */
    public void resize(Frame src, Frame dst) {
        check(src, dst);
        resizeInto(src, dst, 0, 0, dst.columns(), dst.rows(), null);
    }

    /**
     * Resizes {@code src} to the largest size with its aspect ratio that fits in {@code dst},
     * centred, and fills the rest of {@code dst} with {@code padValue}.
     *
     * @param src      the input
     * @param dst      the output
     * @param padValue value of the border (rounded and clamped for byte and short outputs)
     * @param executor runs the work
     * @throws IllegalArgumentException if the channel counts differ
     */
    public void letterbox(Frame src, Frame dst, double padValue, Executor executor) {
        letterboxOn(src, dst, padValue, Objects.requireNonNull(executor, "executor"));
    }

    /**
     * {@link #letterbox(Frame, Frame, double, Executor)} on the calling thread.
     *
     * @param src      the input
     * @param dst      the output
     * @param padValue value of the border
     */
    public void letterbox(Frame src, Frame dst, double padValue) {
        letterboxOn(src, dst, padValue, null);
    }

    private void letterboxOn(Frame src, Frame dst, double padValue, Executor executor) {
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

    /**
     * Weight table along one axis: {@code taps} weights per output position (zero-padded), the
     * input indices mapped into the axis ({@code index}, for the vertical pass) and the first
     * unmapped index ({@code start}, for the horizontal pass over a padded row; taps are
     * consecutive).
     */
    private static final class Table {
        final int taps;
        final int[] index;
        final int[] start;
        final float[] weight;
        /** Outputs {@code [inLo, inHi)} read only indices inside the axis: {@code 0 <= start, start + taps <= inSize}. */
        final int inLo;
        final int inHi;
        /**
         * Whether the outputs {@code [inLo, inHi)} all have the weights of output {@code inLo} and
         * start {@link #step} samples apart (an integer shrink factor, such as 4096 to 1024): their
         * loop then keeps the weights in registers and computes the start.
         */
        final boolean stepped;
        final int step;

        Table(Kernel kernel, int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double h = 0.5 * Math.max(1, scale);
            int k = Taps.maxTaps(kernel, h);
            if ((long) outSize * k > Volume.MAX_VOXELS) {
                throw new IllegalArgumentException("resize weight tables too large");
            }
            int[] idx = new int[k];
            double[] w = new double[k];
            this.taps = k;
            this.index = new int[outSize * k];
            this.start = new int[outSize];
            this.weight = new float[outSize * k];
            for (int u = 0; u < outSize; u++) {
                double x = (u + 0.5) * scale - 0.5;
                int c = Taps.computeRaw(kernel, x, h, idx, w);
                if (kernel == Kernel.CATMULL_ROM && c == 1) {
                    // On a source sample Catmull-Rom returns the one tap i; put it second of the
                    // usual four (i - 1 .. i + 2, weights 0, 1, 0, 0: the same sum) so that start
                    // stays non-decreasing in u, as the neighbouring outputs start at i - 1.
                    idx[0] = idx[0] - 1;
                    w[1] = 1;
                    w[0] = 0;
                    c = 2;
                }
                start[u] = idx[0];
                for (int t = 0; t < k; t++) {
                    int raw = idx[0] + t;
                    index[u * k + t] = kernel == Kernel.B_SPLINE ? Taps.mirror(raw, inSize) : Taps.clamp(raw, inSize);
                    weight[u * k + t] = t < c ? (float) w[t] : 0f;
                }
            }
            // start is non-decreasing in u (the sample position grows with u), so the outputs whose
            // taps all lie inside form one range; the range test checks both ends of every output
            // anyway, so that an output outside it can only go through the slower mapped path.
            int a = 0;
            while (a < outSize && start[a] < 0) {
                a++;
            }
            int b = a;
            while (b < outSize && start[b] >= 0 && start[b] + k <= inSize) {
                b++;
            }
            inLo = a;
            inHi = b;
            int st = b - a > 1 ? start[a + 1] - start[a] : 0;
            boolean same = a < b;
            for (int u = a + 1; u < b && same; u++) {
                same = start[u] == start[a] + st * (u - a);
                for (int t = 0; t < k && same; t++) {
                    same = weight[u * k + t] == weight[a * k + t];
                }
            }
            stepped = same;
            step = st;
        }
    }

    private void resizeInto(Frame src, Frame dst, int x0, int y0, int w, int h, Executor executor) {
        int ch = src.channels();
        int sw = src.columns();
        int sh = src.rows();
        Table tx = new Table(kernel, sw, w);
        Table ty = new Table(kernel, sh, h);
        boolean mirror = kernel == Kernel.B_SPLINE;
        // Source as read by the vertical pass: the caller's array, or B-spline coefficients.
        Object srcArray;
        int srcOffset;
        if (mirror) {
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
        int mask = src.signed() ? -1 : (src.samples() instanceof ByteSamples ? 0xFF : 0xFFFF);
        // The padded row holds `pad` pixels before and after the input row: every unmapped tap
        // index lies in [-pad, sw + pad) because -1 <= x <= sw gives at most maxTaps + 1 beyond.
        int pad = tx.taps + 2;
        int inRow = sw * ch;
        int outRow = w * ch;
        int dstStride = dst.columns() * ch;
        // Vertical pass first, one output row at a time, into a padded float row; then the
        // horizontal pass from it. No intermediate image. Each input row the vertical taps need is
        // widened to floats once per task into a small cache (JDK 17 does not vectorise the
        // short/byte to float conversion, so converting once instead of once per tap is most of
        // the gain), and the vertical pass then runs over float rows (vectorised).
        // Cache slots: row r lives in slot r % slots. The rows one output row reads are the clamped
        // (or mirrored) images of ty.taps consecutive indices; both maps are 1-Lipschitz, so those
        // rows lie within a span of fewer than ty.taps rows and never share a slot when
        // slots >= ty.taps; with slots = sh every row has its own slot.
        int slots = Math.min(ty.taps, sh);
        // With a JIT that vectorises short-to-float conversions (Jit), the vertical pass reads the
        // 16-bit rows directly (one vectorised loop that converts and blends, no row cache), when
        // each row reads the same as signed: always for signed samples, for unsigned ones when the
        // row has no value >= 32768 (checked once per row and task, by a vectorised min). The
        // arithmetic is that of the cached path (the conversions are exact), so results are
        // bit-identical. JDK 17 converts one value at a time, so there converting each row once into
        // the cache is faster.
        boolean fuse = vectorShapes && srcArray instanceof short[];
        boolean signedShorts = src.signed();
        // Buffers pass from chunk to chunk (see Parallel); cached rows stay valid within the call.
        Parallel.run(executor, h, Parallel.MAX_CHUNKS,
                () -> new Task(ch == 1 ? 0 : (sw + 2 * pad) * ch, inRow, outRow, slots, ty.taps, fuse ? sh : 0),
                (from, to, task) -> {
            float[] row = task.row;
            float[] acc = task.acc;
            float[][] cache = task.cache;
            int[] tag = task.tag;
            float[][] rr = task.rr;
            float[] rw = task.rw;
            int[] ri = task.ri;
            byte[] state = task.state;
            for (int v = from; v < to; v++) {
                int k0 = v * ty.taps;
                int m = 0;
                boolean direct = fuse;
                for (int t = 0; t < ty.taps; t++) {
                    float wt = ty.weight[k0 + t];
                    if (wt == 0) {
                        continue;
                    }
                    int r = ty.index[k0 + t];
                    ri[m] = r;
                    rw[m] = wt;
                    m++;
                    if (direct && !signedShorts) {
                        if (state[r] == 0) {
                            state[r] = signBitFree((short[]) srcArray, srcOffset + r * inRow, inRow) ? (byte) 1 : (byte) 2;
                        }
                        direct = state[r] == 1;
                    }
                }
                float[] vrow = task.vrow;
                if (direct) {
                    for (int t = 0; t < m; t++) {
                        ri[t] = srcOffset + ri[t] * inRow;
                    }
                    verticalShorts((short[]) srcArray, ri, rw, m, vrow, inRow);
                } else {
                    for (int t = 0; t < m; t++) {
                        int r = ri[t];
                        int slot = r % slots;
                        if (tag[slot] != r) {
                            if (cache[slot] == null) {
                                cache[slot] = new float[inRow];
                            }
                            widen(srcArray, srcOffset + r * inRow, inRow, mask, cache[slot], vectorShapes);
                            tag[slot] = r;
                        }
                        rr[t] = cache[slot];
                    }
                    vertical(rr, rw, m, vrow, inRow);
                }
                if (ch == 1) {
                    horizontal1(vrow, tx, w, acc);
                } else {
                    System.arraycopy(vrow, 0, row, pad * ch, inRow);
                    pad(row, pad, sw, ch, mirror);
                    horizontalN(row, pad, tx, w, ch, acc);
                }
                int d = (y0 + v) * dstStride + x0 * ch;
                if (dst.samples() instanceof FloatSamples f) {
                    System.arraycopy(acc, 0, f.array(), f.offset() + d, outRow);
                } else if (dst.samples() instanceof ShortSamples s) {
                    storeShorts(acc, s.array(), s.offset() + d, outRow, dst.signed());
                } else {
                    ByteSamples b = (ByteSamples) dst.samples();
                    storeBytes(acc, b.array(), b.offset() + d, outRow, dst.signed());
                }
            }
        });
    }

    /**
     * Buffers of one running chunk: padded row, output row, the row cache and its tags, tap lists,
     * and (for the direct 16-bit path) each input row's state: 0 not checked, 1 no sign bit set, 2 some.
     */
    private static final class Task {
        final float[] row;
        final float[] vrow;
        final float[] acc;
        final float[][] cache;
        final int[] tag;
        final float[][] rr;
        final float[] rw;
        final int[] ri;
        final byte[] state;

        Task(int rowLength, int inRow, int outRow, int slots, int taps, int rows) {
            ri = new int[taps];
            state = new byte[rows];
            row = new float[rowLength];
            vrow = new float[inRow];
            acc = new float[outRow];
            cache = new float[slots][];
            tag = new int[slots];
            java.util.Arrays.fill(tag, -1);
            rr = new float[taps][];
            rw = new float[taps];
        }
    }

    /**
     * Copies {@code n} samples from {@code at} into {@code out} as floats ({@code mask} reads bytes
     * and shorts); {@code vectorShapes} picks, for unsigned shorts, a loop a later JIT vectorises.
     */
    private static void widen(Object src, int at, int n, int mask, float[] out, boolean vectorShapes) {
        if (src instanceof float[] f) {
            System.arraycopy(f, at, out, 0, n);
        } else if (src instanceof short[] s) {
            // One loop per signedness, each with a constant mask (or none), so that each is a plain
            // load-and-convert: JDK 17 still converts one value at a time, later C2s vectorise it.
            if (mask == -1) {
                for (int i = 0; i < n; i++) {
                    out[i] = s[at + i];
                }
            } else if (vectorShapes) {
                // The signed value v plus 65536 when v < 0: for an integer v, -65536 v is at least
                // 65536 when v < 0 and at most 0 otherwise, so the clamp gives 65536 or 0. Later C2s
                // vectorise this (the signed conversion and float min/max), not the masked load.
                for (int i = 0; i < n; i++) {
                    float v = s[at + i];
                    out[i] = v + Math.max(0f, Math.min(65536f, -65536f * v));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = s[at + i] & 0xFFFF;
                }
            }
        } else {
            byte[] b = (byte[]) src;
            if (mask == -1) {
                for (int i = 0; i < n; i++) {
                    out[i] = b[at + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = b[at + i] & 0xFF;
                }
            }
        }
    }

    /**
     * {@code out[i] = sum over t < m of w[t] * rows[t][i]} for {@code i < n}, in passes of up
     * to three rows (contiguous float loops that C2 vectorises). Weights sum to 1, so m &ge; 1.
     * Six rows in one loop (Lanczos-3) is no faster where C2 vectorises it (JDK 25) and is left
     * scalar on JDK 17 (4.1 against 1.0 ms for the 4096 x 3328 resize's 832 rows): C2 gives up on
     * loops that read more than four or so arrays or offsets it cannot relate.
     * Output and inputs are indexed alike: with an offset on the output (as into a padded row) C2
     * cannot rule out an overlap with an input row at another index and leaves the loop scalar (3x
     * slower on JDK 17).
     */
    private static void vertical(float[][] rows, float[] w, int m, float[] out, int n) {
        int t;
        if (m >= 3) {
            float w0 = w[0];
            float w1 = w[1];
            float w2 = w[2];
            float[] a = rows[0];
            float[] b = rows[1];
            float[] c = rows[2];
            for (int i = 0; i < n; i++) {
                out[i] = w0 * a[i] + w1 * b[i] + w2 * c[i];
            }
            t = 3;
        } else if (m == 2) {
            float w0 = w[0];
            float w1 = w[1];
            float[] a = rows[0];
            float[] b = rows[1];
            for (int i = 0; i < n; i++) {
                out[i] = w0 * a[i] + w1 * b[i];
            }
            t = 2;
        } else {
            float w0 = w[0];
            float[] a = rows[0];
            for (int i = 0; i < n; i++) {
                out[i] = w0 * a[i];
            }
            t = 1;
        }
        for (; t + 2 < m; t += 3) {
            float w0 = w[t];
            float w1 = w[t + 1];
            float w2 = w[t + 2];
            float[] a = rows[t];
            float[] b = rows[t + 1];
            float[] c = rows[t + 2];
            for (int i = 0; i < n; i++) {
                out[i] += w0 * a[i] + w1 * b[i] + w2 * c[i];
            }
        }
        if (t + 1 < m) {
            float w0 = w[t];
            float w1 = w[t + 1];
            float[] a = rows[t];
            float[] b = rows[t + 1];
            for (int i = 0; i < n; i++) {
                out[i] += w0 * a[i] + w1 * b[i];
            }
        } else if (t < m) {
            float w0 = w[t];
            float[] a = rows[t];
            for (int i = 0; i < n; i++) {
                out[i] += w0 * a[i];
            }
        }
    }

    /** Whether no sample of {@code s[at, at + n)} is negative (as a signed short). */
    private static boolean signBitFree(short[] s, int at, int n) {
        // A float min over the converted samples: later C2s vectorise it (an int or short
        // reduction of the samples they leave scalar).
        float m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.min(m, s[at + i]);
        }
        return m >= 0;
    }

    /**
     * {@link #vertical} with the rows read as signed shorts at offsets {@code at[t]} of {@code s}:
     * the same passes and the same float operations in the same order (a short converts to float
     * exactly, as the cached path's widening does), so the same result. One loop converts and
     * blends; later C2s vectorise it.
     */
    private static void verticalShorts(short[] s, int[] at, float[] w, int m, float[] out, int n) {
        int t;
        if (m >= 3) {
            float w0 = w[0];
            float w1 = w[1];
            float w2 = w[2];
            int a = at[0];
            int b = at[1];
            int c = at[2];
            for (int i = 0; i < n; i++) {
                out[i] = w0 * s[a + i] + w1 * s[b + i] + w2 * s[c + i];
            }
            t = 3;
        } else if (m == 2) {
            float w0 = w[0];
            float w1 = w[1];
            int a = at[0];
            int b = at[1];
            for (int i = 0; i < n; i++) {
                out[i] = w0 * s[a + i] + w1 * s[b + i];
            }
            t = 2;
        } else {
            float w0 = w[0];
            int a = at[0];
            for (int i = 0; i < n; i++) {
                out[i] = w0 * s[a + i];
            }
            t = 1;
        }
        for (; t + 2 < m; t += 3) {
            float w0 = w[t];
            float w1 = w[t + 1];
            float w2 = w[t + 2];
            int a = at[t];
            int b = at[t + 1];
            int c = at[t + 2];
            for (int i = 0; i < n; i++) {
                out[i] += w0 * s[a + i] + w1 * s[b + i] + w2 * s[c + i];
            }
        }
        if (t + 1 < m) {
            float w0 = w[t];
            float w1 = w[t + 1];
            int a = at[t];
            int b = at[t + 1];
            for (int i = 0; i < n; i++) {
                out[i] += w0 * s[a + i] + w1 * s[b + i];
            }
        } else if (t < m) {
            float w0 = w[t];
            int a = at[t];
            for (int i = 0; i < n; i++) {
                out[i] += w0 * s[a + i];
            }
        }
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

    /**
     * Horizontal pass, one channel, from the unpadded row {@code row}: outputs whose taps all lie
     * inside the row read consecutive samples from {@code start} (the common tap counts unrolled);
     * the few at the edges read through the mapped (clamped or mirrored) index table. Every sum
     * runs left to right from tap 0, so each output is the same whichever loop computes it.
     */
    private static void horizontal1(float[] row, Table tx, int w, float[] acc) {
        final int k = tx.taps;
        final int[] st = tx.start;
        final float[] wt = tx.weight;
        final int lo = tx.inLo;
        final int hi = tx.inHi;
        edges(row, tx, 0, Math.min(lo, w), acc);
        if (tx.stepped && (k == 6 || k == 4 || k == 2)) {
            stepped(row, tx, acc);
        } else if (k == 6) {
            for (int u = lo; u < hi; u++) {
                int p = st[u];
                int b = u * 6;
                acc[u] = wt[b] * row[p] + wt[b + 1] * row[p + 1] + wt[b + 2] * row[p + 2]
                        + wt[b + 3] * row[p + 3] + wt[b + 4] * row[p + 4] + wt[b + 5] * row[p + 5];
            }
        } else if (k == 4) {
            for (int u = lo; u < hi; u++) {
                int p = st[u];
                int b = u * 4;
                acc[u] = wt[b] * row[p] + wt[b + 1] * row[p + 1] + wt[b + 2] * row[p + 2] + wt[b + 3] * row[p + 3];
            }
        } else if (k == 2) {
            for (int u = lo; u < hi; u++) {
                int p = st[u];
                int b = u * 2;
                acc[u] = wt[b] * row[p] + wt[b + 1] * row[p + 1];
            }
        } else {
            for (int u = lo; u < hi; u++) {
                int p = st[u];
                int b = u * k;
                float a = 0;
                for (int t = 0; t < k; t++) {
                    a += wt[b + t] * row[p + t];
                }
                acc[u] = a;
            }
        }
        edges(row, tx, Math.max(hi, lo), w, acc);
    }

    /**
     * The inside outputs of a {@link Table#stepped} table of 2, 4 or 6 taps: the weights of the
     * first, in registers, and starts {@code step} apart (the same products and sums as the
     * table-driven loops, so the same results, with a third of their loads).
     */
    private static void stepped(float[] row, Table tx, float[] acc) {
        final int k = tx.taps;
        final int lo = tx.inLo;
        final int hi = tx.inHi;
        final int step = tx.step;
        final float[] wt = tx.weight;
        final int b = lo * k;
        int p = tx.start[lo];
        if (k == 6) {
            float w0 = wt[b];
            float w1 = wt[b + 1];
            float w2 = wt[b + 2];
            float w3 = wt[b + 3];
            float w4 = wt[b + 4];
            float w5 = wt[b + 5];
            for (int u = lo; u < hi; u++, p += step) {
                acc[u] = w0 * row[p] + w1 * row[p + 1] + w2 * row[p + 2] + w3 * row[p + 3] + w4 * row[p + 4] + w5 * row[p + 5];
            }
        } else if (k == 4) {
            float w0 = wt[b];
            float w1 = wt[b + 1];
            float w2 = wt[b + 2];
            float w3 = wt[b + 3];
            for (int u = lo; u < hi; u++, p += step) {
                acc[u] = w0 * row[p] + w1 * row[p + 1] + w2 * row[p + 2] + w3 * row[p + 3];
            }
        } else {
            float w0 = wt[b];
            float w1 = wt[b + 1];
            for (int u = lo; u < hi; u++, p += step) {
                acc[u] = w0 * row[p] + w1 * row[p + 1];
            }
        }
    }

    /** Outputs {@code [from, to)} of the horizontal pass through the mapped index table. */
    private static void edges(float[] row, Table tx, int from, int to, float[] acc) {
        final int k = tx.taps;
        final int[] ix = tx.index;
        final float[] wt = tx.weight;
        for (int u = from; u < to; u++) {
            int b = u * k;
            float a = 0;
            for (int t = 0; t < k; t++) {
                a += wt[b + t] * row[ix[b + t]];
            }
            acc[u] = a;
        }
    }

    /**
     * Fills the {@code pad} samples on each side of a padded row (interior at {@code pad * ch}) with
     * the clamped or mirrored edge samples, as the index table maps them.
     */
    private static void pad(float[] row, int pad, int sw, int ch, boolean mirror) {
        for (int i = 1; i <= pad; i++) {
            int l = mirror ? Taps.mirror(-i, sw) : 0;
            int r = mirror ? Taps.mirror(sw - 1 + i, sw) : sw - 1;
            for (int c = 0; c < ch; c++) {
                row[(pad - i) * ch + c] = row[(pad + l) * ch + c];
                row[(pad + sw - 1 + i) * ch + c] = row[(pad + r) * ch + c];
            }
        }
    }

    private static void horizontalN(float[] row, int pad, Table tx, int w, int ch, float[] acc) {
        final int k = tx.taps;
        final int[] st = tx.start;
        final float[] wt = tx.weight;
        for (int u = 0; u < w; u++) {
            int p = (st[u] + pad) * ch;
            int b = u * k;
            for (int c = 0; c < ch; c++) {
                float a = 0;
                for (int t = 0; t < k; t++) {
                    a += wt[b + t] * row[p + t * ch + c];
                }
                acc[u * ch + c] = a;
            }
        }
    }

    /**
     * Rounds half up and clamps into the type's range: clamped to [0, span] after shifting by
     * {@code -lo}, {@code x + 0.5} is non-negative, so the truncating int conversion floors it. In
     * float, {@code x + 0.5} may round up to the next integer when {@code x} lies within a float
     * ulp (at most 2^-8 here) below a half: such a result is the neighbour (the tolerance of one
     * unit every short and byte result has). NaN gives the lowest value. A float clamp with
     * {@code Math.min}/{@code max} and no double: later C2s vectorise the loop, JDK 17 runs it
     * as fast as the double form.
     */
    private static void storeShorts(float[] v, short[] d, int off, int n, boolean signed) {
        if (signed) {
            for (int i = 0; i < n; i++) {
                float x = Math.max(0f, Math.min(65535f, v[i] + 32768f));
                d[off + i] = (short) ((int) (x + 0.5f) - 32768);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float x = Math.max(0f, Math.min(65535f, v[i]));
                d[off + i] = (short) (int) (x + 0.5f);
            }
        }
    }

    /** {@link #storeShorts} for bytes. */
    private static void storeBytes(float[] v, byte[] d, int off, int n, boolean signed) {
        if (signed) {
            for (int i = 0; i < n; i++) {
                float x = Math.max(0f, Math.min(255f, v[i] + 128f));
                d[off + i] = (byte) ((int) (x + 0.5f) - 128);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float x = Math.max(0f, Math.min(255f, v[i]));
                d[off + i] = (byte) (int) (x + 0.5f);
            }
        }
    }
}
