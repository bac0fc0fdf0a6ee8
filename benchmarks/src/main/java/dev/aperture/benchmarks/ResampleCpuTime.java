// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.volume.Frame;
import dev.aperture.volume.FrameResizer;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Mpr;
import dev.aperture.volume.Resampler;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeGeometry;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.joml.Vector3d;

/**
 * Thread CPU time of issue 5's two speed goals taken apart, one thread: the memory-streaming
 * baselines, the conversions and multiply-add loops the resampling kernels are made of (written
 * here in the shapes the library uses, on data of the benchmark's sizes), and the full operations
 * with their JDK peers. Run it on each JDK to see which part of an operation the JIT vectorises.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.aperture.benchmarks.ResampleCpuTime [part...]
 * </pre>
 *
 * <p>Each part: 3 warm-up calls, then the best of 4 rounds of at least {@code -Dround=1000} ms of
 * {@code ThreadMXBean} CPU time; prints ms per operation, ns per element and bytes allocated per
 * operation. Parts named after a loop shape time that loop alone, on data of the operation's
 * size; "vertical6" is the six-row loop the resizer used before session 6, "vertical3x2" the two
 * passes of three rows it uses now. Data as in {@link ResampleBenchmark}: a 512 x 512 x 300 signed 16-bit noise volume
 * (0.7 x 0.7 x 1.5 mm, 157 MB) resliced to 1 mm (358 x 358 x 449) and a 4096 x 3328 unsigned
 * 16-bit noise frame resized to 1024 x 832.
 */
public final class ResampleCpuTime {
    private static final int W = 4096;
    private static final int H = 3328;
    private static final int OW = 1024;
    private static final int OH = 832;

    private static long sink;

    private ResampleCpuTime() {
    }

    /** One measured operation. */
    private interface Op {
        void run();
    }

    private record Part(String name, long elements, Op op) {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional part names (default: all)
     */
    public static void main(String[] args) {
        long roundNanos = Long.getLong("round", 1000) * 1_000_000L;
        // The volume and its reslice.
        VolumeGeometry g = VolumeGeometry.of(new Vector3d(-180, -180, -300), new Vector3d(1, 0, 0),
                new Vector3d(0, 1, 0), new Vector3d(0, 0, 1), 0.7, 0.7, 1.5, 512, 512, 300);
        short[] vol = new short[(int) g.voxelCount()];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < vol.length; i++) {
            vol[i] = (short) (r.nextInt(4096) - 1024);
        }
        short[] copy = new short[vol.length];
        Volume volume = Volume.wrapShorts(g, vol, true);
        Volume iso = Volume.allocate(g.isotropic(1.0), Volume.ValueType.SIGNED_SHORT);
        Resampler linear = Resampler.of(Kernel.LINEAR);
        VolumeGeometry oblique = Mpr.obliquePlane(g, Mpr.center(g), new Vector3d(1, 0.35, 0.2),
                new Vector3d(-0.3, 1, 0.45), 0.7);
        int nx = iso.geometry().columns();
        int ny = iso.geometry().rows();
        int nz = iso.geometry().slices();
        // Reslice tables: output column c reads source columns xi[c], xi[c] + 1 with weight xf[c].
        int[] xi = new int[nx];
        float[] xf = new float[nx];
        for (int c = 0; c < nx; c++) {
            double x = Math.min(Math.max(c / 0.7, 0), 510.999);
            xi[c] = (int) x;
            xf[c] = (float) (x - xi[c]);
        }
        float[] planeA = new float[nx * ny];
        float[] planeB = new float[nx * ny];
        float[] planeC = new float[nx * ny];
        float[] line = new float[512];
        float[] line2 = new float[512];
        short[] out = iso.shortArray();
        // The frame and its resize.
        short[] px = ResampleBenchmark.noise(W * H, 3);
        Frame src = Frame.ofShorts(px, W, H, false);
        Frame dst = Frame.ofShorts(new short[OW * OH], OW, OH, false);
        short[] signedPx = px.clone();
        Frame signedSrc = Frame.ofShorts(signedPx, W, H, true);
        Frame signedDst = Frame.ofShorts(new short[OW * OH], OW, OH, true);
        FrameResizer lanczos = FrameResizer.of(Kernel.LANCZOS3);
        BufferedImage image = ResampleBenchmark.ushortImage(px, W, H);
        BufferedImage imageOut = new BufferedImage(OW, OH, BufferedImage.TYPE_USHORT_GRAY);
        float[] fr = new float[W];
        int[] ir = new int[W];
        float[][] rows = new float[6][W];
        for (float[] row : rows) {
            for (int i = 0; i < W; i++) {
                row[i] = r.nextInt(4096);
            }
        }
        float[] wt6 = {-0.02f, 0.1f, 0.42f, 0.42f, 0.1f, -0.02f};
        int[] st = new int[OW];
        float[] hw = new float[OW * 6];
        for (int u = 0; u < OW; u++) {
            st[u] = Math.min(Math.max(4 * u - 1, 0), W - 6);
            System.arraycopy(wt6, 0, hw, u * 6, 6);
        }
        float[] acc = new float[OW];
        short[] so = new short[OW * OH];

