// SPDX-License-Identifier: Apache-2.0
/**
 * Aperture's JPEG codecs (ITU-T T.81 / ISO 10918-1): baseline and extended sequential DCT
 * (SOF0, SOF1, 8 and 12 bits) and lossless process 14 (SOF3, 2..16 bits, all predictors),
 * decoding and encoding, reached only through {@link dev.aperture.codec.jpeg.JpegCodecProvider}.
 *
 * <p>Not exported. Depends on {@code dev.aperture.imaging}, {@code dev.aperture.image} and
 * {@code dev.aperture.codec}; never on the data model.
 */
package dev.aperture.codec.jpeg;
