// SPDX-License-Identifier: Apache-2.0
/**
 * JPEG-LS (ITU-T T.87 | ISO/IEC 14495-1) lossless and near-lossless decoding and encoding,
 * transfer syntaxes 1.2.840.10008.1.2.4.80 and .81. Not exported: reached only through
 * {@link dev.aperture.codec.jpegls.JpegLsCodecProvider} as a {@link dev.aperture.codec.CodecProvider}.
 *
 * <p>Depends on {@code dev.aperture.imaging}, {@code dev.aperture.image} and the codec SPI in
 * {@code dev.aperture.codec}; never on the data model.
 */
package dev.aperture.codec.jpegls;
