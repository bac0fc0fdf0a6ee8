// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.volume.Frame;
import dev.aperture.volume.FrameResizer;
import dev.aperture.volume.Kernel;
import dev.aperture.volume.Mpr;
import dev.aperture.volume.Resampler;
import dev.aperture.volume.SlabMode;
import dev.aperture.volume.Volume;
import dev.aperture.volume.VolumeGeometry;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.joml.Vector3d;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Volumes and resampling (issue 5): trilinear reslice of a 512 x 512 x 300 16-bit noise volume
 * (0.7 x 0.7 x 1.5 mm, the size; {@code -p slices=200} for the earlier sessions' 200) to 1 mm
 * isotropic, an oblique trilinear MPR plane, a 20 mm MIP slab, a
 * 2-D 512 x 512 to 224 x 224 resize, and a Lanczos-3 resize of a 4096 x 3328 frame to 1024 wide,
 * with {@code java.awt} {@code AffineTransformOp} and {@code Graphics2D.drawImage} as peers on the
 * same data, and two memory-streaming baselines (copying the source array; summing it in a Java loop).
 *
 * <p>The {@code voxels} counter is output voxels (or pixels) per second: divide by 1e6 for Mvoxel/s.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ResampleBenchmark -prof gc}
 * (add {@code -prof perfasm} to see the inner loops).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 5)
@Measurement(iterations = 5)
public class ResampleBenchmark {