        List<Part> parts = new ArrayList<>();
        // (a) streaming the volume.
        parts.add(new Part("volume.arraycopy", vol.length, () -> System.arraycopy(vol, 0, copy, 0, vol.length)));
        parts.add(new Part("volume.sum", vol.length, () -> sink += sum(vol)));
        parts.add(new Part("volume.widenSignedToFloat", vol.length, () -> widenRows(vol, 512, fr)));
        // (b) widening the frame's 13.6 M samples, row by row into a float (or int) row.
        parts.add(new Part("frame.widenSigned", px.length, () -> widenRows(px, W, fr)));
        parts.add(new Part("frame.widenUnsignedMask", px.length, () -> widenRowsMask(px, W, fr)));
        parts.add(new Part("frame.widenUnsignedXor", px.length, () -> widenRowsXor(px, W, fr)));
        parts.add(new Part("frame.widenUnsignedToInt", px.length, () -> widenRowsInt(px, W, ir)));
        parts.add(new Part("frame.widenUnsignedMinMax", px.length, () -> widenRowsMinMax(px, W, fr)));
        parts.add(new Part("frame.signBitFreeCheck", px.length, () -> {
            for (int a = 0; a + W <= px.length; a += W) {
                sink += signBitFree(px, a, W) ? 1 : 0;
            }
        }));
        // (c) float multiply-add passes of the resize (from cached float rows) and of the reslice.
        parts.add(new Part("frame.vertical6", (long) OH * W, () -> {
            for (int v = 0; v < OH; v++) {
                vertical6(rows, wt6, fr);
            }
        }));
        parts.add(new Part("frame.vertical3x2", (long) OH * W, () -> {
            for (int v = 0; v < OH; v++) {
                vertical3x2(rows, wt6, fr, W);
            }
        }));
        int[] at = new int[6];
        parts.add(new Part("frame.vertical3x2FromShorts", (long) OH * W, () -> {
            for (int v = 0; v < OH; v++) {
                int a = Math.min(Math.max(4 * v - 1, 0), H - 6) * W;
                for (int t = 0; t < 6; t++) {
                    at[t] = a + t * W;
                }
                vertical3x2Shorts(px, at, wt6, fr, W);
            }
        }));
        parts.add(new Part("frame.vertical6FromShorts", (long) OH * W, () -> {
            for (int v = 0; v < OH; v++) {
                int a = Math.min(Math.max(4 * v - 1, 0), H - 6) * W;
                vertical6Shorts(px, a, W, wt6, fr);
            }
        }));
        parts.add(new Part("frame.horizontal6", (long) OH * OW, () -> {
            for (int v = 0; v < OH; v++) {
                horizontal6(rows[v % 6], st, hw, acc);
            }
        }));
        parts.add(new Part("frame.horizontal6Stepped", (long) OH * OW, () -> {
            for (int v = 0; v < OH; v++) {
                horizontal6Stepped(rows[v % 6], 0, 4, wt6, acc);
            }
        }));
        parts.add(new Part("frame.storeShortsMinMax", (long) OH * OW, () -> {
            for (int v = 0; v < OH; v++) {
                storeShortsMinMax(rows[v % 6], so, v * OW, OW);
            }
        }));
        parts.add(new Part("frame.storeShorts", (long) OH * OW, () -> {
            for (int v = 0; v < OH; v++) {
                storeShorts(rows[v % 6], so, v * OW, OW);
            }
        }));
        parts.add(new Part("reslice.xGatherFromShorts", (long) 300 * 512 * nx, () -> {
            for (int s = 0; s < 300; s++) {
                for (int j = 0; j < 512; j++) {
                    xFromShorts(vol, (s * 512 + j) * 512, xi, xf, line, 0, nx);
                }
            }
        }));
        parts.add(new Part("reslice.yBlendFromShorts", (long) 300 * ny * 512, () -> {
            for (int s = 0; s < 300; s++) {
                for (int j = 0; j < ny; j++) {
                    int ra = (s * 512 + Math.min(j * 10 / 7, 510)) * 512;
                    yFromShorts(vol, ra, ra + 512, 0.3f, line, 512);
                }
            }
        }));
        parts.add(new Part("reslice.xGatherFromFloats", (long) 300 * ny * nx, () -> {
            for (int s = 0; s < 300; s++) {
                for (int j = 0; j < ny; j++) {
                    xFromFloats(line2, xi, xf, planeA, j * nx, nx);
                }
            }
        }));
        parts.add(new Part("reslice.zBlendFloat", (long) nz * ny * nx, () -> {
            for (int k = 0; k < nz; k++) {
                zFloat(planeA, planeB, 0.4f, planeC, nx * ny);
            }
        }));
        parts.add(new Part("reslice.zBlendRound", (long) nz * ny * nx, () -> {
            for (int k = 0; k < nz; k++) {
                zRound(planeA, planeB, 0.4f, out, k * nx * ny, nx * ny);
            }
        }));
        // (d) and (e): the operations and their peers.
        parts.add(new Part("lanczos3.u16", (long) OW * OH, () -> lanczos.resize(src, dst)));
        parts.add(new Part("lanczos3.s16", (long) OW * OH, () -> lanczos.resize(signedSrc, signedDst)));
        parts.add(new Part("affineTransformOp.bicubic", (long) OW * OH, () ->
                new AffineTransformOp(AffineTransform.getScaleInstance(0.25, 0.25), AffineTransformOp.TYPE_BICUBIC)
                        .filter(image, imageOut)));
        parts.add(new Part("graphics2d.bicubic", (long) OW * OH, () -> {
            Graphics2D gr = imageOut.createGraphics();
            gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            gr.drawImage(image, 0, 0, OW, OH, null);
            gr.dispose();
        }));
        parts.add(new Part("reslice.trilinear1mm", iso.geometry().voxelCount(), () -> linear.resampleInto(volume, iso)));
        parts.add(new Part("mpr.oblique", oblique.voxelCount(), () -> linear.resample(volume, oblique)));

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf(Locale.ROOT, "# %s %s, round %d ms%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), roundNanos / 1_000_000);
        for (Part p : parts) {
            if (args.length > 0 && !matches(args, p.name)) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                p.op.run();
            }
            double best = Double.MAX_VALUE;
            double bytes = 0;
            for (int round = 0; round < 4; round++) {
                long b0 = mx.getThreadAllocatedBytes(tid);
                long t0 = mx.getCurrentThreadCpuTime();
                long n = 0;
                long t;
                do {
                    p.op.run();
                    n++;
                    t = mx.getCurrentThreadCpuTime() - t0;
                } while (t < roundNanos);
                long b1 = mx.getThreadAllocatedBytes(tid);
                double ms = t / 1e6 / n;
                if (ms < best) {
                    best = ms;
                    bytes = (double) (b1 - b0) / n;
                }
            }
            System.out.printf(Locale.ROOT, "%-28s %9.3f ms  %6.3f ns/elem  %10.0f B/op%n", p.name, best,
                    best * 1e6 / p.elements, bytes);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static boolean matches(String[] args, String name) {
        for (String a : args) {
            if (name.startsWith(a)) {
                return true;
            }
        }
        return false;
    }

    private static int sum(short[] s) {
        int acc = 0;
        for (int i = 0; i < s.length; i++) {
            acc += s[i];
        }
        return acc;
    }

    private static void widenRows(short[] s, int w, float[] out) {
        for (int a = 0; a + w <= s.length; a += w) {
            for (int i = 0; i < w; i++) {
                out[i] = s[a + i];
            }
        }
    }

    private static void widenRowsMask(short[] s, int w, float[] out) {
        for (int a = 0; a + w <= s.length; a += w) {
            for (int i = 0; i < w; i++) {
                out[i] = s[a + i] & 0xFFFF;
            }
        }
    }

    private static void widenRowsXor(short[] s, int w, float[] out) {
        for (int a = 0; a + w <= s.length; a += w) {
            for (int i = 0; i < w; i++) {
                // s ^ 0xFFFF8000 flips bit 15 and keeps the value in short range: u - 32768.
                out[i] = (s[a + i] ^ -32768) + 32768f;
            }
        }
    }

    private static void widenRowsInt(short[] s, int w, int[] out) {
        for (int a = 0; a + w <= s.length; a += w) {
            for (int i = 0; i < w; i++) {
                out[i] = s[a + i] & 0xFFFF;
            }
        }
    }

    private static void vertical6(float[][] rows, float[] w, float[] out) {
        float w0 = w[0];
        float w1 = w[1];
        float w2 = w[2];
        float w3 = w[3];
        float w4 = w[4];
        float w5 = w[5];
        float[] a = rows[0];
        float[] b = rows[1];
        float[] c = rows[2];
        float[] d = rows[3];
        float[] e = rows[4];
        float[] f = rows[5];
        for (int i = 0; i < out.length; i++) {
            out[i] = w0 * a[i] + w1 * b[i] + w2 * c[i] + w3 * d[i] + w4 * e[i] + w5 * f[i];
        }
    }

    private static void widenRowsMinMax(short[] s, int w, float[] out) {
        for (int a = 0; a + w <= s.length; a += w) {
            for (int i = 0; i < w; i++) {
                float v = s[a + i];
                out[i] = v + Math.max(0f, Math.min(65536f, -65536f * v));
            }
        }
    }

    private static boolean signBitFree(short[] s, int at, int n) {
        float m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.min(m, s[at + i]);
        }
        return m >= 0;
    }

