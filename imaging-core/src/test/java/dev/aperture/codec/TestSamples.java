// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.DoubleSamples;
import dev.aperture.image.FloatSamples;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Test helpers over samples: little-endian bytes to arrays, and back. */
public final class TestSamples {

    private TestSamples() {
    }

    /** Reads little-endian interleaved samples of {@code bits} bits into the matching array. */
    public static Object fromLittleEndian(byte[] b, int bits, int from, int count) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (bits) {
            case 1, 8: return Arrays.copyOfRange(b, from, from + count);
            case 16: { short[] a = new short[count]; bb.position(from * 2); bb.asShortBuffer().get(a); return a; }
            case 32: { int[] a = new int[count]; bb.position(from * 4); bb.asIntBuffer().get(a); return a; }
            default: { double[] a = new double[count]; bb.position(from * 8); bb.asDoubleBuffer().get(a); return a; }
        }
    }

    /** The array behind a window, trimmed to the window. */
    public static Object contents(Samples s) {
        int o = s.offset();
        int n = s.length();
        if (s instanceof ByteSamples b) {
            return Arrays.copyOfRange(b.array(), o, o + n);
        } else if (s instanceof ShortSamples b) {
            return Arrays.copyOfRange(b.array(), o, o + n);
        } else if (s instanceof IntSamples b) {
            return Arrays.copyOfRange(b.array(), o, o + n);
        } else if (s instanceof FloatSamples b) {
            return Arrays.copyOfRange(b.array(), o, o + n);
        }
        return Arrays.copyOfRange(((DoubleSamples) s).array(), o, o + n);
    }

    /** Wraps a primitive array. */
    public static Samples wrap(Object a) {
        if (a instanceof byte[] x) {
            return ByteSamples.of(x);
        } else if (a instanceof short[] x) {
            return ShortSamples.of(x);
        } else if (a instanceof int[] x) {
            return IntSamples.of(x);
        } else if (a instanceof float[] x) {
            return FloatSamples.of(x);
        }
        return DoubleSamples.of((double[]) a);
    }
}
