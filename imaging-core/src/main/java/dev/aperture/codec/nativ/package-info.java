// SPDX-License-Identifier: Apache-2.0
/**
 * Native (uncompressed) pixel data: frames in Implicit/Explicit VR Little Endian, Deflated
 * Explicit VR Little Endian and Explicit VR Big Endian, decoded into and encoded from
 * {@link dev.aperture.image.Samples}. {@link dev.aperture.codec.nativ.NativeFrames} is the entry
 * the frame API calls (bit offsets of packed 1-bit frames, byte order, OB/OW).
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.image} and
 * {@code dev.aperture.codec}. Not exported.
 */
package dev.aperture.codec.nativ;