    private static void vertical3x2(float[][] rows, float[] w, float[] out, int n) {
        float w0 = w[0];
        float w1 = w[1];
        float w2 = w[2];
        float w3 = w[3];
        float w4 = w[4];
        float w5 = w[5];
        float[] a = rows[0];
        float[] b = rows[1];
        float[] c = rows[2];
        float[] d = rows[3];
        float[] e = rows[4];
        float[] f = rows[5];
        for (int i = 0; i < n; i++) {
            out[i] = w0 * a[i] + w1 * b[i] + w2 * c[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] += w3 * d[i] + w4 * e[i] + w5 * f[i];
        }
    }

    private static void vertical3x2Shorts(short[] s, int[] at, float[] w, float[] out, int n) {
        float w0 = w[0];
        float w1 = w[1];
        float w2 = w[2];
        float w3 = w[3];
        float w4 = w[4];
        float w5 = w[5];
        int a = at[0];
        int b = at[1];
        int c = at[2];
        int d = at[3];
        int e = at[4];
        int f = at[5];
        for (int i = 0; i < n; i++) {
            out[i] = w0 * s[a + i] + w1 * s[b + i] + w2 * s[c + i];
        }
        for (int i = 0; i < n; i++) {
            out[i] += w3 * s[d + i] + w4 * s[e + i] + w5 * s[f + i];
        }
    }

