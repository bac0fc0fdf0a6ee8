// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.codec.CodecProvider;
import dev.aperture.codec.EncodeOptions;
import dev.aperture.codec.FrameDecoder;
import dev.aperture.codec.FrameEncoder;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RLE Lossless and Deflated Image Frame Compression on one 512 x 512 16-bit CT-like frame
 * (noisy tissue, constant air), one thread, codec only, decoding into a caller-owned array.
 * The peer of the deflated-frame codec is plain {@code java.util.zip} on the same native bytes.
 * The {@code bytes} counter is decoded (native) bytes per second; {@code pixels} is pixels per
 * second.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar RleBenchmark -f 3 -wi 5 -i 5 -prof gc
 * java -jar benchmarks/target/benchmarks.jar RleBenchmark -prof perfasm   (where perf is available)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RleBenchmark {

    private static final String RLE = "1.2.840.10008.1.2.5";
    private static final String DEFLATED_FRAME = "1.2.840.10008.1.2.8.1";

    ImageDescriptor image;
    ShortSamples source;
    ShortSamples target;
    ByteBuffer rleFrame;
    ByteBuffer deflatedFrame;
    byte[] nativeBytes;
    byte[] deflatedBytes;
    byte[] inflateTarget;
    FrameDecoder rleDecoder;
    FrameEncoder rleEncoder;
    FrameDecoder deflateDecoder;
    FrameEncoder deflateEncoder;
    int frameBytes;
    int framePixels;

    /** Builds the frame and encodes it once with each codec. */
    @Setup
    public void setup() {
        image = ImageDescriptor.of(512, 512, 1, 16, 12, false, Photometric.MONOCHROME2);
        source = ShortSamples.of(Frames.ctLike(512, 512, 42));
        target = ShortSamples.of(new short[512 * 512]);
        rleDecoder = find(RLE).decoder(RLE).orElseThrow();
        rleEncoder = find(RLE).encoder(RLE).orElseThrow();
        deflateDecoder = find(DEFLATED_FRAME).decoder(DEFLATED_FRAME).orElseThrow();
        deflateEncoder = find(DEFLATED_FRAME).encoder(DEFLATED_FRAME).orElseThrow();
        rleFrame = ByteBuffer.wrap(rleEncoder.encode(source, image, EncodeOptions.DEFAULT).bytes());
        deflatedFrame = ByteBuffer.wrap(deflateEncoder.encode(source, image, EncodeOptions.DEFAULT).bytes());
        ByteBuffer nb = ByteBuffer.allocate(512 * 512 * 2).order(ByteOrder.LITTLE_ENDIAN);
        nb.asShortBuffer().put(source.array());
        nativeBytes = nb.array();
        deflatedBytes = deflatedFrame.array();
        inflateTarget = new byte[nativeBytes.length];
        frameBytes = nativeBytes.length;
        framePixels = 512 * 512;
    }

    private static CodecProvider find(String uid) {
        for (CodecProvider p : ServiceLoader.load(CodecProvider.class)) {
            if (p.transferSyntaxes().contains(uid)) {
                return p;
            }
        }
        throw new IllegalStateException("no provider for " + uid);
    }

    /** RLE Lossless decode into the caller's short[]. */
    @Benchmark
    public ShortSamples rleDecode(Counters c) {
        rleDecoder.decode(rleFrame, image, target);
        c.bytes += frameBytes;
        c.pixels += framePixels;
        return target;
    }

    /** RLE Lossless encode (allocates the encoded frame). */
    @Benchmark
    public byte[] rleEncode(Counters c) {
        c.bytes += frameBytes;
        c.pixels += framePixels;
        return rleEncoder.encode(source, image, EncodeOptions.DEFAULT).bytes();
    }

    /** Deflated Image Frame Compression decode into the caller's short[]. */
    @Benchmark
    public ShortSamples deflatedFrameDecode(Counters c) {
        deflateDecoder.decode(deflatedFrame, image, target);
        c.bytes += frameBytes;
        c.pixels += framePixels;
        return target;
    }

    /** Deflated Image Frame Compression encode. */
    @Benchmark
    public byte[] deflatedFrameEncode(Counters c) {
        c.bytes += frameBytes;
        c.pixels += framePixels;
        return deflateEncoder.encode(source, image, EncodeOptions.DEFAULT).bytes();
    }

    /** Peer: plain raw inflate of the same bytes into a byte[] (no sample conversion). */
    @Benchmark
    public byte[] jdkInflate(Counters c) throws DataFormatException {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(deflatedBytes);
            int n = 0;
            while (!inf.finished() && n < inflateTarget.length) {
                n += inf.inflate(inflateTarget, n, inflateTarget.length - n);
            }
        } finally {
            inf.end();
        }
        c.bytes += frameBytes;
        c.pixels += framePixels;
        return inflateTarget;
    }

    /** Peer: plain raw deflate of the native bytes at the default level. */
    @Benchmark
    public byte[] jdkDeflate(Counters c) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(nativeBytes.length / 2);
        try {
            d.setInput(nativeBytes);
            d.finish();
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
        } finally {
            d.end();
        }
        c.bytes += frameBytes;
        c.pixels += framePixels;
        return out.toByteArray();
    }
}