    /** Output voxels per operation. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Voxels {
        /** Output voxels produced. */
        public long voxels;
    }

    /** The executor: none (the calling thread, through the overloads without one) or a pool of two. */
    @State(Scope.Benchmark)
    public static class Exec {
        /** Threads doing the work. */
        @Param({"1", "2"})
        public int threads;
        ExecutorService pool;

        /** Starts the pool. */
        @Setup(Level.Trial)
        public void setUp() {
            pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        }

        /** Stops the pool. */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    /** A CT-like 16-bit noise volume and the target grids. */
    @State(Scope.Benchmark)
    public static class VolumeData {
        /** Source slices: 300 as in the issue; 200 was used before session 3. */
        @Param({"300"})
        public int slices;
        Volume volume;
        Volume isoOut;
        VolumeGeometry oblique;
        VolumeGeometry coronal;
        short[] copy;
        Resampler linear = Resampler.of(Kernel.LINEAR);

        /** Builds the data. */
        @Setup(Level.Trial)
        public void setUp() {
            VolumeGeometry g = VolumeGeometry.of(new Vector3d(-180, -180, -300), new Vector3d(1, 0, 0),
                    new Vector3d(0, 1, 0), new Vector3d(0, 0, 1), 0.7, 0.7, 1.5, 512, 512, slices);
            short[] s = new short[(int) g.voxelCount()];
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) (r.nextInt(4096) - 1024);
            }
            volume = Volume.wrapShorts(g, s, true);
            isoOut = Volume.allocate(g.isotropic(1.0), Volume.ValueType.SIGNED_SHORT);
            oblique = Mpr.obliquePlane(g, Mpr.center(g), new Vector3d(1, 0.35, 0.2), new Vector3d(-0.3, 1, 0.45), 0.7);
            coronal = Mpr.plane(g, Mpr.Orientation.CORONAL, Mpr.center(g), 0.7);
            copy = new short[s.length];
        }
    }

    /** A 512 x 512 16-bit frame. */
    @State(Scope.Benchmark)
    public static class SmallFrame {
        /** Kernel of the Aperture resize. */
        @Param({"LINEAR", "LANCZOS3", "AREA"})
        public String kernel;
        Frame src;
        Frame dst;
        FrameResizer resizer;
        BufferedImage image;
        BufferedImage out;

        /** Builds the data. */
        @Setup(Level.Trial)
        public void setUp() {
            short[] px = noise(512 * 512, 2);
            src = Frame.ofShorts(px, 512, 512, false);
            dst = Frame.ofShorts(new short[224 * 224], 224, 224, false);
            resizer = FrameResizer.of(Kernel.valueOf(kernel));
            image = ushortImage(px, 512, 512);
            out = new BufferedImage(224, 224, BufferedImage.TYPE_USHORT_GRAY);
        }
    }

    /** A 4096 x 3328 16-bit frame (a large CR/DX image). */
    @State(Scope.Benchmark)
    public static class LargeFrame {
        Frame src;
        Frame dst;
        FrameResizer lanczos = FrameResizer.of(Kernel.LANCZOS3);
        BufferedImage image;
        BufferedImage out;

        /** Builds the data. */
        @Setup(Level.Trial)
        public void setUp() {
            short[] px = noise(4096 * 3328, 3);
            src = Frame.ofShorts(px, 4096, 3328, false);
            dst = Frame.ofShorts(new short[1024 * 832], 1024, 832, false);
            image = ushortImage(px, 4096, 3328);
            out = new BufferedImage(1024, 832, BufferedImage.TYPE_USHORT_GRAY);
        }
    }

    static short[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) r.nextInt(4096);
        }
        return s;
    }

    static BufferedImage ushortImage(short[] px, int w, int h) {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        System.arraycopy(px, 0, ((DataBufferUShort) b.getRaster().getDataBuffer()).getData(), 0, px.length);
        return b;
    }

    /** Trilinear reslice to 1 mm isotropic (358 x 358 x 449 voxels; x 299 for 200 slices) into a preallocated volume. */
    @Benchmark
    public Volume trilinearIsotropic(VolumeData d, Exec e, Voxels c) {
        if (e.pool == null) {
            d.linear.resampleInto(d.volume, d.isoOut);
        } else {
            d.linear.resampleInto(d.volume, d.isoOut, e.pool);
        }
        c.voxels += d.isoOut.geometry().voxelCount();
        return d.isoOut;
    }

    /** Baseline: stream the source through memory once (copy the 157 MB array; 105 MB for 200 slices). */
    @Benchmark
    public short[] streamCopyBaseline(VolumeData d, Voxels c) {
        System.arraycopy(d.volume.shortArray(), 0, d.copy, 0, d.copy.length);
        c.voxels += d.copy.length;
        return d.copy;
    }

    /**
     * Baseline: read every source voxel once as a number in a plain Java loop (sum of the
     * source). Unlike {@code arraycopy} (a vectorised memory copy no arithmetic loop can match on
     * JDK 17, which does not vectorise short-to-int widening), this is the cheapest loop that turns
     * every stored value into a number, as the reslice must.
     */
    @Benchmark
    public int streamSumBaseline(VolumeData d, Voxels c) {
        short[] s = d.volume.shortArray();
        int acc = 0;
        for (int i = 0; i < s.length; i++) {
            acc += s[i];
        }
        c.voxels += s.length;
        return acc;
    }

    /** One oblique trilinear MPR plane through the centre, 0.7 mm pixels. */
    @Benchmark
    public Volume obliquePlane(VolumeData d, Exec e, Voxels c) {
        Volume v = e.pool == null ? d.linear.resample(d.volume, d.oblique)
                : d.linear.resample(d.volume, d.oblique, e.pool);
        c.voxels += d.oblique.voxelCount();
        return v;
    }

    /** A 20 mm coronal MIP slab, samples 0.7 mm apart (30 per pixel); counts output pixels. */
    @Benchmark
    public Volume mipSlab(VolumeData d, Exec e, Voxels c) {
        Volume v = e.pool == null ? d.linear.slab(d.volume, d.coronal, 20, 0.7, SlabMode.MAX)
                : d.linear.slab(d.volume, d.coronal, 20, 0.7, SlabMode.MAX, e.pool);
        c.voxels += d.coronal.voxelCount();
        return v;
    }

    /** 512 x 512 to 224 x 224 with the Aperture kernel. */
    @Benchmark
    public Frame resize224(SmallFrame f, Exec e, Voxels c) {
        if (e.pool == null) {
            f.resizer.resize(f.src, f.dst);
        } else {
            f.resizer.resize(f.src, f.dst, e.pool);
        }
        c.voxels += 224 * 224;
        return f.dst;
    }

    /** Peer: {@code AffineTransformOp} bilinear, 512 x 512 to 224 x 224. */
    @Benchmark
    public BufferedImage resize224AffineTransformOpBilinear(SmallFrame f, Voxels c) {
        new AffineTransformOp(AffineTransform.getScaleInstance(224 / 512.0, 224 / 512.0),
                AffineTransformOp.TYPE_BILINEAR).filter(f.image, f.out);
        c.voxels += 224 * 224;
        return f.out;
    }

    /** Peer: {@code AffineTransformOp} bicubic, 512 x 512 to 224 x 224 (the JDK's nearest to Lanczos-3). */
    @Benchmark
    public BufferedImage resize224AffineTransformOpBicubic(SmallFrame f, Voxels c) {
        new AffineTransformOp(AffineTransform.getScaleInstance(224 / 512.0, 224 / 512.0),
                AffineTransformOp.TYPE_BICUBIC).filter(f.image, f.out);
        c.voxels += 224 * 224;
        return f.out;
    }

    /** Peer: {@code Graphics2D.drawImage} with bilinear interpolation, 512 x 512 to 224 x 224. */
    @Benchmark
    public BufferedImage resize224Graphics2dBilinear(SmallFrame f, Voxels c) {
        Graphics2D g = f.out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(f.image, 0, 0, 224, 224, null);
        g.dispose();
        c.voxels += 224 * 224;
        return f.out;
    }

    /** Lanczos-3, 4096 x 3328 to 1024 x 832. */
    @Benchmark
    public Frame lanczos4096To1024(LargeFrame f, Exec e, Voxels c) {
        if (e.pool == null) {
            f.lanczos.resize(f.src, f.dst);
        } else {
            f.lanczos.resize(f.src, f.dst, e.pool);
        }
        c.voxels += 1024 * 832;
        return f.dst;
    }

    /** Peer: {@code AffineTransformOp} bicubic, 4096 x 3328 to 1024 x 832. */
    @Benchmark
    public BufferedImage large4096AffineTransformOpBicubic(LargeFrame f, Voxels c) {
        new AffineTransformOp(AffineTransform.getScaleInstance(0.25, 0.25), AffineTransformOp.TYPE_BICUBIC)
                .filter(f.image, f.out);
        c.voxels += 1024 * 832;
        return f.out;
    }

    /** Peer: {@code Graphics2D.drawImage} bicubic, 4096 x 3328 to 1024 x 832. */
    @Benchmark
    public BufferedImage large4096Graphics2dBicubic(LargeFrame f, Voxels c) {
        Graphics2D g = f.out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(f.image, 0, 0, 1024, 832, null);
        g.dispose();
        c.voxels += 1024 * 832;
        return f.out;
    }
}
