// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.DecodedFrame;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.EncodedFrame;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ByteSamples;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.nio.ByteBuffer;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * JPEG-LS decode and encode throughput of Aperture's pure-Java codec, through the public SPI
 * (ServiceLoader, {@code CodecProvider}), on frames built from real CT data (see
 * {@link JpegLsBenchData}): 512 x 512 16-bit signed and 12-bit CT, 2048 x 2048 12-bit, a
 * 3328 x 4096 14-bit mammography-sized frame, and a 640 x 480 8-bit RGB ultrasound-like frame (line interleaved, as the SPI encodes colour).
 * Pixels per second come from the {@link Pixels} counter (ops/s times pixels per frame).
 *
 * <p>Run (the machine is shared, so short):
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar JpegLsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * java -jar benchmarks/target/benchmarks.jar JpegLsBenchmark -p frame=us640x480rgb -p interleave=0,1,2 -f 1 -wi 3 -i 5
 * </pre>
 * Decoding writes into a caller-owned destination, so {@code gc.alloc.rate.norm} shows only the
 * per-frame working state (line buffers, context arrays). The native peer is
 * {@code benchmarks/native/charls_bench.c} on the same frames.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class JpegLsBenchmark {

    /** Which frame. */
    @Param({"ct512x16", "ct512x12", "ct2048x12", "mg3328x4096x14", "us640x480rgb"})
    public String frame;

    /** Transfer syntax: lossless, or near-lossless with NEAR 2. */
    @Param({"lossless"})
    public String mode;

    /**
     * JPEG-LS interleave mode of the colour frame (T.87 Annex B): 0 none, 1 line (the codec's
     * default), 2 sample; greyscale frames have one component and ignore it. Run e.g.
     * {@code -p frame=us640x480rgb -p interleave=0,1,2}.
     */
    @Param({"1"})
    public int interleave;

    ImageDescriptor image;
    Samples source;
    Samples destination;
    ByteBuffer encoded;
    FrameDecoder decoder;
    FrameEncoder encoder;
    EncodeOptions options;

    /** Pixels coded, reported per second next to ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Pixels {
        /** Pixels (rows x columns) coded. */
        public long pixels;

        /** Resets the count at each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            pixels = 0;
        }
    }

    /** Builds the frame, the codec and one encoding of the frame. */
    @Setup
    public void setup() {
        JpegLsBenchData.Frame f = JpegLsBenchData.frame(frame);
        image = f.image();
        source = f.samples() instanceof byte[] b ? ByteSamples.of(b) : ShortSamples.of((short[]) f.samples());
        destination = Samples.allocate(image, 1);
        String ts = mode.equals("lossless") ? "1.2.840.10008.1.2.4.80" : "1.2.840.10008.1.2.4.81";
        CodecProvider p = ServiceLoader.load(CodecProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.name().equals("aperture-jpegls")).findFirst().orElseThrow();
        decoder = p.decoder(ts).orElseThrow();
        encoder = p.encoder(ts).orElseThrow();
        options = EncodeOptions.DEFAULT.withNearLossless(mode.equals("lossless") ? 0 : 2)
                .withJpegLsInterleave(interleave);
        encoded = ByteBuffer.wrap(encoder.encode(source, image, options).bytes());
    }

    /** Decodes the frame into the caller's destination. */
    @Benchmark
    public DecodedFrame decode(Pixels counter) {
        counter.pixels += image.pixelsPerFrame();
        return decoder.decode(encoded, image, destination);
    }

    /** Encodes the frame. */
    @Benchmark
    public EncodedFrame encode(Pixels counter) {
        counter.pixels += image.pixelsPerFrame();
        return encoder.encode(source, image, options);
    }
}