    private static void horizontal6Stepped(float[] row, int p0, int step, float[] w, float[] acc) {
        float w0 = w[0];
        float w1 = w[1];
        float w2 = w[2];
        float w3 = w[3];
        float w4 = w[4];
        float w5 = w[5];
        int p = p0;
        for (int u = 0; u < acc.length - 1; u++, p += step) {
            acc[u] = w0 * row[p] + w1 * row[p + 1] + w2 * row[p + 2] + w3 * row[p + 3] + w4 * row[p + 4] + w5 * row[p + 5];
        }
    }

    private static void storeShortsMinMax(float[] v, short[] d, int off, int n) {
        for (int i = 0; i < n; i++) {
            float x = Math.max(0f, Math.min(65535f, v[i]));
            d[off + i] = (short) (int) (x + 0.5f);
        }
    }

    private static void zFloat(float[] a, float[] b, float fz, float[] out, int n) {
        for (int c = 0; c < n; c++) {
            float v0 = a[c];
            out[c] = v0 + fz * (b[c] - v0);
        }
    }

    private static void vertical6Shorts(short[] s, int a, int w, float[] wt, float[] out) {
        float w0 = wt[0];
        float w1 = wt[1];
        float w2 = wt[2];
        float w3 = wt[3];
        float w4 = wt[4];
        float w5 = wt[5];
        for (int i = 0; i < w; i++) {
            out[i] = w0 * s[a + i] + w1 * s[a + w + i] + w2 * s[a + 2 * w + i] + w3 * s[a + 3 * w + i]
                    + w4 * s[a + 4 * w + i] + w5 * s[a + 5 * w + i];
        }
    }

