// SPDX-License-Identifier: Apache-2.0
package dev.aperture.pixel;

import dev.aperture.image.ByteSamples;
import dev.aperture.image.IntSamples;
import dev.aperture.image.Samples;
import dev.aperture.image.ShortSamples;

/**
 * Extracts stored values from samples as decoded: keeps Bits Stored bits ending at High Bit,
 * and sign-extends them when Pixel Representation is 1 (PS3.3 C.7.6.3.1.4, PS3.5 8.1.1).
 *
 * <p>Branch-free: with {@code a = 31 - highBit} and {@code b = 32 - bitsStored},
 * <pre>
 *   signed:   v' = (v &lt;&lt; a) &gt;&gt;  b
 *   unsigned: v' = (v &lt;&lt; a) &gt;&gt;&gt; b
 * </pre>
 * Proof: {@code v << a} moves bit {@code highBit} to bit 31 and drops every bit above it. The
 * stored field, bits {@code highBit - bitsStored + 1 .. highBit}, is then at bits
 * {@code 32 - bitsStored .. 31}; shifting right by {@code b = 32 - bitsStored} brings it to bits
 * {@code 0 .. bitsStored - 1}, dropping the bits below the field. An arithmetic shift copies
 * bit 31 (the field's sign bit) into every vacated bit, which is two's complement sign
 * extension; a logical shift fills zeros. Both shift counts lie in 0..31 because
 * {@code 1 <= bitsStored <= highBit + 1 <= 32}, so Java's masking of shift counts to five bits
 * never changes them. Bits of {@code v} above bit 15 (or 7) that come from widening a
 * {@code short} (or {@code byte}) are above {@code highBit} and are dropped by the first shift.
 *
 * <p>Immutable and thread-safe.
 */
public final class StoredValues {

    private final int bitsStored;
    private final int highBit;
    private final boolean signed;
    private final int left;
    private final int right;

    private StoredValues(int bitsStored, int highBit, boolean signed) {
        this.bitsStored = bitsStored;
        this.highBit = highBit;
        this.signed = signed;
        this.left = 31 - highBit;
        this.right = 32 - bitsStored;
    }

    /**
     * Creates the extraction for one image.
     *
     * @param bitsAllocated Bits Allocated (0028,0100): 8, 16 or 32
     * @param bitsStored    Bits Stored (0028,0101)
     * @param highBit       High Bit (0028,0102)
     * @param signed        Pixel Representation (0028,0103) is 1
     * @return the extraction
     * @throws IllegalArgumentException unless {@code 1 <= bitsStored <= highBit + 1 <= bitsAllocated}
     */
    public static StoredValues of(int bitsAllocated, int bitsStored, int highBit, boolean signed) {
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new IllegalArgumentException("bitsAllocated must be 8, 16 or 32");
        }
        if (bitsStored < 1 || highBit + 1 < bitsStored || highBit >= bitsAllocated) {
            throw new IllegalArgumentException("need 1 <= bitsStored <= highBit + 1 <= bitsAllocated");
        }
        return new StoredValues(bitsStored, highBit, signed);
    }

    /** Returns Bits Stored. */
    public int bitsStored() {
        return bitsStored;
    }

    /** Returns High Bit. */
    public int highBit() {
        return highBit;
    }

    /** Returns whether values are sign-extended. */
    public boolean signed() {
        return signed;
    }

    /** Returns the smallest stored value: {@code -2^(bitsStored-1)} when signed, else 0. */
    public long min() {
        return signed ? -(1L << (bitsStored - 1)) : 0;
    }

    /** Returns the largest stored value: {@code 2^(bitsStored-1) - 1} when signed, else {@code 2^bitsStored - 1}. */
    public long max() {
        return signed ? (1L << (bitsStored - 1)) - 1 : (1L << bitsStored) - 1;
    }

    /**
     * Extracts one stored value. For unsigned 32-bit values above {@code 2^31 - 1} the result
     * is negative as an {@code int}; read it with {@link Integer#toUnsignedLong}.
     *
     * @param raw the sample as decoded (a {@code short} or {@code byte} widened as usual)
     * @return the stored value
     */
    public int value(int raw) {
        int v = raw << left;
        return signed ? v >> right : v >>> right;
    }

    /**
     * Replaces each sample by its stored value, in place. Values that do not fit the sample type
     * as signed (unsigned 16-bit values above 32767, say) keep their bit pattern.
     *
     * @param samples the samples (byte, short or int)
     * @throws IllegalArgumentException for float and double samples
     */
    public void applyInPlace(Samples samples) {
        int a = left;
        int b = right;
        if (samples instanceof ShortSamples s) {
            short[] x = s.array();
            int end = s.offset() + s.length();
            if (signed) {
                for (int i = s.offset(); i < end; i++) {
                    x[i] = (short) ((x[i] << a) >> b);
                }
            } else {
                for (int i = s.offset(); i < end; i++) {
                    x[i] = (short) ((x[i] << a) >>> b);
                }
            }
        } else if (samples instanceof ByteSamples s) {
            byte[] x = s.array();
            int end = s.offset() + s.length();
            if (signed) {
                for (int i = s.offset(); i < end; i++) {
                    x[i] = (byte) ((x[i] << a) >> b);
                }
            } else {
                for (int i = s.offset(); i < end; i++) {
                    x[i] = (byte) ((x[i] << a) >>> b);
                }
            }
        } else if (samples instanceof IntSamples s) {
            int[] x = s.array();
            int end = s.offset() + s.length();
            if (signed) {
                for (int i = s.offset(); i < end; i++) {
                    x[i] = (x[i] << a) >> b;
                }
            } else {
                for (int i = s.offset(); i < end; i++) {
                    x[i] = (x[i] << a) >>> b;
                }
            }
        } else {
            throw new IllegalArgumentException("stored values are integers: byte, short or int samples");
        }
    }
}
