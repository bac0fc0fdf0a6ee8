// SPDX-License-Identifier: Apache-2.0
package dev.aperture.codec.nativ;

/**
 * How native pixel bytes are laid out: byte order, and for Bits Allocated 1 and 8 in big
 * endian, whether the value is OW (16-bit words, so byte pairs are swapped) or OB.
 *
 * <p>In Explicit VR Big Endian (PS3.5 A.3) 16-, 32- and 64-bit samples are big endian as a
 * whole: {@code rtdose_expb.dcm} holds the 32-bit dose values most significant byte first, as
 * the little-endian {@code rtdose.dcm} holds them least significant first (DCMTK 3.6.7
 * {@code dcmconv +te} swaps 16-bit words only and so disagrees; pydicom agrees with this).
 * Samples of 8 bits or less in an OW value are swapped in pairs ({@code SC_rgb_small_odd_big_endian.dcm}).
 */
public enum NativeLayout {
    /** Implicit VR LE, Explicit VR LE, Deflated Explicit VR LE, and encapsulated native frames. */
    LITTLE_ENDIAN,
    /** Explicit VR Big Endian with Pixel Data of VR OB (8- and 1-bit data stored byte by byte). */
    BIG_ENDIAN_OB,
    /** Explicit VR Big Endian with Pixel Data of VR OW (8- and 1-bit data swapped in byte pairs). */
    BIG_ENDIAN_OW;

    /** Returns true for the two big-endian layouts. */
    public boolean bigEndian() {
        return this != LITTLE_ENDIAN;
    }

    /** Returns true when bytes of 8-bit and 1-bit data are swapped in pairs. */
    boolean pairSwapped() {
        return this == BIG_ENDIAN_OW;
    }

    /** Returns the JDK byte order of multi-byte samples. */
    public java.nio.ByteOrder byteOrder() {
        return this == LITTLE_ENDIAN ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
    }
}
