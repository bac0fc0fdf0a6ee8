// SPDX-License-Identifier: Apache-2.0
/**
 * RLE Lossless (transfer syntax 1.2.840.10008.1.2.5, PS3.5 Annex G): decoder, encoder and their
 * {@link dev.aperture.codec.CodecProvider}.
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.compress},
 * {@code dev.aperture.image} and {@code dev.aperture.codec}. Not exported.
 */
package dev.aperture.codec.rle;
