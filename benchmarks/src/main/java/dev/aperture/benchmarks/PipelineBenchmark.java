// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import dev.aperture.pixel.PixelPipeline;
import dev.aperture.pixel.Rescale;
import dev.aperture.pixel.Window;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The display pipeline on a CT-like 16-bit frame (12 bits stored, rescale -1024, window 40/400):
 * the folded lookup table to 8 bits, to modality units as float, and a baseline that evaluates
 * rescale and the C.11.2.1.2 LINEAR formula per pixel. Also native 16-bit frame decoding as a
 * ratio to {@code System.arraycopy} of the same bytes. {@code pixels} counts pixels per second,
 * {@code bytes} native bytes per second.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PipelineBenchmark -f 3 -wi 5 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipelineBenchmark {

    /** Frame size: a CT slice, or a mammography frame. */
    @Param({"512x512", "4096x3328"})
    public String size;

    ImageDescriptor image;
    ShortSamples stored;
    ByteSamples grey;
    FloatSamples hu;
    PixelPipeline pipeline;
    ByteBuffer nativeFrame;
    byte[] nativeBytes;
    byte[] copyTarget;
    ShortSamples decodeTarget;
    Window window;
    Rescale rescale;
    int pixels;

    /** Builds the frame and the pipeline. */
    @Setup
    public void setup() {
        String[] wh = size.split("x");
        int rows = Integer.parseInt(wh[1]);
        int cols = Integer.parseInt(wh[0]);
        image = ImageDescriptor.of(rows, cols, 1, 16, 12, false, Photometric.MONOCHROME2);
        pixels = rows * cols;
        stored = ShortSamples.of(Frames.ctLike(rows, cols, 7));
        grey = ByteSamples.of(new byte[pixels]);
        hu = FloatSamples.of(new float[pixels]);
        rescale = new Rescale(1, -1024);
        window = Window.of(40, 400);
        pipeline = PixelPipeline.of(image, rescale, window, 8);
        ByteBuffer nb = ByteBuffer.allocate(pixels * 2).order(ByteOrder.LITTLE_ENDIAN);
        nb.asShortBuffer().put(stored.array());
        nativeBytes = nb.array();
        nativeFrame = ByteBuffer.wrap(nativeBytes);
        copyTarget = new byte[nativeBytes.length];
        decodeTarget = ShortSamples.of(new short[pixels]);
    }

    /** Stored value to 8-bit display through the one folded table. */
    @Benchmark
    public ByteSamples lutTo8Bit(Counters c) {
        pipeline.apply(stored, grey);
        c.pixels += pixels;
        return grey;
    }

    /** Stored value to modality units (HU) as float, through the table. */
    @Benchmark
    public FloatSamples lutToHounsfield(Counters c) {
        pipeline.toModality(stored, hu);
        c.pixels += pixels;
        return hu;
    }

    /** Baseline: rescale and the LINEAR window formula evaluated per pixel, in double. */
    @Benchmark
    public ByteSamples formulaPerPixel(Counters c) {
        short[] in = stored.array();
        byte[] out = grey.array();
        double slope = rescale.slope();
        double intercept = rescale.intercept();
        double lo = window.center() - 0.5 - (window.width() - 1) / 2;
        double hi = window.center() - 0.5 + (window.width() - 1) / 2;
        double cm = window.center() - 0.5;
        double w1 = window.width() - 1;
        for (int i = 0; i < in.length; i++) {
            double x = (in[i] & 0xFFF) * slope + intercept;
            double y = x <= lo ? 0 : x > hi ? 255 : ((x - cm) / w1 + 0.5) * 255;
            out[i] = (byte) (int) Math.floor(y + 0.5);
        }
        c.pixels += pixels;
        return grey;
    }

    /** Native little-endian 16-bit frame decode into a caller's short[]. */
    @Benchmark
    public ShortSamples nativeDecode(Counters c) {
        NativeFrames.decode(nativeFrame, 0, image, decodeTarget, NativeLayout.LITTLE_ENDIAN);
        c.bytes += nativeBytes.length;
        c.pixels += pixels;
        return decodeTarget;
    }

    /** Baseline for {@link #nativeDecode}: {@code System.arraycopy} of the same bytes. */
    @Benchmark
    public byte[] arraycopy(Counters c) {
        System.arraycopy(nativeBytes, 0, copyTarget, 0, nativeBytes.length);
        c.bytes += nativeBytes.length;
        c.pixels += pixels;
        return copyTarget;
    }
}