    private static void horizontal6(float[] row, int[] st, float[] wt, float[] acc) {
        for (int u = 0; u < acc.length; u++) {
            int p = st[u];
            int b = u * 6;
            acc[u] = wt[b] * row[p] + wt[b + 1] * row[p + 1] + wt[b + 2] * row[p + 2]
                    + wt[b + 3] * row[p + 3] + wt[b + 4] * row[p + 4] + wt[b + 5] * row[p + 5];
        }
    }

    private static void storeShorts(float[] v, short[] d, int off, int n) {
        for (int i = 0; i < n; i++) {
            float x = v[i];
            x = x < 0 ? 0 : (x > 65535f ? 65535f : x);
            d[off + i] = (short) (int) Math.floor(x + 0.5);
        }
    }

    private static void xFromShorts(short[] v, int a, int[] pc, float[] f, float[] d, int o, int n) {
        for (int c = 0; c < n; c++) {
            int q = a + pc[c];
            float v0 = v[q];
            d[o + c] = v0 + f[c] * (v[q + 1] - v0);
        }
    }

    private static void yFromShorts(short[] v, int a, int b, float fy, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            float v0 = v[a + i];
            d[i] = v0 + fy * (v[b + i] - v0);
        }
    }

    private static void xFromFloats(float[] line, int[] pc, float[] f, float[] d, int o, int n) {
        for (int c = 0; c < n; c++) {
            int q = pc[c];
            float v0 = line[q];
            d[o + c] = v0 + f[c] * (line[q + 1] - v0);
        }
    }

    private static void zRound(float[] a, float[] b, float fz, short[] out, int d, int n) {
        final float shift = 0.5f + 32768f;
        for (int c = 0; c < n; c++) {
            float v0 = a[c];
            out[d + c] = (short) ((int) (v0 + fz * (b[c] - v0) + shift) - 32768);
        }
    }
}
