// SPDX-License-Identifier: Apache-2.0
/**
 * The codec SPI: {@link dev.aperture.codec.FrameDecoder}, {@link dev.aperture.codec.FrameEncoder}
 * and {@link dev.aperture.codec.CodecProvider}. Codecs live in sub-packages, which are not exported.
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.compress} and
 * {@code dev.aperture.image}; never on the data model.
 */
package dev.aperture.codec;
