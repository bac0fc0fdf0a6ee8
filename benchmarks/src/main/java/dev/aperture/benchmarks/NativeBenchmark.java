// SPDX-License-Identifier: Apache-2.0
package dev.aperture.benchmarks;

import dev.aperture.codec.nativ.NativeFrames;
import dev.aperture.codec.nativ.NativeLayout;
import dev.aperture.image.ImageDescriptor;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Photometric;
import dev.aperture.image.ShortSamples;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
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
 * Native (uncompressed) frame decoding through {@link NativeFrames#decode}, one thread, into a
 * caller-owned array, as a ratio to {@code System.arraycopy} of the same bytes (byte[] to
 * byte[]): 16-bit little endian (the common case), 16-bit big endian and 32-bit little endian.
 * The {@code kernel*} methods are the candidate loops the decoder chose between, kept so the
 * choice can be re-checked on another JDK. Frames are noise (no ramps).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar NativeBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 *
 * <p>{@code bytes} counts native bytes per second, {@code pixels} pixels per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NativeBenchmark {

    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    /** Frame size: a CT slice, or a mammography frame (columns x rows). */
    @Param({"512x512", "3328x4096"})
    public String size;

    ImageDescriptor image16;
    ImageDescriptor image32;
    byte[] le16;
    byte[] be16;
    byte[] le32;
    ByteBuffer le16Buffer;
    ByteBuffer be16Buffer;
    ByteBuffer le32Buffer;
    byte[] copyTarget16;
    byte[] copyTarget32;
    short[] shorts;
    int[] ints;
    ShortSamples shortTarget;
    IntSamples intTarget;
    int pixels;

    /** Builds noise frames in each layout. */
    @Setup
    public void setup() {
        String[] wh = size.split("x");
        int cols = Integer.parseInt(wh[0]);
        int rows = Integer.parseInt(wh[1]);
        pixels = rows * cols;
        image16 = ImageDescriptor.of(rows, cols, 1, 16, 16, false, Photometric.MONOCHROME2);
        image32 = ImageDescriptor.of(rows, cols, 1, 32, 32, false, Photometric.MONOCHROME2);
        SplittableRandom rnd = new SplittableRandom(11);
        le16 = new byte[pixels * 2];
        rnd.nextBytes(le16);
        be16 = le16.clone();
        le32 = new byte[pixels * 4];
        rnd.nextBytes(le32);
        le16Buffer = ByteBuffer.wrap(le16);
        be16Buffer = ByteBuffer.wrap(be16);
        le32Buffer = ByteBuffer.wrap(le32);
        copyTarget16 = new byte[le16.length];
        copyTarget32 = new byte[le32.length];
        shorts = new short[pixels];
        ints = new int[pixels];
        shortTarget = ShortSamples.of(shorts);
        intTarget = IntSamples.of(ints);
    }

    /** The peer: {@code System.arraycopy} of a 16-bit frame's bytes. */
    @Benchmark
    public byte[] arraycopy16(Counters c) {
        System.arraycopy(le16, 0, copyTarget16, 0, le16.length);
        c.bytes += le16.length;
        c.pixels += pixels;
        return copyTarget16;
    }

    /** 16-bit little endian through the decoder. */
    @Benchmark
    public ShortSamples decode16(Counters c) {
        NativeFrames.decode(le16Buffer, 0, image16, shortTarget, NativeLayout.LITTLE_ENDIAN);
        c.bytes += le16.length;
        c.pixels += pixels;
        return shortTarget;
    }

    /** 16-bit big endian (OW) through the decoder. */
    @Benchmark
    public ShortSamples decode16BigEndian(Counters c) {
        NativeFrames.decode(be16Buffer, 0, image16, shortTarget, NativeLayout.BIG_ENDIAN_OW);
        c.bytes += be16.length;
        c.pixels += pixels;
        return shortTarget;
    }

    /** The peer of the 32-bit decode. */
    @Benchmark
    public byte[] arraycopy32(Counters c) {
        System.arraycopy(le32, 0, copyTarget32, 0, le32.length);
        c.bytes += le32.length;
        c.pixels += pixels;
        return copyTarget32;
    }

    /** 32-bit little endian through the decoder. */
    @Benchmark
    public IntSamples decode32(Counters c) {
        NativeFrames.decode(le32Buffer, 0, image32, intTarget, NativeLayout.LITTLE_ENDIAN);
        c.bytes += le32.length;
        c.pixels += pixels;
        return intTarget;
    }

    /** Candidate: a heap buffer's little-endian short view, bulk get (JDK copy of memory). */
    @Benchmark
    public short[] kernelShortBufferGet(Counters c) {
        ByteBuffer.wrap(le16).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(shorts, 0, pixels);
        c.bytes += le16.length;
        c.pixels += pixels;
        return shorts;
    }

    /** Candidate: a loop of byte-array-view VarHandle reads. */
    @Benchmark
    public short[] kernelVarHandleLoop(Counters c) {
        byte[] s = le16;
        short[] d = shorts;
        int n = pixels;
        for (int i = 0; i < n; i++) {
            d[i] = (short) LE_SHORT.get(s, 2 * i);
        }
        c.bytes += le16.length;
        c.pixels += pixels;
        return d;
    }

    /** Candidate: a loop of shifts. */
    @Benchmark
    public short[] kernelShiftLoop(Counters c) {
        byte[] s = le16;
        short[] d = shorts;
        int n = pixels;
        for (int i = 0; i < n; i++) {
            d[i] = (short) ((s[2 * i] & 0xFF) | s[2 * i + 1] << 8);
        }
        c.bytes += le16.length;
        c.pixels += pixels;
        return d;
    }

    /** Candidate for big endian: a loop of big-endian byte-array-view VarHandle reads. */
    @Benchmark
    public short[] kernelVarHandleLoopBigEndian(Counters c) {
        byte[] s = be16;
        short[] d = shorts;
        int n = pixels;
        for (int i = 0; i < n; i++) {
            d[i] = (short) BE_SHORT.get(s, 2 * i);
        }
        c.bytes += be16.length;
        c.pixels += pixels;
        return d;
    }

    /** Candidate for big endian: little-endian bulk copy, then a reverseBytes pass over the shorts. */
    @Benchmark
    public short[] kernelCopyThenReverse(Counters c) {
        ByteBuffer.wrap(be16).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(shorts, 0, pixels);
        short[] d = shorts;
        int n = pixels;
        for (int i = 0; i < n; i++) {
            d[i] = Short.reverseBytes(d[i]);
        }
        c.bytes += be16.length;
        c.pixels += pixels;
        return d;
    }
}
